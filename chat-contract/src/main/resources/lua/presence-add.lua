-- One member added to a room's presence, as a chat node adds its users. Follows presence-users.lua.
-- KEYS: 1 presence, 2 presence-users; ARGV: 1 member, 2 lapses at (ms), 3 ttl (ms) for the keys
presence_add(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]))
presence_keep(KEYS[1], KEYS[2], tonumber(ARGV[3]))
return 1
