import test from 'node:test';
import assert from 'node:assert/strict';
import { OPS_KEY_HEADER, fetchOps, parseOps } from '../js/ops-api.js';

function fakeFetch(status, body, calls = []) {
  return async (url, init = {}) => {
    calls.push({ url, init });
    return { status, ok: status >= 200 && status < 300, json: async () => body };
  };
}

const heartbeat = {
  node: 'node-1', at: 1000, draining: false, connections: 12, rooms: 3, receivedPerSecond: 1.5, deliveredPerSecond: 9,
  sendP99Ms: 2.2, history: { endAt: 990, stepMs: 10, received: [1, 2], delivered: [3, 4] },
};

test('the key goes in X-Ops-Key and a good answer is parsed', async () => {
  const calls = [];
  const answer = await fetchOps(fakeFetch(200, { at: 1000, nodes: [heartbeat], rooms: [{ id: 'general', name: 'General', users: 4 }], redis: { usedMemoryBytes: 10, peakMemoryBytes: 20, maxMemoryBytes: null } }, calls), 's3cret');
  assert.equal(calls[0].url, '/api/ops');
  assert.equal(calls[0].init.headers[OPS_KEY_HEADER], 's3cret');
  assert.equal(answer.ok, true);
  assert.equal(answer.data.nodes[0].id, 'node-1');
  assert.equal(answer.data.nodes[0].connections, 12);
  assert.deepEqual(answer.data.nodes[0].history.received, [1, 2]);
  assert.deepEqual(answer.data.rooms, [{ id: 'general', name: 'General', users: 4 }]);
  assert.equal(answer.data.redis.maxMemoryBytes, null);
});

test('refusals say what to do: ask for the key, the view is off, or try later', async () => {
  assert.equal((await fetchOps(fakeFetch(401, { error: 'missing X-Ops-Key' }), '')).reason, 'key');
  assert.equal((await fetchOps(fakeFetch(403, { error: 'wrong X-Ops-Key' }), 'x')).reason, 'key');
  assert.equal((await fetchOps(fakeFetch(404, { error: 'no such endpoint: /api/ops' }), 'x')).reason, 'off');
  const down = await fetchOps(fakeFetch(503, { error: 'storage unavailable, try again' }), 'x');
  assert.deepEqual([down.reason, down.error], ['down', 'storage unavailable, try again']);
  const offline = await fetchOps(async () => { throw new TypeError('Failed to fetch'); }, 'x');
  assert.deepEqual([offline.ok, offline.reason], [false, 'down']);
  assert.equal((await fetchOps(fakeFetch(200, { rooms: [] }), 'x')).reason, 'down', 'not the view');
});

test('malformed parts are dropped or zeroed, never trusted', () => {
  const data = parseOps({
    at: 'soon',
    nodes: [heartbeat, { node: '' }, null, { node: 'node-2', connections: '7', sendP99Ms: 'fast', history: { received: 'x' } }],
    rooms: [{ id: 'a', users: 'many' }, { name: 'no id' }],
    redis: null,
  });
  assert.equal(data.at, 0);
  assert.deepEqual(data.nodes.map((n) => n.id), ['node-1', 'node-2']);
  assert.equal(data.nodes[1].connections, 0);
  assert.equal(data.nodes[1].sendP99Ms, null);
  assert.deepEqual(data.nodes[1].history.received, []);
  assert.deepEqual(data.rooms, [{ id: 'a', name: 'a', users: 0 }]);
  assert.deepEqual(data.redis, { usedMemoryBytes: 0, peakMemoryBytes: 0, maxMemoryBytes: null });
  assert.equal(parseOps({ nodes: 'none' }), null);
  assert.equal(parseOps(null), null);
});
