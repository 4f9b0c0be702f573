-- Drops index entries (room index, name index and its reverse) of rooms whose meta key is gone.
-- The meta is re-checked here, so a room re-created under the same id meanwhile is never dropped.
-- A gone room's name is found through the reverse hash: the cost is per gone room, never a scan
-- of every name.
-- KEYS: 1 room index, 2 name index, 3 room id -> name key
-- ARGV: 1 meta key head, 2 meta key tail, 3.. candidate room ids
-- Returns the number of room index entries removed.
local removed = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  if redis.call('EXISTS', ARGV[1] .. id .. ARGV[2]) == 0 then
    removed = removed + redis.call('SREM', KEYS[1], id)
    local name = redis.call('HGET', KEYS[3], id)
    if name then
      if redis.call('HGET', KEYS[2], name) == id then
        redis.call('HDEL', KEYS[2], name)
      end
      redis.call('HDEL', KEYS[3], id)
    end
  end
end
return removed
