-- Stores an uploaded image in its room, or changes nothing at all: the room may vanish (expire,
-- be deleted) between the registry's read of its meta and this script.
-- KEYS: 1 room meta, 2 the attachment, 3 the room's set of attachment ids, 4 upload counter of
--       the client in this minute, 5 the room's presence-users, 6 the room's attachment bytes,
--       7 attachment bytes of all rooms, 8 attachment id -> expires at (sorted set, all rooms),
--       9 attachment id -> size (all rooms)
-- ARGV: 1 attachment id, 2 MIME type, 3 the image bytes, 4 the room's next clear boundary (epoch
--       ms), 5 now (epoch ms), 6 uploads allowed per window, 7 counter TTL ms, 8 uploader's user
--       id, 9 most bytes per room, 10 most bytes in all, 11 the image's size
-- Returns {'gone'} | {'not_member'} | {'rate'} | {'room_full', held} | {'full', held}
--       | {'stored', expires at (epoch ms)}
-- Like the other registry scripts it spans several slots (the all-rooms keys): one Redis.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'gone'}
end
-- only someone in the room (present through a chat node) may add to it
if redis.call('HEXISTS', KEYS[5], ARGV[8]) == 0 then
  return {'not_member'}
end
local count = tonumber(redis.call('GET', KEYS[4]) or '0')
if count >= tonumber(ARGV[6]) then
  return {'rate'}
end
local now = tonumber(ARGV[5])
local size = tonumber(ARGV[11])
-- attachments gone by themselves (cleared, expired) no longer count in all: a bounded pass
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[8], '-inf', now, 'LIMIT', 0, 100)) do
  local held = redis.call('HGET', KEYS[9], gone)
  if held then
    redis.call('DECRBY', KEYS[7], held)
    redis.call('HDEL', KEYS[9], gone)
  end
  redis.call('ZREM', KEYS[8], gone)
end
local roomHeld = tonumber(redis.call('GET', KEYS[6]) or '0')
if roomHeld + size > tonumber(ARGV[9]) then
  return {'room_full', roomHeld}
end
local allHeld = tonumber(redis.call('GET', KEYS[7]) or '0')
if allHeld + size > tonumber(ARGV[10]) then
  return {'full', allHeld}
end
-- lives until the next clear boundary, or until the room expires if that comes first
local expiresAt = tonumber(ARGV[4])
local roomTtl = redis.call('PTTL', KEYS[1])
if roomTtl >= 0 then
  expiresAt = math.min(expiresAt, now + roomTtl)
end
redis.call('HSET', KEYS[2], 'type', ARGV[2], 'data', ARGV[3])
redis.call('PEXPIREAT', KEYS[2], expiresAt)
-- the set (and the room's byte count) outlive none of its attachments, and no attachment by much
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('INCRBY', KEYS[6], size)
local setTtl = redis.call('PTTL', KEYS[3])
if setTtl < 0 or now + setTtl < expiresAt then
  redis.call('PEXPIREAT', KEYS[3], expiresAt)
  redis.call('PEXPIREAT', KEYS[6], expiresAt)
end
redis.call('INCRBY', KEYS[7], size)
redis.call('ZADD', KEYS[8], expiresAt, ARGV[1])
redis.call('HSET', KEYS[9], ARGV[1], size)
if redis.call('INCR', KEYS[4]) == 1 then
  redis.call('PEXPIRE', KEYS[4], ARGV[7])
end
return {'stored', expiresAt}
