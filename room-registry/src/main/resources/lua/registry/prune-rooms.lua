-- Drops index entries (room index and name index) of rooms whose meta key is gone. The meta is
-- re-checked here, so a room re-created under the same id meanwhile is never dropped.
-- KEYS: 1 room index, 2 name index
-- ARGV: 1 meta key head, 2 meta key tail, 3.. candidate room ids
-- Returns the number of room index entries removed.
local gone = {}
local any = false
local removed = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  if redis.call('EXISTS', ARGV[1] .. id .. ARGV[2]) == 0 then
    removed = removed + redis.call('SREM', KEYS[1], id)
    gone[id] = true
    any = true
  end
end
if any then
  local names = redis.call('HGETALL', KEYS[2])
  for i = 1, #names, 2 do
    if gone[names[i + 1]] then
      redis.call('HDEL', KEYS[2], names[i])
    end
  end
end
return removed
