-- This node's users of a room added (ARGV 6 '0': users entering), or made exactly the given ones
-- ('1': all of them again after the node's entry lapsed or Redis lost it, or after its set drifted
-- from the node's own list; users it holds beyond them leave), the node's entry pushed back; then
-- lapsed nodes (and lapsed legacy members) are dropped. The roster hears of every user who came
-- or went. Follows presence-users.lua.
-- KEYS: 1 presence (legacy), 2 presence-users, 3 presence-names, 4 presence-version, 5 presence-nodes
-- ARGV: 1 now (ms), 2 ttl (ms), 3 channel, 4 node id, 5 presence id, 6 '1' exactly these, '0' add,
--       7.. pairs of user id and name
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local node = ARGV[5]
local p = presence_keys(KEYS[1], KEYS[2], KEYS[5])
local roster = roster_new(KEYS[3], KEYS[4], ARGV[3], ARGV[4])
presence_beat(p, node, now + ttl, roster)
local given = {}
for i = 7, #ARGV - 1, 2 do
  presence_join(p, node, ARGV[i], roster, ARGV[i + 1])
  given[ARGV[i]] = true
end
if ARGV[6] == '1' then
  -- after the joins, so the set empties (and the entry goes) only when no user is given
  for _, user in ipairs(redis.call('SMEMBERS', presence_node_key(p, node))) do
    if not given[user] then
      presence_leave(p, node, user, roster)
    end
  end
end
presence_prune(p, now, roster)
roster_publish(roster)
presence_keep(p, ttl, roster, node)
return 1
