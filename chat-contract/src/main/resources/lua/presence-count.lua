-- Distinct users present in a room, read only (users whose every membership is on a lapsed node,
-- or is a lapsed legacy member, are not counted, and left for the nodes' next write to drop, which
-- tells the room who left). KEYS: 1 presence (legacy), 2 presence-users, 3 presence-nodes;
-- ARGV: 1 now (epoch ms). Follows presence-users.lua (see Presence.COUNT).
return present_users_at(presence_keys(KEYS[1], KEYS[2], KEYS[3]), ARGV[1])
