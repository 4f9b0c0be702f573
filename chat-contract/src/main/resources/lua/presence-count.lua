-- Distinct users present in a room. Members are '<user id>|<node id>' (each node adds and removes
-- only its own, so a user on two nodes is not taken out by one of them leaving), scored with the
-- time they lapse unless their node refreshes them.
-- KEYS: 1 presence; ARGV: 1 now (epoch ms)
local members = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')
local seen = {}
local users = 0
for _, member in ipairs(members) do
  local user = string.match(member, '^(.*)|') or member
  if not seen[user] then
    seen[user] = true
    users = users + 1
  end
end
return users
