-- One page of a room's history, newest first, as the stored frames: the room, its
-- historyForNewcomers rule and the reader's first join are read with the messages, so they agree.
-- KEYS: 1 meta, 2 history, 3 first-joins (user id -> the room's seq when that user first joined
--       in this clear period; written by the chat nodes, expiring with the history)
-- ARGV: 1 before (a message id; '' for the newest), 2 limit, 3 reader's user id ('' when unknown)
-- Returns {'ok', frame...} | {'no_such_room'} | {'forbidden'} (no reader) | {'not_member'}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'no_such_room'}
end
local oldest = '-'
if redis.call('HGET', KEYS[1], 'historyForNewcomers') == 'false' then
  if ARGV[3] == '' then
    return {'forbidden'}
  end
  local first = redis.call('HGET', KEYS[3], ARGV[3])
  if not first or not string.match(first, '^%d+$') then
    return {'not_member'}
  end
  -- only what the reader could see: the messages after the last one before they came in
  oldest = '(' .. first .. '-0'
end
-- ids as given, never through tonumber: Lua writes large numbers in exponent form
local newest = ARGV[1] == '' and '+' or '(' .. ARGV[1] .. '-0'
local reply = {'ok'}
for _, entry in ipairs(redis.call('XREVRANGE', KEYS[2], newest, oldest, 'COUNT', ARGV[2])) do
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == 'f' then
      reply[#reply + 1] = fields[i + 1]
    end
  end
end
return reply
