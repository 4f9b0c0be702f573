-- KEYS: 1 presence; ARGV: 1 now (epoch ms). Follows presence-users.lua (see Presence.COUNT).
return present_users(KEYS[1], ARGV[1])
