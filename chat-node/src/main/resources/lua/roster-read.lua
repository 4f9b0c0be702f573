-- Who is in a room, for a page that just joined or must start over: the version of the last
-- change and up to ARGV[1] users with their names (all of them when there are no more; otherwise
-- a random sample, so the cost is the cap, not the room). Changes nothing but starting the
-- version when Redis has none (see roster_version). Follows presence-users.lua.
-- KEYS: 1 presence-names, 2 presence-version; ARGV: 1 cap
-- Returns {version, number of users, {id, name, id, name, ...}}
local cap = tonumber(ARGV[1])
local total = redis.call('HLEN', KEYS[1])
local people
if total <= cap then
  people = redis.call('HGETALL', KEYS[1])
elseif cap > 0 then
  people = redis.call('HRANDFIELD', KEYS[1], cap, 'WITHVALUES')
else
  people = {}
end
return {roster_version(KEYS[2]), total, people}
