-- This node's users of a room, added (a join, or all of them again after Redis came back) or
-- refreshed (a heartbeat: only members that still exist, so a refresh racing with a leave cannot
-- bring the user back for a whole TTL); then lapsed members of any node are dropped. The roster
-- hears of every user who came or went. Follows presence-users.lua.
-- KEYS: 1 presence, 2 presence-users, 3 presence-names, 4 presence-version
-- ARGV: 1 now (ms), 2 ttl (ms), 3 '1' to refresh only, '0' to add, 4 channel, 5 node id,
--       6.. members to refresh, or pairs of member and display name to add
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local lapses_at = now + ttl
local roster = roster_new(KEYS[3], KEYS[4], ARGV[4], ARGV[5])
if ARGV[3] == '1' then
  for i = 6, #ARGV do
    redis.call('ZADD', KEYS[1], 'XX', lapses_at, ARGV[i])
  end
else
  for i = 6, #ARGV - 1, 2 do
    presence_add(KEYS[1], KEYS[2], ARGV[i], lapses_at, roster, ARGV[i + 1])
  end
end
presence_prune(KEYS[1], KEYS[2], now, roster)
roster_publish(roster)
presence_keep(KEYS[1], KEYS[2], ttl, roster)
return 1
