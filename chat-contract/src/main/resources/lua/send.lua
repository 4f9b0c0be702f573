-- Accepts one message atomically, so it is stored and published or not at all. The room must
-- exist; a clientId already accepted in this clear period returns the original message (or,
-- when the history no longer holds it, the resend under the original id) and stores nothing.
-- Follows history.lua (history_append).
-- KEYS: 1 meta, 2 seq, 3 history, 4 client-ids, 5 history bytes, 6.. attachments the message refers to
-- ARGV: 1 channel, 2 node id, 3 frame head, 4 frame tail, 5 clientId or '',
--       6 next clear boundary (epoch ms), 7 history max length, 8 now (epoch ms),
--       9 history max bytes
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'no_such_room'}
end
for i = 6, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    return {'bad_attachment'}
  end
end
if ARGV[5] ~= '' then
  local previous = redis.call('HGET', KEYS[4], ARGV[5])
  if previous then
    local entry = redis.call('XRANGE', KEYS[3], previous .. '-0', previous .. '-0')
    if entry[1] then
      return {'duplicate', previous, entry[1][2][2]}
    end
    -- trimmed from the history since: still never stored twice; answered with this resend under
    -- the id it was first given
    return {'duplicate', previous, ARGV[3] .. previous .. ARGV[4]}
  end
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  -- A new sequence starts from Redis' clock in microseconds, not 0: if Redis lost the room's data
  -- (a restart without persistence), ids still only grow, so nodes and pages that saw the old
  -- ones do not take new messages for duplicates. Microseconds, not ms * 1000: every send takes
  -- Redis more than a microsecond, so no sequence outruns this clock, even one lost within the
  -- millisecond it started in.
  local t = redis.call('TIME')
  redis.call('SET', KEYS[2], string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2])))
end
-- as a string: Lua would write a number this large in exponent form
local id = string.format('%.0f', redis.call('INCR', KEYS[2]))
local frame = ARGV[3] .. id .. ARGV[4]
history_append(KEYS[3], KEYS[5], id .. '-0', frame, tonumber(ARGV[7]), tonumber(ARGV[9]))
-- history lives until the next clear boundary, or until the room expires if that comes first
local historyEnd = tonumber(ARGV[6])
local expiry = redis.call('HGET', KEYS[1], 'expirySeconds')
if expiry then
  local ttl = tonumber(expiry) * 1000
  historyEnd = math.min(historyEnd, tonumber(ARGV[8]) + ttl)
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
end
redis.call('PEXPIREAT', KEYS[3], historyEnd)
redis.call('PEXPIREAT', KEYS[5], historyEnd)
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[4], ARGV[5], id)
  redis.call('PEXPIREAT', KEYS[4], historyEnd)
end
redis.call('SPUBLISH', ARGV[1], 'M ' .. id .. ' ' .. ARGV[2] .. '\n' .. frame)
-- a short reply: the sender gets its message through the channel like everyone else
return {'ok', id}
