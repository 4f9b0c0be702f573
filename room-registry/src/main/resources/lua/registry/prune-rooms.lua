-- Drops the directory's entries (room index, name index and its reverse) of rooms the caller
-- found gone (their meta keys, in other slots, do not exist). Room ids are random and never
-- reused, so a room found gone stays gone; General is never dropped (it is re-created under its
-- fixed id). The directory's slot only; idempotent, so a prune that stops half-way is finished by
-- the next one. A gone room's name is found through the reverse hash: the cost is per gone room.
-- KEYS: 1 room index, 2 name index, 3 room id -> name key
-- ARGV: 1.. room ids found gone
-- Returns the number of room index entries removed.
local removed = 0
for i = 1, #ARGV do
  local id = ARGV[i]
  if id ~= 'general' then
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
