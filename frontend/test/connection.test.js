import test from 'node:test';
import assert from 'node:assert/strict';
import { Connection, ConnectionState, webSocketUrl } from '../js/connection.js';
import { createBackoff } from '../js/backoff.js';
import { FakeScheduler } from '../test-support/fake-scheduler.js';
import { fakeWebSocketClass } from '../test-support/fake-websocket.js';

const WELCOME = { type: 'welcome', user: { id: 'u1', name: 'Quiet Otter' }, node: 'n1' };

function setup({ random = () => 0.9999999, handshakeTimeoutMs = 10_000 } = {}) {
  const scheduler = new FakeScheduler();
  const WebSocketImpl = fakeWebSocketClass();
  const connection = new Connection({
    url: 'ws://chat.test/ws',
    WebSocketImpl,
    scheduler,
    backoff: createBackoff({ random }),
    handshakeTimeoutMs,
  });
  const states = [];
  const frames = [];
  connection.onState((info) => states.push(info));
  connection.onFrame((frame) => frames.push(frame));
  return { scheduler, WebSocketImpl, connection, states, frames };
}

test('the URL follows the page: wss behind https, ws otherwise, same host and port', () => {
  assert.equal(webSocketUrl({ protocol: 'https:', host: 'chat.example.org' }), 'wss://chat.example.org/ws');
  assert.equal(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }), 'ws://127.0.0.1:8080/ws');
});

test('connecting, then connected only once the server says welcome', () => {
  const { connection, WebSocketImpl, states, frames } = setup();
  assert.equal(connection.state, ConnectionState.DISCONNECTED);
  connection.connect();
  assert.equal(connection.state, ConnectionState.CONNECTING);
  assert.equal(WebSocketImpl.instances.length, 1);
  assert.equal(WebSocketImpl.last().url, 'ws://chat.test/ws');

  WebSocketImpl.last().serverOpen();
  assert.equal(connection.state, ConnectionState.CONNECTING, 'an open socket is not yet a session');

  WebSocketImpl.last().serverSend(WELCOME);
  assert.equal(connection.state, ConnectionState.CONNECTED);
  assert.deepEqual(states.map((s) => s.state), ['connecting', 'connected']);
  assert.deepEqual(frames, [WELCOME]);
});

test('frames are parsed and passed on; junk is dropped', () => {
  const { connection, WebSocketImpl, frames } = setup();
  connection.connect();
  const socket = WebSocketImpl.last();
  socket.serverOpen();
  socket.serverSend(WELCOME);
  socket.serverSend('not json');
  socket.serverSend('[1,2]');
  socket.serverSend({ type: 'presence', room: 'general', users: 2 });
  assert.deepEqual(frames.map((f) => f.type), ['welcome', 'presence']);
});

test('a lost connection schedules a retry, announced with its time, and retries when it is due', () => {
  const { connection, WebSocketImpl, scheduler, states } = setup();
  connection.connect();
  WebSocketImpl.last().serverOpen();
  WebSocketImpl.last().serverSend(WELCOME);

  WebSocketImpl.last().serverClose();
  assert.equal(connection.state, ConnectionState.DISCONNECTED);
  const waiting = states.at(-1);
  assert.equal(waiting.state, 'disconnected');
  assert.equal(waiting.retryAt, scheduler.now() + 499);
  assert.equal(waiting.retryInMs, 499);

  scheduler.advance(498);
  assert.equal(WebSocketImpl.instances.length, 1, 'no retry before the delay');
  scheduler.advance(1);
  assert.equal(WebSocketImpl.instances.length, 2);
  assert.equal(connection.state, ConnectionState.CONNECTING);
});

test('consecutive failures back off exponentially; a welcome resets the backoff', () => {
  const { connection, WebSocketImpl, scheduler, states } = setup();
  connection.connect();
  const delays = [];
  for (let i = 0; i < 4; i += 1) {
    WebSocketImpl.last().serverClose();
    delays.push(states.at(-1).retryInMs);
    scheduler.advance(states.at(-1).retryInMs);
  }
  assert.deepEqual(delays, [499, 999, 1999, 3999]);
  assert.equal(states.at(-1).failures, 4, 'the state report counts failures since the last welcome');

  WebSocketImpl.last().serverOpen();
  WebSocketImpl.last().serverSend(WELCOME);
  WebSocketImpl.last().serverClose();
  assert.equal(states.at(-1).retryInMs, 499, 'back to the base delay after a successful welcome');
});

