-- Deletes a room if the owner token's hash matches, then tells the chat nodes on the room's
-- channel (SPUBLISH: the channel is in the room's slot). One script in the room's slot, so the
-- check and the deletion see the same room; the caller then releases the attachments' bytes in
-- the totals and the room's directory entries, each in its own slot (see docs/redis-cluster.md).
-- KEYS: 1 meta, 2 seq, 3 history, 4 client-ids, 5 presence, 6 the room's set of attachment ids,
--       7 first joins, 8 presence-users, 9 the room's attachment bytes, 10 history bytes,
--       11 presence-nodes
-- ARGV: 1 SHA-256 hex of the presented token ('' when none), 2 channel, 3 envelope to publish,
--       4 attachment key head (the key without the id)
-- Returns {'gone'} | {'forbidden'} | {'deleted', attachment id...}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'gone'}
end
-- Comparing hashes, not tokens: timing reveals nothing usable about a token.
local stored = redis.call('HGET', KEYS[1], 'ownerTokenHash')
if not stored or ARGV[1] == '' or stored ~= ARGV[1] then
  return {'forbidden'}
end
local reply = {'deleted'}
-- Attachment keys are built from the set's ids: same room, so same hash slot as KEYS[6].
for _, attachment in ipairs(redis.call('SMEMBERS', KEYS[6])) do
  redis.call('DEL', ARGV[4] .. attachment)
  reply[#reply + 1] = attachment
end
-- Each node's set of users is named '<presence-nodes>:<node>' (RedisKeys.presenceNode, and
-- presence_node_key in the contract's presence-users.lua): the room's hash tag, so its slot.
for _, node in ipairs(redis.call('ZRANGE', KEYS[11], 0, -1)) do
  redis.call('DEL', KEYS[11] .. ':' .. node)
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10],
  KEYS[11])
redis.call('SPUBLISH', ARGV[2], ARGV[3])
return reply
