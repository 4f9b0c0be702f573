-- A consistent snapshot of a room's history: the last id given out and the messages a joining
-- client should see, read together so nothing slips between them.
-- KEYS: 1 seq, 2 history
-- ARGV: 1 since ('' for the newest ARGV[2] messages), 2 newest count, 3 max count after since
local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
if ARGV[1] == '' then
  return {seq, redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', ARGV[2]), 1}
end
local since = tonumber(ARGV[1])
if since >= seq then
  return {seq, {}, 1}
end
-- the id as given, not the number: Lua writes large numbers in exponent form
local entries = redis.call('XRANGE', KEYS[2], '(' .. ARGV[1] .. '-0', '+', 'COUNT', ARGV[3])
local recovered = 0
if #entries > 0 then
  local first = tonumber(string.match(entries[1][1], '^%d+'))
  local last = tonumber(string.match(entries[#entries][1], '^%d+'))
  if first <= since + 1 and last == seq then
    recovered = 1
  end
end
return {seq, entries, recovered}
