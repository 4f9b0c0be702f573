-- A user entering a room, in one call: the room's expiry pushed back (joining is activity), the
-- user present, the user's first join of this clear period recorded, and a consistent snapshot
-- of the last id given out, the messages the client should see and the room's count of users,
-- read together so nothing slips between them.
-- Follows presence-users.lua (the presence functions); a user new to the room is announced to
-- the room's roster.
-- KEYS: 1 meta, 2 seq, 3 history, 4 client-ids, 5 presence (legacy), 6 presence-users,
--       7 presence-names, 8 presence-version, 9 first-joins, 10 history bytes, 11 presence-nodes
-- ARGV: 1 now (ms), 2 the node's presence id, 3 presence ttl (ms),
--       4 room ttl (ms; '' for a room that does not expire), 5 end of the clear period (ms: the
--       next clear boundary, or the room's expiry if sooner), when history and first joins expire,
--       6 since ('' for the newest ARGV[7] messages), 7 newest count, 8 max count after since,
--       9 the user's display name, 10 channel, 11 node id, 12 user id,
--       13 '1' when the room hides messages from before a user joined
-- Returns {seq, entries, recovered (1|0), users, lost (1|0)}, or {'no_such_room'} when the room is
-- gone (the node took its settings from what it already knew, without reading them first); lost
-- is 1 when the node's entry of the room was missing (see presence_beat): the node's other users
-- there, if it has any, must be added again
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'no_such_room'}
end
local now = tonumber(ARGV[1])
if ARGV[4] ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  redis.call('PEXPIREAT', KEYS[3], ARGV[5])
  redis.call('PEXPIREAT', KEYS[4], ARGV[5])
  redis.call('PEXPIREAT', KEYS[10], ARGV[5])
end
-- the text as stored, not the number: Lua writes large numbers in exponent form
local seqText = redis.call('GET', KEYS[2]) or '0'
-- A user already present without a first join in this period (through a session that was there
-- before the clear boundary) has been a member since the period began: from 0.
local floor = seqText
if redis.call('HEXISTS', KEYS[6], ARGV[12]) == 1 then
  floor = '0'
end
redis.call('HSETNX', KEYS[9], ARGV[12], floor)
redis.call('PEXPIREAT', KEYS[9], ARGV[5])
local ttl = tonumber(ARGV[3])
local p = presence_keys(KEYS[5], KEYS[6], KEYS[11])
local roster = roster_new(KEYS[7], KEYS[8], ARGV[10], ARGV[11])
local lost = presence_beat(p, ARGV[2], now + ttl, roster) and 1 or 0
presence_join(p, ARGV[2], ARGV[12], roster, ARGV[9])
local users = present_users(p, now, roster)
roster_publish(roster)
presence_keep(p, ttl, roster, ARGV[2])

local seq = tonumber(seqText)
if ARGV[6] == '' then
  return {seq, redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', ARGV[7]), 1, users, lost}
end
local sinceText = ARGV[6]
local gap = false
if ARGV[13] == '1' then
  -- a resume shows nothing from before the user's first join of this period, whatever it asks
  local first = redis.call('HGET', KEYS[9], ARGV[12])
  if tonumber(first) > tonumber(sinceText) then
    sinceText = first
    gap = true
  end
end
local since = tonumber(sinceText)
if since >= seq then
  return {seq, {}, gap and 0 or 1, users, lost}
end
local entries = redis.call('XRANGE', KEYS[3], '(' .. sinceText .. '-0', '+', 'COUNT', ARGV[8])
local recovered = 0
if #entries > 0 and not gap then
  local first = tonumber(string.match(entries[1][1], '^%d+'))
  local last = tonumber(string.match(entries[#entries][1], '^%d+'))
  if first <= since + 1 and last == seq then
    recovered = 1
  end
end
return {seq, entries, recovered, users, lost}
