-- Step 2 of creating a room (the directory's slot): claims the name for the new room and lists it,
-- or changes nothing. The caller read the name's holder and found it gone (or there was none):
-- the claim holds only if the holder is still that one, so two creators of one name cannot both
-- win. A holder whose meta is gone is a room that ended (a meta exists before its name is
-- claimed), so its entries go with the claim.
-- KEYS: 1 room index, 2 name index (name key -> id), 3 id -> name key
-- ARGV: 1 room id, 2 name key, 3 the holder the caller found gone ('' for none), 4 most live rooms
-- Returns 'changed' (another holder now: read again) | 'full' | 'claimed'
local holder = redis.call('HGET', KEYS[2], ARGV[2])
if (holder or '') ~= ARGV[3] then
  return 'changed'
end
if holder then
  redis.call('SREM', KEYS[1], holder)
  redis.call('HDEL', KEYS[3], holder)
end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return 'full'
end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 'claimed'
