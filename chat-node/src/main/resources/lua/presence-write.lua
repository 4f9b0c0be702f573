-- This node's users of a room, added (a join, or all of them again after Redis came back) or
-- refreshed (a heartbeat: only members that still exist, so a refresh racing with a leave cannot
-- bring the user back for a whole TTL); then lapsed members of any node are dropped.
-- Follows presence-users.lua. KEYS: 1 presence, 2 presence-users
-- ARGV: 1 now (ms), 2 ttl (ms), 3 '1' to refresh only, '0' to add; 4.. members
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local lapses_at = now + ttl
for i = 4, #ARGV do
  if ARGV[3] == '1' then
    redis.call('ZADD', KEYS[1], 'XX', lapses_at, ARGV[i])
  else
    presence_add(KEYS[1], KEYS[2], ARGV[i], lapses_at)
  end
end
presence_prune(KEYS[1], KEYS[2], now)
presence_keep(KEYS[1], KEYS[2], ttl)
return 1
