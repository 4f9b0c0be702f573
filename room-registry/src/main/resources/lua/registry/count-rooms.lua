-- Counts the live rooms: ids of the room index whose meta key exists (entries of rooms that are
-- gone stay in the index until a listing prunes them).
-- KEYS: 1 room index
-- ARGV: 1 meta key head, 2 meta key tail
local live = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  live = live + redis.call('EXISTS', ARGV[1] .. id .. ARGV[2])
end
return live
