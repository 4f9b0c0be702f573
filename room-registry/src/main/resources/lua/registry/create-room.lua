-- Creates a room, or changes nothing at all. One script, so two requests for the same name
-- cannot both win and a refused request leaves no trace (the rate counter included).
-- KEYS: 1 meta of the new room, 2 room index, 3 name index, 4 creation counter of the client,
--       5 room id -> name key
-- ARGV: 1 room id, 2 name key (NFKC case-folded name), 3 meta key head, 4 meta key tail,
--       5 creations allowed per window, 6 counter TTL ms, 7 room expiry ms, 8 most live rooms,
--       9.. meta field, value, ...
-- Returns {'rate'} | {'full'} | {'taken', holder id} | {'collision'} | {'created'}
-- Note: the holder's meta key is built here, not declared in KEYS; like GeneralRoom.ENSURE_SCRIPT
-- the script spans several slots: the registry needs a single Redis (or one shard), not a cluster.
local count = tonumber(redis.call('GET', KEYS[4]) or '0')
if count >= tonumber(ARGV[5]) then
  return {'rate'}
end
-- at most ARGV[8] live rooms: before refusing, drop the index entries whose room is gone (only
-- at the cap, where the index holds about that many)
local most = tonumber(ARGV[8])
if redis.call('SCARD', KEYS[2]) >= most then
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    if redis.call('EXISTS', ARGV[3] .. id .. ARGV[4]) == 0 then
      redis.call('SREM', KEYS[2], id)
      local name = redis.call('HGET', KEYS[5], id)
      if name and redis.call('HGET', KEYS[3], name) == id then
        redis.call('HDEL', KEYS[3], name)
      end
      redis.call('HDEL', KEYS[5], id)
    end
  end
  if redis.call('SCARD', KEYS[2]) >= most then
    return {'full'}
  end
end
local holder = redis.call('HGET', KEYS[3], ARGV[2])
if holder and redis.call('EXISTS', ARGV[3] .. holder .. ARGV[4]) == 1 then
  return {'taken', holder}
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'collision'}
end
redis.call('HSET', KEYS[1], unpack(ARGV, 9))
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[5], ARGV[1], ARGV[2])
if holder then
  redis.call('HDEL', KEYS[5], holder)
end
if redis.call('INCR', KEYS[4]) == 1 then
  redis.call('PEXPIRE', KEYS[4], ARGV[6])
end
return {'created'}
