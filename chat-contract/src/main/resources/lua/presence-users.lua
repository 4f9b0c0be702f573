-- A room's presence, kept so that a heartbeat costs one write per room and node whatever its
-- users, and everything else costs what changed:
--   'presence-nodes'      sorted set: presence id of a live node (Presence.instance) -> epoch ms
--                         when it lapses unless that node's heartbeat pushes it back;
--   'presence-nodes:<id>' set: the users that node has in the room (its memberships);
--   'presence-users'      hash: user id -> number of that user's memberships, so the count of
--                         distinct users is HLEN, not a scan (a user on two nodes counts once,
--                         and one node leaving does not take that user out).
-- A node's set is named here from the nodes key and the node's id, not passed in KEYS: it begins
-- with the nodes key, so its hash tag is the room's '{<room id>}' (the first braces in the name;
-- the prefix may hold none) whatever the id holds, and it lives in the room's slot on a Redis
-- Cluster like every key the script declares. RedisKeys.presenceNode names the same key.
-- Every change goes through these functions, so the hash always equals the sum of the sets (plus
-- legacy members, below). Prepended to the scripts that use them (Presence.FUNCTIONS).
--
-- Rollout: nodes of the previous release keep the sorted set 'presence' of '<user id>|<node id>'
-- members, each scored with its own lapse time, counted in the same 'presence-users'. While such
-- nodes still run, their lapsed members are pruned and left out of the count here as well
-- (ZRANGEBYSCORE -inf now: costs the lapsed ones), so nothing lingers when an old node dies.
--
-- The roster (optional: nil for callers that only count): the chat nodes' scripts also keep the
-- hash 'presence-names' (user id -> display name) of the same users as 'presence-users', and
-- publish every change of who is present on the room's channel, one 'R <version> <node>'
-- envelope per script call whose body has a line per user: '+<id>\t<name>' (present, under that
-- name) or '-<id>' (gone). The version comes from the counter 'presence-version', which starts
-- from Redis' clock (microseconds) when missing, so it only grows even if Redis lost the room.

-- p: the room's presence keys (legacy sorted set, per-user hash, nodes sorted set)
local function presence_keys(legacy, users, nodes)
  return {legacy = legacy, users = users, nodes = nodes}
end

local function presence_node_key(p, node)
  return p.nodes .. ':' .. node
end

-- a legacy member's user
local function presence_user_of(member)
  return string.match(member, '^(.*)|') or member
end

local function roster_new(names, version, channel, node)
  return {names = names, version = version, channel = channel, node = node, order = {}, lines = {}}
end

-- the last change of a user in this call is the one that counts
local function roster_note(roster, user, line)
  if roster.lines[user] == nil then
    table.insert(roster.order, user)
  end
  roster.lines[user] = line
end

-- a user present under a (new) name: only when present, so a rename never brings anyone back
local function roster_rename(hkey, roster, user, name)
  if redis.call('HEXISTS', hkey, user) == 1 then
    redis.call('HSET', roster.names, user, name)
    roster_note(roster, user, '+' .. user .. '\t' .. name)
  end
end

-- the version counter, started from Redis' clock when missing (a minute until presence_keep gives
-- it the presence keys' expiry): a snapshot read after Redis lost the room is then still newer
-- than anything a page was told before
local function roster_version(key)
  local version = redis.call('GET', key)
  if not version then
    local t = redis.call('TIME')
    -- microseconds, as send.lua's sequences, so a version lost and restarted at once still grows
    version = string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2]))
    redis.call('SET', key, version, 'PX', 60000)
  end
  return version
end

local function roster_publish(roster)
  if roster == nil or #roster.order == 0 then
    return
  end
  roster_version(roster.version)
  local version = string.format('%.0f', redis.call('INCR', roster.version))
  local lines = {}
  for i, user in ipairs(roster.order) do
    lines[i] = roster.lines[user]
  end
  redis.call('SPUBLISH', roster.channel, 'R ' .. version .. ' ' .. roster.node .. '\n' .. table.concat(lines, '\n'))
end

-- one more membership of the user: present (and announced) with the first
local function presence_user_in(p, user, roster, name)
  if redis.call('HINCRBY', p.users, user, 1) == 1 and roster then
    redis.call('HSET', roster.names, user, name)
    roster_note(roster, user, '+' .. user .. '\t' .. name)
  end
