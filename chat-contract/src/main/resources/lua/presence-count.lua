-- Distinct users present in a room. KEYS: 1 presence, 2 presence-users; ARGV: 1 now (epoch ms).
-- Follows presence-users.lua (see Presence.COUNT).
return present_users(KEYS[1], KEYS[2], ARGV[1])
