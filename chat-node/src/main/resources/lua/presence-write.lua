-- This node's users of a room added (a join, or all of them again after its entry lapsed or Redis
-- lost it), the node's entry pushed back; then lapsed nodes (and lapsed legacy members) are
-- dropped. The roster hears of every user who came or went. Follows presence-users.lua.
-- KEYS: 1 presence (legacy), 2 presence-users, 3 presence-names, 4 presence-version, 5 presence-nodes
-- ARGV: 1 now (ms), 2 ttl (ms), 3 channel, 4 node id, 5 presence id, 6.. pairs of user id and name
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local p = presence_keys(KEYS[1], KEYS[2], KEYS[5])
local roster = roster_new(KEYS[3], KEYS[4], ARGV[3], ARGV[4])
presence_beat(p, ARGV[5], now + ttl, roster)
for i = 6, #ARGV - 1, 2 do
  presence_join(p, ARGV[5], ARGV[i], roster, ARGV[i + 1])
end
presence_prune(p, now, roster)
roster_publish(roster)
presence_keep(p, ttl, roster, ARGV[5])
return 1