end

-- one membership less: gone (and announced) with the last
local function presence_user_out(p, user, roster)
  if redis.call('HINCRBY', p.users, user, -1) <= 0 then
    redis.call('HDEL', p.users, user)
    if roster then
      redis.call('HDEL', roster.names, user)
      roster_note(roster, user, '-' .. user)
    end
  end
end

-- a node's memberships all dropped with its set (a dead node's, or what a lost entry left behind)
local function presence_node_drop(p, node, roster)
  local set = presence_node_key(p, node)
  for _, user in ipairs(redis.call('SMEMBERS', set)) do
    presence_user_out(p, user, roster)
  end
  redis.call('DEL', set)
end

-- The node alive until lapses_at: one ZADD, whatever its users. True when its entry was missing
-- (its first write in the room, or it lapsed and was pruned, or Redis lost it): then its set
-- counts nothing any more (whatever it still holds is dropped), and the node must add its users
-- again.
local function presence_beat(p, node, lapses_at, roster)
  if redis.call('ZADD', p.nodes, lapses_at, node) == 1 then
    presence_node_drop(p, node, roster)
    return true
  end
  return false
end

local function presence_join(p, node, user, roster, name)
  if redis.call('SADD', presence_node_key(p, node), user) == 1 then
    presence_user_in(p, user, roster, name)
  end
end

-- a node left with no users in the room has no entry to keep either
local function presence_leave(p, node, user, roster)
  local set = presence_node_key(p, node)
  if redis.call('SREM', set, user) == 1 then
    presence_user_out(p, user, roster)
    if redis.call('EXISTS', set) == 0 then
      redis.call('ZREM', p.nodes, node)
    end
  end
end

-- Nodes that stopped beating (they died) leave with their users, and so do lapsed legacy members:
-- costs what lapsed.
local function presence_prune(p, now, roster)
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', p.legacy, '-inf', now)) do
    redis.call('ZREM', p.legacy, member)
    presence_user_out(p, presence_user_of(member), roster)
  end
  for _, node in ipairs(redis.call('ZRANGEBYSCORE', p.nodes, '-inf', now)) do
    presence_node_drop(p, node, roster)
    redis.call('ZREM', p.nodes, node)
  end
end

-- The keys go once no node writes them. A node's set outlives them (4 TTLs against 2): any write
-- after its node lapsed prunes it, and without writes the room's keys go first, so no count can
-- see a lapsed node whose set is already gone (its users would be stuck in 'presence-users').
-- The legacy set is left to the old nodes, which keep its expiry themselves.
local function presence_keep(p, ttl, roster, node)
  redis.call('PEXPIRE', p.nodes, ttl * 2)
  redis.call('PEXPIRE', p.users, ttl * 2)
  if node then
    redis.call('PEXPIRE', presence_node_key(p, node), ttl * 4)
  end
  if roster then
    redis.call('PEXPIRE', roster.names, ttl * 2)
    redis.call('PEXPIRE', roster.version, ttl * 2)
  end
end

-- lapsed nodes dropped (and their users said gone), then the count
local function present_users(p, now, roster)
  presence_prune(p, now, roster)
  return redis.call('HLEN', p.users)
end

-- The count without changing anything: readers that keep no roster (the registry) must not drop
-- lapsed nodes, or the nodes would never hear that those users left. A user counts while one of
-- its memberships is on a node (or legacy member) that has not lapsed. Costs the lapsed members.
local function present_users_at(p, now)
  local lapsed = {}
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', p.legacy, '-inf', now)) do
    local user = presence_user_of(member)
    lapsed[user] = (lapsed[user] or 0) + 1
  end
  for _, node in ipairs(redis.call('ZRANGEBYSCORE', p.nodes, '-inf', now)) do
    for _, user in ipairs(redis.call('SMEMBERS', presence_node_key(p, node))) do
      lapsed[user] = (lapsed[user] or 0) + 1
    end
  end
  local gone = 0
  for user, n in pairs(lapsed) do
    local members = redis.call('HGET', p.users, user)
    if members and tonumber(members) <= n then
      gone = gone + 1
    end
  end
  return redis.call('HLEN', p.users) - gone
end
