-- Distinct users present in a room. Members are '<user id>|<node id>' (each node adds and removes
-- only its own, so a user on two nodes is not taken out by one of them leaving), scored with the
-- time they lapse unless their node refreshes them. A function, so that every script that counts
-- (presence-count.lua, the node's enter.lua) counts the same way.
local function present_users(presence_key, now)
  local members = redis.call('ZRANGEBYSCORE', presence_key, '(' .. now, '+inf')
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
end
