import test from 'node:test';
import assert from 'node:assert/strict';
import { ChatSession, JOIN_RETRY_MS, MAX_TEXT_LENGTH, RECOVERY_NOTICE, prepareText } from '../js/chat-session.js';
import { SendStatus } from '../js/outbox.js';
import { FakeScheduler } from '../test-support/fake-scheduler.js';

const ME = { id: 'u-me', name: 'Quiet Otter' };
const OTHER = { id: 'u-other', name: 'Bold Heron' };
const welcome = (user = ME) => ({ type: 'welcome', user, node: 'n1' });
const message = (id, extra = {}) => ({ type: 'message', room: 'general', id: String(id), user: OTHER, text: `m${id}`, ts: 1000, ...extra });
const joined = (history, extra = {}) => ({ type: 'joined', room: 'general', history, users: 2, recovered: true, ...extra });

function setup() {
  const sent = [];
  const events = [];
  let next = 0;
  const scheduler = new FakeScheduler();
  const session = new ChatSession({
    send: (frame) => {
      sent.push(frame);
      return true;
    },
    newClientId: () => `c${++next}`,
    now: () => 42,
    scheduler,
  });
  for (const name of ['identity', 'room', 'timeline', 'pending', 'notice', 'error']) {
    session.on(name, (payload) => events.push({ name, payload }));
  }
  const ofKind = (name) => events.filter((e) => e.name === name).map((e) => e.payload);
  const ids = () => session.timeline.map((m) => m.id);
  return { session, sent, events, ofKind, ids, scheduler };
}

/** Welcome + joined General with the given history. */
function enter(ctx, history = []) {
  ctx.session.handleFrame(welcome());
  ctx.session.handleFrame(joined(history));
  ctx.sent.length = 0;
}

test('after welcome the session joins General without since and shows the history', () => {
  const ctx = setup();
  ctx.session.handleFrame(welcome());
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }]);
  assert.deepEqual(ctx.ofKind('identity'), [ME]);

  ctx.session.handleFrame(joined([message(1), message(2)], { users: 5 }));
  assert.deepEqual(ctx.ids(), ['1', '2']);
  assert.equal(ctx.session.users, 5);
  assert.equal(ctx.ofKind('timeline').at(-1).reset, true);
});

test('a reconnect rejoins with since = the newest id (compared numerically) and merges without duplicates', () => {
  const ctx = setup();
  enter(ctx, [message(9), message(10)]);
  ctx.session.handleFrame(message(11));
  ctx.session.connectionLost();

  ctx.session.handleFrame(welcome());
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general', since: '11' }]);

  ctx.session.handleFrame(joined([message(11), message(12), message(13)]));
  assert.deepEqual(ctx.ids(), ['9', '10', '11', '12', '13']);
  const change = ctx.ofKind('timeline').at(-1);
  assert.equal(change.reset, false);
  assert.deepEqual(change.added.map((m) => m.id), ['12', '13']);
  assert.deepEqual(ctx.ofKind('notice'), []);
});

test('when recovery fails the list is replaced by the history and a notice is shown', () => {
  const ctx = setup();
  enter(ctx, [message(1), message(2)]);
  ctx.session.connectionLost();
  ctx.session.handleFrame(welcome());
  ctx.session.handleFrame(joined([message(50), message(51)], { recovered: false }));
  assert.deepEqual(ctx.ids(), ['50', '51']);
  assert.deepEqual(ctx.ofKind('notice'), [RECOVERY_NOTICE]);
  assert.equal(ctx.ofKind('timeline').at(-1).reset, true);
});

test('live messages are appended once, even if delivered twice', () => {
  const ctx = setup();
  enter(ctx, [message(1)]);
  ctx.session.handleFrame(message(2));
  ctx.session.handleFrame(message(2));
  assert.deepEqual(ctx.ids(), ['1', '2']);
});

test('a send carries a clientId and stays pending until its message comes back', () => {
  const ctx = setup();
  enter(ctx);
  const result = ctx.session.submit('hello');
  assert.equal(result.ok, true);
  assert.deepEqual(ctx.sent, [{ type: 'send', text: 'hello', clientId: 'c1' }]);
  assert.deepEqual(ctx.session.pending().map((e) => e.clientId), ['c1']);

  ctx.session.handleFrame(message(7, { user: ME, text: 'hello', clientId: 'c1' }));
  assert.deepEqual(ctx.session.pending(), []);
  assert.deepEqual(ctx.ofKind('pending').at(-1), []);
  assert.ok(ctx.session.isOwn(ctx.session.timeline[0]));
});

test('unacknowledged sends are resent, with the same clientId, after reconnect and joined, not before', () => {
  const ctx = setup();
  enter(ctx, [message(1)]);
  ctx.session.submit('lost in transit');
  ctx.session.connectionLost();
  ctx.sent.length = 0;

  ctx.session.handleFrame(welcome());
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general', since: '1' }], 'only the join before joined');
  ctx.session.handleFrame(joined([]));
  assert.deepEqual(ctx.sent.slice(1), [{ type: 'send', text: 'lost in transit', clientId: 'c1' }]);
});

test('a send already in the recovered history is confirmed, not resent', () => {
  const ctx = setup();
  enter(ctx, [message(1)]);
  ctx.session.submit('made it');
  ctx.session.connectionLost();
  ctx.sent.length = 0;
  ctx.session.handleFrame(welcome());
  ctx.session.handleFrame(joined([message(2, { user: ME, text: 'made it', clientId: 'c1' })]));
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general', since: '1' }]);
  assert.deepEqual(ctx.session.pending(), []);
});

