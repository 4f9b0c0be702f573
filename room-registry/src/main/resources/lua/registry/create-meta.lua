-- Step 1 of creating a room (the room's slot): its meta hash, with the room's expiry, unless the
-- id is taken. Until step 2 puts it in the room index nobody knows the id: a room whose creation
-- stops here is never listed and expires by itself (see docs/redis-cluster.md).
-- KEYS: 1 meta of the new room
-- ARGV: 1 room expiry ms, 2.. meta field, value, ...
-- Returns 'collision' | 'written'
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'collision'
end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 'written'
