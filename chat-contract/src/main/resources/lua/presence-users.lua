-- A room's presence: the sorted set KEYS 'presence' of '<user id>|<node id>' members, scored with
-- the time each lapses unless its node refreshes it (each node adds, refreshes and removes only
-- its own, so a user on two nodes is not taken out by one of them leaving), and beside it the hash
-- 'presence-users', user id -> number of that user's members, so that the count of distinct users
-- is HLEN, not a scan of every member. Every change of the set goes through these functions, so
-- the two agree; a call costs what changed (members added, removed, lapsed), not the room's size.
-- Prepended to the scripts that use it (Presence.FUNCTIONS).
local function presence_user_of(member)
  return string.match(member, '^(.*)|') or member
end

local function presence_add(zkey, hkey, member, lapses_at)
  if redis.call('ZADD', zkey, lapses_at, member) == 1 then
    redis.call('HINCRBY', hkey, presence_user_of(member), 1)
  end
end

local function presence_remove(zkey, hkey, member)
  if redis.call('ZREM', zkey, member) == 1 then
    local user = presence_user_of(member)
    if redis.call('HINCRBY', hkey, user, -1) <= 0 then
      redis.call('HDEL', hkey, user)
    end
  end
end

-- members whose node stopped refreshing them (it died) leave
local function presence_prune(zkey, hkey, now)
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', zkey, '-inf', now)) do
    presence_remove(zkey, hkey, member)
  end
end

-- both keys go once no node refreshes them
local function presence_keep(zkey, hkey, ttl)
  redis.call('PEXPIRE', zkey, ttl * 2)
  redis.call('PEXPIRE', hkey, ttl * 2)
end

local function present_users(zkey, hkey, now)
  presence_prune(zkey, hkey, now)
  return redis.call('HLEN', hkey)
end
