-- A user left a room on this node; the roster hears of it when it was the user's last member.
-- Follows presence-users.lua. KEYS: 1 presence, 2 presence-users, 3 presence-names,
-- 4 presence-version; ARGV: 1 member, 2 channel, 3 node id
local roster = roster_new(KEYS[3], KEYS[4], ARGV[2], ARGV[3])
presence_remove(KEYS[1], KEYS[2], ARGV[1], roster)
roster_publish(roster)
return 1
