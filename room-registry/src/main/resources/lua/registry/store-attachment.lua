-- Step 2 of storing an image (the room's slot): stores it in its room, or changes nothing at all:
-- the room may vanish (expire, be deleted) between the registry's read of its meta and this
-- script. Its bytes were already counted in the total of all rooms (reserve-attachment.lua); the
-- caller releases them when this refuses.
-- KEYS: 1 room meta, 2 the attachment, 3 the room's set of attachment ids, 4 the room's
--       presence-users, 5 the room's attachment bytes
-- ARGV: 1 attachment id, 2 MIME type, 3 the image bytes, 4 expires at (epoch ms: the room's next
--       clear boundary, or its end if sooner), 5 uploader's user id, 6 most bytes per room,
--       7 the image's size, 8 now (epoch ms)
-- Returns {'gone'} | {'not_member'} | {'room_full', held} | {'stored', expires at (epoch ms)}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'gone'}
end
-- only someone in the room (present through a chat node) may add to it
if redis.call('HEXISTS', KEYS[4], ARGV[5]) == 0 then
  return {'not_member'}
end
local size = tonumber(ARGV[7])
local roomHeld = tonumber(redis.call('GET', KEYS[5]) or '0')
if roomHeld + size > tonumber(ARGV[6]) then
  return {'room_full', roomHeld}
end
local expiresAt = tonumber(ARGV[4])
redis.call('HSET', KEYS[2], 'type', ARGV[2], 'data', ARGV[3])
redis.call('PEXPIREAT', KEYS[2], expiresAt)
-- the set (and the room's byte count) outlive none of its attachments, and no attachment by much
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('INCRBY', KEYS[5], size)
local setTtl = redis.call('PTTL', KEYS[3])
if setTtl < 0 or tonumber(ARGV[8]) + setTtl < expiresAt then
  redis.call('PEXPIREAT', KEYS[3], expiresAt)
  redis.call('PEXPIREAT', KEYS[5], expiresAt)
end
return {'stored', expiresAt}
