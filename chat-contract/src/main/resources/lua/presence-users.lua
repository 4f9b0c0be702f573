-- A room's presence: the sorted set KEYS 'presence' of '<user id>|<node id>' members, scored with
-- the time each lapses unless its node refreshes it (each node adds, refreshes and removes only
-- its own, so a user on two nodes is not taken out by one of them leaving), and beside it the hash
-- 'presence-users', user id -> number of that user's members, so that the count of distinct users
-- is HLEN, not a scan of every member. Every change of the set goes through these functions, so
-- the two agree; a call costs what changed (members added, removed, lapsed), not the room's size.
-- Prepended to the scripts that use it (Presence.FUNCTIONS).
--
-- The roster (optional: nil for callers that only count): the chat nodes' scripts also keep the
-- hash 'presence-names' (user id -> display name) of the same users as 'presence-users', and
-- publish every change of who is present on the room's channel, one 'R <version> <node>'
-- envelope per script call whose body has a line per user: '+<id>\t<name>' (present, under that
-- name) or '-<id>' (gone). The version comes from the counter 'presence-version', which starts
-- from Redis' clock (ms * 1000) when missing, so it only grows even if Redis lost the room.
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
    version = string.format('%.0f', (tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)) * 1000)
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

local function presence_add(zkey, hkey, member, lapses_at, roster, name)
  if redis.call('ZADD', zkey, lapses_at, member) == 1 then
    local user = presence_user_of(member)
    if redis.call('HINCRBY', hkey, user, 1) == 1 and roster then
      redis.call('HSET', roster.names, user, name)
      roster_note(roster, user, '+' .. user .. '\t' .. name)
    end
  end
end

local function presence_remove(zkey, hkey, member, roster)
  if redis.call('ZREM', zkey, member) == 1 then
    local user = presence_user_of(member)
    if redis.call('HINCRBY', hkey, user, -1) <= 0 then
      redis.call('HDEL', hkey, user)
      if roster then
        redis.call('HDEL', roster.names, user)
        roster_note(roster, user, '-' .. user)
      end
    end
  end
end

-- members whose node stopped refreshing them (it died) leave
local function presence_prune(zkey, hkey, now, roster)
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', zkey, '-inf', now)) do
    presence_remove(zkey, hkey, member, roster)
  end
end

-- the keys go once no node refreshes them
local function presence_keep(zkey, hkey, ttl, roster)
  redis.call('PEXPIRE', zkey, ttl * 2)
  redis.call('PEXPIRE', hkey, ttl * 2)
  if roster then
    redis.call('PEXPIRE', roster.names, ttl * 2)
    redis.call('PEXPIRE', roster.version, ttl * 2)
  end
end

-- lapsed members dropped (and said gone), then the count
local function present_users(zkey, hkey, now, roster)
  presence_prune(zkey, hkey, now, roster)
  return redis.call('HLEN', hkey)
end

-- The count without changing anything: readers that keep no roster (the registry) must not drop
-- lapsed members, or the nodes would never hear that those users left. Costs the lapsed members.
local function present_users_at(zkey, hkey, now)
  local lapsed = {}
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', zkey, '-inf', now)) do
    local user = presence_user_of(member)
    lapsed[user] = (lapsed[user] or 0) + 1
  end
  local gone = 0
  for user, n in pairs(lapsed) do
    local members = redis.call('HGET', hkey, user)
    if members and tonumber(members) <= n then
      gone = gone + 1
    end
  end
  return redis.call('HLEN', hkey) - gone
end
