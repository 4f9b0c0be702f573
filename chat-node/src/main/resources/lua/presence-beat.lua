-- A node's heartbeat in one room: its entry pushed back, one ZADD whatever its users (they are
-- not named: a heartbeat costs the same for one user or thousands); then lapsed nodes (and
-- lapsed legacy members) are dropped, and the roster hears who went. Follows presence-users.lua.
-- KEYS: 1 presence (legacy), 2 presence-users, 3 presence-names, 4 presence-version, 5 presence-nodes
-- ARGV: 1 now (ms), 2 ttl (ms), 3 channel, 4 node id, 5 presence id
-- Returns {lost, users}: lost is 1 when the node's entry was missing (it lapsed and another node
-- pruned it, or Redis lost it): the node must add its users of the room again; users is how many
-- users the node's set holds (SCARD), for the node to compare with its own.
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local p = presence_keys(KEYS[1], KEYS[2], KEYS[5])
local roster = roster_new(KEYS[3], KEYS[4], ARGV[3], ARGV[4])
-- the node's own entry first, so a node late by more than the TTL keeps its users rather than
-- pruning them itself
local lost = presence_beat(p, ARGV[5], now + ttl, roster)
presence_prune(p, now, roster)
roster_publish(roster)
presence_keep(p, ttl, roster, ARGV[5])
return {lost and 1 or 0, redis.call('SCARD', presence_node_key(p, ARGV[5]))}