test('text typed while offline is queued and sent once joined', () => {
  const ctx = setup();
  ctx.session.submit('early bird');
  assert.deepEqual(ctx.sent, []);
  assert.equal(ctx.session.pending().length, 1);
  ctx.session.handleFrame(welcome());
  ctx.session.handleFrame(joined([]));
  assert.deepEqual(ctx.sent.at(-1), { type: 'send', text: 'early bird', clientId: 'c1' });
});

test('switching rooms joins fresh, clears the list, and ignores stale frames of the old room', () => {
  const ctx = setup();
  enter(ctx, [message(1)]);
  ctx.session.switchRoom('random');
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'random' }], 'no since for a room switch');
  assert.deepEqual(ctx.ids(), []);
  assert.equal(ctx.ofKind('room').at(-1).room, 'random');

  ctx.session.handleFrame(message(2)); // still in flight for general
  ctx.session.handleFrame(joined([message(3)])); // a stale joined for general
  assert.deepEqual(ctx.ids(), []);

  ctx.session.handleFrame(joined([message(8, { room: 'random' })], { room: 'random', users: 1 }));
  assert.deepEqual(ctx.ids(), ['8']);
  assert.equal(ctx.session.users, 1);
});

test('pending sends belong to their room', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.submit('for general');
  ctx.session.switchRoom('random');
  ctx.session.handleFrame(joined([], { room: 'random' }));
  assert.equal(ctx.sent.filter((f) => f.type === 'send').length, 1, 'not resent into another room');
  assert.deepEqual(ctx.session.pending(), []);
});

test('presence updates the user count of the current room only', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.handleFrame({ type: 'presence', room: 'general', users: 7 });
  ctx.session.handleFrame({ type: 'presence', room: 'other', users: 99 });
  assert.equal(ctx.session.users, 7);
  assert.deepEqual(ctx.ofKind('room').at(-1), { room: 'general', users: 7 });
});

test('error frames are reported with their human text', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.handleFrame({ type: 'error', code: 'too_long', message: 'text is too long' });
  ctx.session.handleFrame({ type: 'error', code: 'bad_request' });
  assert.deepEqual(ctx.ofKind('error'), [
    { code: 'too_long', text: 'text is too long' },
    { code: 'bad_request', text: 'bad_request' },
  ]);
});

test('unavailable marks pending sends failed; retry sends them again', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.submit('try me');
  ctx.session.handleFrame({ type: 'error', code: 'unavailable', message: 'try again' });
  assert.equal(ctx.session.pending()[0].status, SendStatus.FAILED);
  ctx.sent.length = 0;
  ctx.session.retryPending();
  assert.deepEqual(ctx.sent, [{ type: 'send', text: 'try me', clientId: 'c1' }]);
  assert.equal(ctx.session.pending()[0].status, SendStatus.SENDING);
});

test('a join refused with unavailable is retried later', () => {
  const ctx = setup();
  ctx.session.handleFrame(welcome());
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'error', code: 'unavailable', message: 'redis down' });
  assert.deepEqual(ctx.sent, []);
  ctx.scheduler.advance(JOIN_RETRY_MS);
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }]);
});

test('joining a room that no longer exists falls back to General', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.switchRoom('gone');
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'error', code: 'no_such_room', message: 'no such room: gone' });
  assert.equal(ctx.session.room, 'general');
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }]);
});

test('own messages are recognised under every identity this page had', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.connectionLost();
  ctx.session.handleFrame(welcome({ id: 'u-new', name: 'New Name' }));
  assert.ok(ctx.session.isOwn({ user: ME }));
  assert.ok(ctx.session.isOwn({ user: { id: 'u-new' } }));
  assert.ok(!ctx.session.isOwn({ user: OTHER }));
});

test('text is validated like the server does', () => {
  assert.deepEqual(prepareText('   \n '), { ok: false, reason: 'empty' });
  assert.deepEqual(prepareText('x'.repeat(MAX_TEXT_LENGTH + 1)), { ok: false, reason: 'too_long' });
  assert.deepEqual(prepareText('x'.repeat(MAX_TEXT_LENGTH)), { ok: true, text: 'x'.repeat(MAX_TEXT_LENGTH) });
  assert.deepEqual(prepareText('\n\n  indented\nline two  \n'), { ok: true, text: '  indented\nline two' });
  const ctx = setup();
  enter(ctx);
  assert.equal(ctx.session.submit('  ').ok, false);
  assert.deepEqual(ctx.sent, []);
});

test('a room switch is already joining when the view is told to clear, and waits for the connection when offline', () => {
  const ctx = setup();
  enter(ctx);
  const statesSeen = [];
  ctx.session.on('timeline', () => statesSeen.push(ctx.session.joinState));
  ctx.session.switchRoom('random');
  assert.deepEqual(statesSeen, ['joining']);

  ctx.session.connectionLost();
  ctx.sent.length = 0;
  ctx.session.switchRoom('general');
  assert.deepEqual(ctx.sent, [], 'nothing is sent without a connection');
  assert.equal(ctx.session.joinState, 'none');
  ctx.session.handleFrame(welcome());
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }]);
});
