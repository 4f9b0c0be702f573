-- A user left a room on this node; the roster hears of it when it was the user's last membership.
-- Lapsed nodes (and lapsed legacy members) are dropped too. Follows presence-users.lua.
-- KEYS: 1 presence (legacy), 2 presence-users, 3 presence-names, 4 presence-version, 5 presence-nodes
-- ARGV: 1 user id, 2 channel, 3 node id, 4 presence id, 5 now (ms)
local p = presence_keys(KEYS[1], KEYS[2], KEYS[5])
local roster = roster_new(KEYS[3], KEYS[4], ARGV[2], ARGV[3])
presence_leave(p, ARGV[4], ARGV[1], roster)
presence_prune(p, tonumber(ARGV[5]), roster)
roster_publish(roster)
return 1
