-- Deletes a room if the owner token's hash matches, then tells the chat nodes on the room's
-- channel. One script, so the check and the deletion see the same room.
-- KEYS: 1 meta, 2 seq, 3 history, 4 client-ids, 5 presence, 6 room index, 7 name index,
--       8 the room's set of attachment ids, 9 first joins, 10 presence-users, 11 room id -> name key,
--       12 attachment bytes of all rooms, 13 attachment expiries, 14 attachment sizes,
--       15 the room's attachment bytes, 16 history bytes
-- ARGV: 1 room id, 2 SHA-256 hex of the presented token ('' when none), 3 name key,
--       4 channel, 5 envelope to publish, 6 attachment key head (the key without the id)
-- Returns 'gone' | 'forbidden' | 'deleted'
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'gone'
end
-- Comparing hashes, not tokens: timing reveals nothing usable about a token.
local stored = redis.call('HGET', KEYS[1], 'ownerTokenHash')
if not stored or ARGV[2] == '' or stored ~= ARGV[2] then
  return 'forbidden'
end
-- Attachment keys are built from the set's ids: same room, so same hash slot as KEYS[8].
for _, attachment in ipairs(redis.call('SMEMBERS', KEYS[8])) do
  redis.call('DEL', ARGV[6] .. attachment)
  -- its bytes no longer count in all
  local size = redis.call('HGET', KEYS[14], attachment)
  if size then
    redis.call('DECRBY', KEYS[12], size)
    redis.call('HDEL', KEYS[14], attachment)
  end
  redis.call('ZREM', KEYS[13], attachment)
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[8], KEYS[9], KEYS[10], KEYS[15], KEYS[16])
redis.call('SREM', KEYS[6], ARGV[1])
redis.call('HDEL', KEYS[11], ARGV[1])
if redis.call('HGET', KEYS[7], ARGV[3]) == ARGV[1] then
  redis.call('HDEL', KEYS[7], ARGV[3])
end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 'deleted'
