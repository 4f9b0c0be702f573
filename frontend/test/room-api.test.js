import test from 'node:test';
import assert from 'node:assert/strict';
import { checkRoomName, choices, createRoom, defaultChoice, deleteRoom, fetchRoomOptions, parseRoomOptions } from '../js/room-api.js';

/** A fetch stand-in answering with `status` and `body` (an object as JSON, a string as text), recording calls. */
function fakeFetch(status, body, calls = []) {
  const impl = async (url, init = {}) => {
    calls.push({ url, init });
    return {
      status,
      ok: status >= 200 && status < 300,
      json: async () => (typeof body === 'string' ? JSON.parse(body) : body),
    };
  };
  impl.calls = calls;
  return impl;
}

test('room options come from the server: sorted, deduplicated, whole positive seconds only', () => {
  assert.deepEqual(parseRoomOptions({ clearIntervals: [300, 60, 60, 120, -5, 1.5, '7'], expiries: [600, 120] }), {
    clearIntervals: [60, 120, 300],
    expiries: [120, 600],
  });
  assert.equal(parseRoomOptions({ clearIntervals: [], expiries: [60] }), null, 'nothing to choose from');
  assert.equal(parseRoomOptions(null), null);
});

test('choices are labelled for people; the default is the preferred value or the closest one', () => {
  assert.deepEqual(choices([3, 60, 300, 3600]), [
    { value: '3', label: '3 s' },
    { value: '60', label: '1 min' },
    { value: '300', label: '5 min' },
    { value: '3600', label: '1 hour' },
  ]);
  assert.equal(defaultChoice([60, 120, 300, 600], 300), 300);
  assert.equal(defaultChoice([3, 5], 300), 5);
  assert.equal(defaultChoice([4, 6], 5), 4, 'ties go to the smaller value');
  assert.equal(defaultChoice([], 300), null);
});

test('fetchRoomOptions reads GET /api/rooms/options and reports failures without throwing', async () => {
  const fetchImpl = fakeFetch(200, { clearIntervals: [60, 120, 180, 300, 600], expiries: [120, 300, 600] });
  const result = await fetchRoomOptions(fetchImpl);
  assert.equal(fetchImpl.calls[0].url, '/api/rooms/options');
  assert.deepEqual(result, { ok: true, options: { clearIntervals: [60, 120, 180, 300, 600], expiries: [120, 300, 600] } });
  assert.equal((await fetchRoomOptions(fakeFetch(503, { error: 'storage unavailable, try again' }))).error, 'storage unavailable, try again');
  const offline = await fetchRoomOptions(async () => {
    throw new TypeError('Failed to fetch');
  });
  assert.equal(offline.ok, false);
  assert.equal(offline.status, 0);
});

test('room names are checked like the registry does', () => {
  assert.deepEqual(checkRoomName('  Night owls '), { ok: true, name: 'Night owls' });
  assert.equal(checkRoomName('   ').ok, false);
  assert.equal(checkRoomName('a\u0007b').ok, false);
  assert.equal(checkRoomName('General\u202E').ok, false, 'a bidi override');
  assert.equal(checkRoomName('Gen\u200Deral').ok, false, 'a zero-width joiner');
  assert.equal(checkRoomName('x'.repeat(40)).ok, true);
  assert.equal(checkRoomName('x'.repeat(41)).ok, false);
  assert.equal(checkRoomName('😀'.repeat(40)).ok, true, 'counted in characters, not UTF-16 units');
});

test('createRoom posts the four fields and returns the room and its owner token', async () => {
  const created = { id: 'r1', name: 'Owls', clearIntervalSeconds: 60, expirySeconds: 120, users: 0, createdAt: 5, nextClearAt: 60005, expiresAt: 120005, ownerToken: 'secret' };
  const fetchImpl = fakeFetch(201, created);
  const result = await createRoom(fetchImpl, { name: 'Owls', clearIntervalSeconds: 60, expirySeconds: 120, historyForNewcomers: false });
  const { url, init } = fetchImpl.calls[0];
  assert.equal(url, '/api/rooms');
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['Content-Type'], 'application/json');
  assert.deepEqual(JSON.parse(init.body), { name: 'Owls', clearIntervalSeconds: 60, expirySeconds: 120, historyForNewcomers: false });
  assert.equal(result.ok, true);
  assert.equal(result.ownerToken, 'secret');
  assert.equal(result.room.id, 'r1');
  assert.equal(result.room.expiresAt, 120005);
  assert.equal('ownerToken' in result.room, false, 'the token is not kept with the room');
});

test('createRoom passes on the server refusal text and its field', async () => {
  const taken = await createRoom(fakeFetch(409, { error: 'a room named "Owls" already exists', field: 'name' }), {});
  assert.deepEqual(taken, { ok: false, status: 409, error: 'a room named "Owls" already exists', field: 'name' });
  const bad = await createRoom(fakeFetch(400, { error: 'expirySeconds must be one of [120, 300]', field: 'expirySeconds' }), {});
  assert.equal(bad.field, 'expirySeconds');
  const limited = await createRoom(fakeFetch(429, { error: 'too many rooms created from this address; try again later' }), {});
  assert.deepEqual(limited, { ok: false, status: 429, error: 'too many rooms created from this address; try again later', field: null });
  const unknownField = await createRoom(fakeFetch(400, { error: 'unknown field: x', field: 'x' }), {});
  assert.equal(unknownField.field, null, 'a field the form does not have is shown as a general error');
  const html = await createRoom(fakeFetch(502, '<html>'), {});
  assert.match(html.error, /502/);
});

test('deleteRoom sends the owner token; a room already gone counts as deleted', async () => {
  const fetchImpl = fakeFetch(204, null);
  assert.deepEqual(await deleteRoom(fetchImpl, 'a b', 'tok'), { ok: true, status: 204 });
  assert.equal(fetchImpl.calls[0].url, '/api/rooms/a%20b');
  assert.equal(fetchImpl.calls[0].init.method, 'DELETE');
  assert.equal(fetchImpl.calls[0].init.headers['X-Owner-Token'], 'tok');
  assert.equal((await deleteRoom(fakeFetch(404, { error: 'no such room: x' }), 'x', 't')).ok, true);
  const forbidden = await deleteRoom(fakeFetch(403, { error: 'missing or wrong X-Owner-Token' }), 'x', 'bad');
  assert.deepEqual(forbidden, { ok: false, status: 403, error: 'missing or wrong X-Owner-Token', field: null });
});
