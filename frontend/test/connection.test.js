import test from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode, Connection, ConnectionState, reconnectPolicy, webSocketUrl } from '../js/connection.js';
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

test('a stored identity token is presented in the query, URL-encoded', () => {
  assert.equal(webSocketUrl({ protocol: 'https:', host: 'c.example' }, 'a+b/c=.d&e'), 'wss://c.example/ws?token=a%2Bb%2Fc%3D.d%26e');
  assert.equal(webSocketUrl({ protocol: 'http:', host: 'h' }, ''), 'ws://h/ws');
  assert.equal(webSocketUrl({ protocol: 'http:', host: 'h' }, null), 'ws://h/ws');
});

test('the close-code policy: 1012 reconnects now (once per welcome), everything else backs off', () => {
  assert.equal(reconnectPolicy(CloseCode.SERVICE_RESTART), 'now');
  assert.equal(reconnectPolicy(CloseCode.SERVICE_RESTART, { immediateSpent: true }), 'backoff');
  for (const code of [CloseCode.POLICY, CloseCode.TOO_BIG, 1000, 1001, 1006, 1011, undefined, null]) {
    assert.equal(reconnectPolicy(code), 'backoff', String(code));
  }
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

test('a 1012 close (node draining) reconnects at once without touching the backoff', () => {
  const { connection, WebSocketImpl, scheduler, states } = setup();
  connection.connect();
  WebSocketImpl.last().serverOpen();
  WebSocketImpl.last().serverSend(WELCOME);
  WebSocketImpl.last().serverClose(CloseCode.SERVICE_RESTART);
  assert.equal(states.at(-1).retryInMs, 0);
  assert.equal(states.at(-1).closeCode, 1012);
  assert.equal(states.at(-1).failures, 0, 'no backoff step spent');
  scheduler.advance(0);
  assert.equal(WebSocketImpl.instances.length, 2, 'a new socket right away');

  // The next node refuses too: from now on, the normal backoff.
  WebSocketImpl.last().serverClose(CloseCode.SERVICE_RESTART);
  assert.equal(states.at(-1).retryInMs, 499);
  scheduler.advance(499);
  WebSocketImpl.last().serverOpen();
  WebSocketImpl.last().serverSend(WELCOME);
  WebSocketImpl.last().serverClose(CloseCode.SERVICE_RESTART);
  assert.equal(states.at(-1).retryInMs, 0, 'a welcome makes the next 1012 immediate again');
});

test('1008 and 1009 closes back off like any failure', () => {
  for (const code of [CloseCode.POLICY, CloseCode.TOO_BIG]) {
    const { connection, WebSocketImpl, states } = setup();
    connection.connect();
    WebSocketImpl.last().serverOpen();
    WebSocketImpl.last().serverSend(WELCOME);
    WebSocketImpl.last().serverClose(code);
    assert.equal(states.at(-1).retryInMs, 499, String(code));
    assert.equal(states.at(-1).closeCode, code);
  }
});

test('a URL function is asked before every attempt, so a reconnect presents the newest token', () => {
  const scheduler = new FakeScheduler();
  const WebSocketImpl = fakeWebSocketClass();
  let token = 'first';
  const connection = new Connection({ url: () => `ws://chat.test/ws?token=${token}`, WebSocketImpl, scheduler, backoff: createBackoff({ random: () => 0 }) });
  connection.connect();
  assert.equal(WebSocketImpl.last().url, 'ws://chat.test/ws?token=first');
  token = 'second';
  WebSocketImpl.last().serverClose();
  scheduler.advance(0);
  assert.equal(WebSocketImpl.last().url, 'ws://chat.test/ws?token=second');
});
