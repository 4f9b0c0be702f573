import test from 'node:test';
import assert from 'node:assert/strict';
import { createRoomPoller, diffRooms, keepLaterExpiry, nextClearAfter, parseRooms, roomTimers, touchExpiry, withoutGone, withPinned } from '../js/rooms.js';
import { FakeScheduler } from '../test-support/fake-scheduler.js';

const flush = () => new Promise((resolve) => setImmediate(resolve)); // lets resolved promises run; no waiting on time

const GENERAL = { id: 'general', name: 'General', clearIntervalSeconds: 300, expirySeconds: null, users: 3, createdAt: 1, nextClearAt: 2, expiresAt: null };

test('parseRooms keeps well-formed rooms in order and fills gaps', () => {
  const rooms = parseRooms([GENERAL, { id: '' }, null, { id: 'x1', users: 'many' }]);
  assert.deepEqual(rooms.map((r) => [r.id, r.name, r.users]), [['general', 'General', 3], ['x1', 'x1', 0]]);
  assert.equal(rooms[0].clearIntervalSeconds, 300);
  assert.equal(rooms[0].createdAt, 1);
  assert.equal(rooms[0].expirySeconds, null);
  assert.equal(rooms[1].nextClearAt, null, 'missing numbers become null');
  assert.deepEqual(parseRooms({ error: 'nope' }), []);
});

test('the poller fetches /api/rooms now and then every 2 s, one request at a time', async () => {
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
  assert.deepEqual(scheduler.pendingDelays(), [1000], 'polled every second: with the 1 s gateway cache, fresh within 2 s');

  scheduler.advance(999);
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
  scheduler.advance(1000);
  await flush();
  assert.equal(seen.length, 1);
  poller.stop();
});

test('a refresh during a poll is not lost: it polls again right after', async () => {
  const scheduler = new FakeScheduler();
  let release;
  let calls = 0;
  const poller = createRoomPoller({
    scheduler,
    fetchImpl: () => {
      calls += 1;
      return new Promise((resolve) => {
        release = () => resolve({ ok: true, status: 200, json: async () => [GENERAL] });
      });
    },
  });
  poller.start();
  poller.refresh(); // e.g. a room was just created while the first poll is in flight
  assert.equal(calls, 1);
  release();
  await flush();
  assert.equal(calls, 2, 'a second poll follows at once');
  poller.stop();
});

const room = (id, extra = {}) => ({ id, name: id, users: 0, clearIntervalSeconds: 60, expirySeconds: null, createdAt: 0, nextClearAt: 60_000, expiresAt: null, ...extra });

test('diffRooms reports added, removed and changed rooms and reordering', () => {
  const before = [room('general'), room('a'), room('b')];
  const after = [room('general', { users: 4 }), room('b'), room('c')];
  const diff = diffRooms(before, after);
  assert.deepEqual(diff.added, ['c']);
  assert.deepEqual(diff.removed, ['a']);
  assert.deepEqual(diff.changed, ['general']);
  assert.equal(diff.order, false);
  assert.equal(diff.same, false);
  assert.equal(diffRooms(before, before.map((r) => ({ ...r }))).same, true, 'equal content is no change');
  assert.equal(diffRooms([room('a'), room('b')], [room('b'), room('a')]).order, true);
});

test('nextClearAfter rolls a passed nextClearAt forward by whole intervals', () => {
  const r = room('a', { clearIntervalSeconds: 3, nextClearAt: 10_000 });
  assert.equal(nextClearAfter(r, 9_000), 10_000);
  assert.equal(nextClearAfter(r, 10_000), 13_000, 'the boundary itself has passed');
  assert.equal(nextClearAfter(r, 15_500), 16_000);
  assert.equal(nextClearAfter(room('x', { nextClearAt: null }), 1), null);
});

test('roomTimers count down between polls; only rooms with an expiry get one', () => {
  const general = room('general', { clearIntervalSeconds: 300, nextClearAt: 300_000 });
  assert.deepEqual(roomTimers(general, 299_000), { clearsInMs: 1000, expiresInMs: null });
  const custom = room('c', { clearIntervalSeconds: 60, nextClearAt: 60_000, expiresAt: 100_000 });
  assert.deepEqual(roomTimers(custom, 40_000), { clearsInMs: 20_000, expiresInMs: 60_000 });
  assert.deepEqual(roomTimers(custom, 130_000), { clearsInMs: 50_000, expiresInMs: 0 }, 'never negative');
});

test('a room created here stays listed until a poll lists it or its pin lapses', () => {
  const created = room('Zed', { name: 'Zed' });
  const pinned = [{ room: created, until: 10_000 }];
  const polled = [room('general', { name: 'General' }), room('b', { name: 'b' })];
  const early = withPinned(polled, pinned, 1_000);
  assert.deepEqual(early.rooms.map((r) => r.id), ['general', 'b', 'Zed'], 'inserted in listing order');
  assert.equal(early.pinned.length, 1);
  const listed = withPinned([...polled, created], pinned, 2_000);
  assert.equal(listed.pinned.length, 0, 'the pin is dropped once the poll has it');
  const late = withPinned(polled, pinned, 10_000);
  assert.deepEqual(late.rooms.map((r) => r.id), ['general', 'b']);
  const ordered = withPinned([room('general', { name: 'General' }), room('m', { name: 'm' })], [{ room: room('a', { name: 'apple' }), until: 5 }], 0);
  assert.deepEqual(ordered.rooms.map((r) => r.id), ['general', 'a', 'm'], 'General first, then by name');
});

test('rooms known to be gone stay out of the list even if a cached poll still has them', () => {
  const polled = [room('general'), room('x'), room('y')];
  assert.deepEqual(withoutGone(polled, new Set(['x'])).map((r) => r.id), ['general', 'y']);
  assert.equal(withoutGone(polled, new Set()), polled);
});

test('activity pushes an expiring room\'s expiry back locally, never forward', () => {
  const r = room('r', { expirySeconds: 4, expiresAt: 10_000 });
  assert.equal(touchExpiry(r, 9_000).expiresAt, 13_000);
  assert.equal(touchExpiry(r, 5_000), r, 'an older activity changes nothing');
  const general = room('general', { expirySeconds: null });
  assert.equal(touchExpiry(general, 9_000), general, 'rooms without expiry are untouched');
  assert.equal(touchExpiry(room('n', { expirySeconds: 4, expiresAt: null }), 1_000).expiresAt, 5_000);
});

test('a poll older than activity seen here does not move an expiry back', () => {
  const previous = [room('a', { expirySeconds: 4, expiresAt: 20_000 }), room('b', { expirySeconds: 4, expiresAt: 9_000 })];
  const polled = [room('a', { expirySeconds: 4, expiresAt: 18_000 }), room('b', { expirySeconds: 4, expiresAt: 12_000 }), room('c', { expiresAt: 5 })];
  assert.deepEqual(keepLaterExpiry(polled, previous).map((r) => r.expiresAt), [20_000, 12_000, 5]);
});
