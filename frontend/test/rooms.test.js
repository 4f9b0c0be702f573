import test from 'node:test';
import assert from 'node:assert/strict';
import { createRoomPoller, parseRooms } from '../js/rooms.js';
import { FakeScheduler } from '../test-support/fake-scheduler.js';

const flush = () => new Promise((resolve) => setImmediate(resolve)); // lets resolved promises run; no waiting on time

const GENERAL = { id: 'general', name: 'General', clearIntervalSeconds: 300, expirySeconds: null, users: 3, createdAt: 1, nextClearAt: 2, expiresAt: null };

test('parseRooms keeps well-formed rooms in order and fills gaps', () => {
  const rooms = parseRooms([GENERAL, { id: '' }, null, { id: 'x1', users: 'many' }]);
  assert.deepEqual(rooms.map((r) => [r.id, r.name, r.users]), [['general', 'General', 3], ['x1', 'x1', 0]]);
  assert.equal(rooms[0].clearIntervalSeconds, 300);
  assert.deepEqual(parseRooms({ error: 'nope' }), []);
});

test('the poller fetches /api/rooms now and then every 5 s, one request at a time', async () => {
  const scheduler = new FakeScheduler();
  const calls = [];
  const seen = [];
  const poller = createRoomPoller({
    scheduler,
    fetchImpl: async (url) => {
      calls.push(url);
      return { ok: true, status: 200, json: async () => [GENERAL] };
    },
    onRooms: (rooms) => seen.push(rooms),
  });
  poller.start();
  await flush();
  assert.deepEqual(calls, ['/api/rooms']);
  assert.equal(seen.length, 1);
  assert.equal(seen[0][0].name, 'General');
  assert.deepEqual(scheduler.pendingDelays(), [5000]);

  scheduler.advance(4999);
  await flush();
  assert.equal(calls.length, 1);
  scheduler.advance(1);
  await flush();
  assert.equal(calls.length, 2);
  poller.stop();
  scheduler.advance(60_000);
  await flush();
  assert.equal(calls.length, 2, 'no polls after stop');
});

test('a failed poll is reported and polling goes on', async () => {
  const scheduler = new FakeScheduler();
  const errors = [];
  let answer = { ok: false, status: 502, json: async () => ({}) };
  const seen = [];
  const poller = createRoomPoller({
    scheduler,
    fetchImpl: async () => answer,
    onRooms: (rooms) => seen.push(rooms),
    onError: (error) => errors.push(error),
  });
  poller.start();
  await flush();
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /502/);
  answer = { ok: true, status: 200, json: async () => [GENERAL] };
  scheduler.advance(5000);
  await flush();
  assert.equal(seen.length, 1);
  poller.stop();
});
