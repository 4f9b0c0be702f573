-- A user left a room on this node. Follows presence-users.lua.
-- KEYS: 1 presence, 2 presence-users; ARGV: 1 member
presence_remove(KEYS[1], KEYS[2], ARGV[1])
return 1
