-- Stores an uploaded image in its room, or changes nothing at all: the room may vanish (expire,
-- be deleted) between the registry's read of its meta and this script.
-- KEYS: 1 room meta, 2 the attachment, 3 the room's set of attachment ids, 4 upload counter of
--       the client in this minute
-- ARGV: 1 attachment id, 2 MIME type, 3 the image bytes, 4 the room's next clear boundary (epoch
--       ms), 5 now (epoch ms), 6 uploads allowed per window, 7 counter TTL ms
-- Returns {'gone'} | {'rate'} | {'stored', expires at (epoch ms)}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'gone'}
end
local count = tonumber(redis.call('GET', KEYS[4]) or '0')
if count >= tonumber(ARGV[6]) then
  return {'rate'}
end
-- lives until the next clear boundary, or until the room expires if that comes first
local expiresAt = tonumber(ARGV[4])
local roomTtl = redis.call('PTTL', KEYS[1])
if roomTtl >= 0 then
  expiresAt = math.min(expiresAt, tonumber(ARGV[5]) + roomTtl)
end
redis.call('HSET', KEYS[2], 'type', ARGV[2], 'data', ARGV[3])
redis.call('PEXPIREAT', KEYS[2], expiresAt)
-- the set outlives none of its attachments, and no attachment by much
redis.call('SADD', KEYS[3], ARGV[1])
local setTtl = redis.call('PTTL', KEYS[3])
if setTtl < 0 or tonumber(ARGV[5]) + setTtl < expiresAt then
  redis.call('PEXPIREAT', KEYS[3], expiresAt)
end
if redis.call('INCR', KEYS[4]) == 1 then
  redis.call('PEXPIRE', KEYS[4], ARGV[7])
end
return {'stored', expiresAt}
