-- Takes attachments out of the total of all rooms (the totals' slot): after a refused upload
-- (its reservation) or a deleted room. Idempotent: an id not counted any more changes nothing.
-- KEYS: 1 attachment bytes of all rooms, 2 attachment id -> expires at, 3 attachment id -> size
-- ARGV: 1.. attachment ids
for i = 1, #ARGV do
  local held = redis.call('HGET', KEYS[3], ARGV[i])
  if held then
    redis.call('DECRBY', KEYS[1], held)
    redis.call('HDEL', KEYS[3], ARGV[i])
  end
  redis.call('ZREM', KEYS[2], ARGV[i])
end
return #ARGV