test('an open without welcome does not reset the backoff', () => {
  const { connection, WebSocketImpl, scheduler, states } = setup();
  connection.connect();
  WebSocketImpl.last().serverClose();
  scheduler.advance(499);
  WebSocketImpl.last().serverOpen();
  WebSocketImpl.last().serverClose();
  assert.equal(states.at(-1).retryInMs, 999);
});

test('a socket that never says welcome is abandoned after the handshake timeout', () => {
  const { connection, WebSocketImpl, scheduler } = setup({ handshakeTimeoutMs: 10_000 });
  connection.connect();
  const stuck = WebSocketImpl.last();
  stuck.serverOpen();
  scheduler.advance(9_999);
  assert.equal(connection.state, ConnectionState.CONNECTING);
  scheduler.advance(1);
  assert.equal(stuck.closeCalls, 1);
  assert.equal(connection.state, ConnectionState.DISCONNECTED);
  assert.ok(connection.retryAt !== null, 'a retry is scheduled');
});

test('the handshake timer is cancelled by the welcome', () => {
  const { connection, WebSocketImpl, scheduler } = setup({ handshakeTimeoutMs: 1000 });
  connection.connect();
  WebSocketImpl.last().serverOpen();
  WebSocketImpl.last().serverSend(WELCOME);
  scheduler.advance(60_000);
  assert.equal(connection.state, ConnectionState.CONNECTED);
  assert.equal(WebSocketImpl.last().closeCalls, 0);
});

test('events of an abandoned socket are ignored', () => {
  const { connection, WebSocketImpl, scheduler, frames } = setup({ handshakeTimeoutMs: 1000 });
  connection.connect();
  const old = WebSocketImpl.last();
  scheduler.advance(1000); // handshake timeout
  scheduler.advance(connection.retryAt - scheduler.now());
  const fresh = WebSocketImpl.last();
  assert.notEqual(old, fresh);
  old.serverSend(WELCOME);
  old.serverClose();
  assert.equal(frames.length, 0);
  assert.equal(connection.state, ConnectionState.CONNECTING);
});

test('disconnect stops for good: no retry fires afterwards', () => {
  const { connection, WebSocketImpl, scheduler, states } = setup();
  connection.connect();
  WebSocketImpl.last().serverClose();
  connection.disconnect();
  assert.equal(states.at(-1).retryAt, null);
  scheduler.advance(60_000);
  assert.equal(WebSocketImpl.instances.length, 1);
  assert.equal(connection.state, ConnectionState.DISCONNECTED);
});

test('disconnect closes the live socket and does not reconnect', () => {
  const { connection, WebSocketImpl, scheduler } = setup();
  connection.connect();
  const socket = WebSocketImpl.last();
  socket.serverOpen();
  socket.serverSend(WELCOME);
  connection.disconnect();
  assert.equal(socket.closeCalls, 1);
  scheduler.advance(60_000);
  assert.equal(WebSocketImpl.instances.length, 1);
});

test('reconnectNow skips the remaining wait', () => {
  const { connection, WebSocketImpl, scheduler } = setup();
  connection.connect();
  WebSocketImpl.last().serverClose();
  connection.reconnectNow();
  assert.equal(WebSocketImpl.instances.length, 2);
  assert.equal(scheduler.pendingDelays().includes(499), false, 'the old retry timer is gone');
  scheduler.advance(499);
  assert.equal(WebSocketImpl.instances.length, 2, 'and does not fire later');
});

test('send serializes to JSON only on an open socket', () => {
  const { connection, WebSocketImpl } = setup();
  assert.equal(connection.send({ type: 'join', room: 'general' }), false);
  connection.connect();
  assert.equal(connection.send({ type: 'join', room: 'general' }), false, 'not while still connecting');
  WebSocketImpl.last().serverOpen();
  assert.equal(connection.send({ type: 'join', room: 'general' }), true);
  assert.deepEqual(WebSocketImpl.last().sent, [{ type: 'join', room: 'general' }]);
});
