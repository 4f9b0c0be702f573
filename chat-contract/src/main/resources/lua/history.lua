-- The history of a room, capped by count and by bytes: prepended to send.lua (Redis scripts
-- cannot include one another). The bytes the history holds are counted beside it, so the cap
-- costs a counter, not a scan; the oldest messages go first, as MAXLEN trims.

-- Appends a message frame and drops the oldest entries until at most maxLen entries and maxBytes
-- bytes of frames are left (the newest always stays). A history that was empty (new, cleared,
-- lost) starts its count afresh.
local function history_append(history, bytes, entryId, frame, maxLen, maxBytes)
  if redis.call('EXISTS', history) == 0 then
    redis.call('SET', bytes, 0)
  end
  redis.call('XADD', history, entryId, 'f', frame)
  local held = redis.call('INCRBY', bytes, #frame)
  local len = redis.call('XLEN', history)
  while (held > maxBytes or len > maxLen) and len > 1 do
    local oldest = redis.call('XRANGE', history, '-', '+', 'COUNT', 1)[1]
    redis.call('XDEL', history, oldest[1])
    held = redis.call('DECRBY', bytes, #oldest[2][2])
    len = len - 1
  end
end
