-- Step 1 of storing an image (the attachment totals' slot): counts its bytes in the total of all
-- rooms, or refuses when that would pass the cap. Entries past their expiry stop counting first
-- (a bounded pass), which also ends a reservation whose upload stopped before step 2.
-- KEYS: 1 attachment bytes of all rooms, 2 attachment id -> expires at (sorted set), 3 attachment
--       id -> size
-- ARGV: 1 attachment id, 2 its size, 3 expires at (epoch ms), 4 now (epoch ms), 5 most bytes in all
-- Returns {'full', held} | {'reserved'}
local now = tonumber(ARGV[4])
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)) do
  local held = redis.call('HGET', KEYS[3], gone)
  if held then
    redis.call('DECRBY', KEYS[1], held)
    redis.call('HDEL', KEYS[3], gone)
  end
  redis.call('ZREM', KEYS[2], gone)
end
local size = tonumber(ARGV[2])
local allHeld = tonumber(redis.call('GET', KEYS[1]) or '0')
if allHeld + size > tonumber(ARGV[5]) then
  return {'full', allHeld}
end
redis.call('INCRBY', KEYS[1], size)
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], size)
return {'reserved'}
