-- One user added to a room's presence on one node, as a chat node adds its users, the node's
-- lapse time set to ARGV 3 (for tools and tests that act as a node). Follows presence-users.lua.
-- KEYS: 1 presence (legacy), 2 presence-users, 3 presence-nodes
-- ARGV: 1 user id, 2 node (presence id), 3 the node lapses at (ms), 4 ttl (ms) for the keys
local p = presence_keys(KEYS[1], KEYS[2], KEYS[3])
presence_beat(p, ARGV[2], tonumber(ARGV[3]))
presence_join(p, ARGV[2], ARGV[1])
presence_keep(p, tonumber(ARGV[4]), nil, ARGV[2])
return 1
