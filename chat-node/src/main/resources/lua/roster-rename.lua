-- A user in the room took a new display name: kept and announced, only while the user is
-- present. Follows presence-users.lua. KEYS: 1 presence-users, 2 presence-names,
-- 3 presence-version; ARGV: 1 user id, 2 name, 3 channel, 4 node id
local roster = roster_new(KEYS[2], KEYS[3], ARGV[3], ARGV[4])
roster_rename(KEYS[1], roster, ARGV[1], ARGV[2])
roster_publish(roster)
return 1
