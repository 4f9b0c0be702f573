-- Distinct users present in a room, read only (lapsed members are not counted, and left for the
-- nodes' next write to drop, which tells the room who left). KEYS: 1 presence, 2 presence-users;
-- ARGV: 1 now (epoch ms). Follows presence-users.lua (see Presence.COUNT).
return present_users_at(KEYS[1], KEYS[2], ARGV[1])
