-- A user entering a room, in one call: the room's expiry pushed back (joining is activity), the
-- user present, and a consistent snapshot of the last id given out, the messages the client
-- should see and the room's count of users, read together so nothing slips between them.
-- Follows presence-users.lua (the presence functions); a user new to the room is announced to
-- the room's roster.
-- KEYS: 1 meta, 2 seq, 3 history, 4 client-ids, 5 presence, 6 presence-users, 7 presence-names,
--       8 presence-version
-- ARGV: 1 now (ms), 2 presence member, 3 presence ttl (ms),
--       4 room ttl (ms; '' for a room that does not expire), 5 history expires at (ms),
--       6 since ('' for the newest ARGV[7] messages), 7 newest count, 8 max count after since,
--       9 the user's display name, 10 channel, 11 node id
-- Returns {seq, entries, recovered (1|0), users}
local now = tonumber(ARGV[1])
if ARGV[4] ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  redis.call('PEXPIREAT', KEYS[3], ARGV[5])
  redis.call('PEXPIREAT', KEYS[4], ARGV[5])
end
local ttl = tonumber(ARGV[3])
local roster = roster_new(KEYS[7], KEYS[8], ARGV[10], ARGV[11])
presence_add(KEYS[5], KEYS[6], ARGV[2], now + ttl, roster, ARGV[9])
local users = present_users(KEYS[5], KEYS[6], now, roster)
roster_publish(roster)
presence_keep(KEYS[5], KEYS[6], ttl, roster)

local seq = tonumber(redis.call('GET', KEYS[2]) or '0')
if ARGV[6] == '' then
  return {seq, redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', ARGV[7]), 1, users}
end
local since = tonumber(ARGV[6])
if since >= seq then
  return {seq, {}, 1, users}
end
-- the id as given, not the number: Lua writes large numbers in exponent form
local entries = redis.call('XRANGE', KEYS[3], '(' .. ARGV[6] .. '-0', '+', 'COUNT', ARGV[8])
local recovered = 0
if #entries > 0 then
  local first = tonumber(string.match(entries[1][1], '^%d+'))
  local last = tonumber(string.match(entries[#entries][1], '^%d+'))
  if first <= since + 1 and last == seq then
    recovered = 1
  end
end
return {seq, entries, recovered, users}
