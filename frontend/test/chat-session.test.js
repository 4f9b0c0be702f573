import test from 'node:test';
import assert from 'node:assert/strict';
import { ChatSession, CLEARED_TEXT, DEFAULT_RETRY_AFTER_MS, JOIN_RETRY_MS, MAX_TEXT_LENGTH, RECOVERY_NOTICE, prepareText } from '../js/chat-session.js';
import { SendStatus } from '../js/outbox.js';
import { FakeScheduler } from '../test-support/fake-scheduler.js';

const ME = { id: 'u-me', name: 'Quiet Otter' };
const OTHER = { id: 'u-other', name: 'Bold Heron' };
const welcome = (user = ME) => ({ type: 'welcome', user, node: 'n1' });
const message = (id, extra = {}) => ({ type: 'message', room: 'general', id: String(id), user: OTHER, text: `m${id}`, ts: 1000, ...extra });
const joined = (history, extra = {}) => ({ type: 'joined', room: 'general', history, users: 2, recovered: true, ...extra });

function setup({ clearIntervalMs = () => null, now = () => 42, savedToken = () => null } = {}) {
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
    now,
    scheduler,
    clearIntervalMs,
    savedToken,
  });
  for (const name of ['identity', 'token', 'room', 'timeline', 'line', 'pending', 'notice', 'error', 'slowdown', 'nameError', 'cleared', 'expired', 'activity']) {
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

test('a saved identity goes in the first frame (auth), not the URL, and the welcome\'s new one is not stored', () => {
  const ctx = setup({ savedToken: () => 'saved.token' });
  ctx.session.handleFrame({ ...welcome({ id: 'u-new', name: 'New' }), token: 'new.token' });
  assert.deepEqual(ctx.sent, [{ type: 'auth', token: 'saved.token' }, { type: 'join', room: 'general' }]);
  assert.deepEqual(ctx.ofKind('token'), [], 'the welcome\'s fresh identity does not replace the saved one');
  ctx.session.handleFrame({ type: 'identity', user: ME, token: 'renewed.token' });
  assert.deepEqual(ctx.ofKind('token'), ['renewed.token']);
  assert.deepEqual(ctx.ofKind('identity').at(-1), ME);
});

test('a server that does not know auth leaves the page with its welcome identity', () => {
  const ctx = setup({ savedToken: () => 'saved.token' });
  ctx.session.handleFrame({ ...welcome(), token: 'new.token' });
  ctx.session.handleFrame({ type: 'error', code: 'bad_request', message: "unknown type 'auth'" });
  assert.deepEqual(ctx.ofKind('token'), ['new.token']);
  assert.deepEqual(ctx.ofKind('error'), []);
});

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

test('a join refused as busy is retried after the server\'s wait, without blaming the user', () => {
  const ctx = setup();
  ctx.session.handleFrame(welcome());
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'error', code: 'busy', message: 'busy', retryAfterMs: 700 });
  assert.deepEqual(ctx.sent, []);
  ctx.scheduler.advance(699);
  assert.deepEqual(ctx.sent, []);
  ctx.scheduler.advance(1);
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }]);
  assert.deepEqual(ctx.ofKind('slowdown'), []);
  assert.deepEqual(ctx.ofKind('error'), []);
});

test('a join refused as rate_limited (rooms switched too fast) is sent again after the server\'s wait', () => {
  const ctx = setup();
  ctx.session.handleFrame(welcome());
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'error', code: 'rate_limited', message: 'too many joins', retryAfterMs: 400 });
  ctx.scheduler.advance(399);
  assert.deepEqual(ctx.sent, []);
  ctx.scheduler.advance(1);
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }]);
});

test('a send refused as busy goes again after the wait and is not marked failed', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.submit('later');
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'error', code: 'busy', retryAfterMs: 300 });
  assert.notEqual(ctx.session.pending()[0].status, SendStatus.FAILED);
  ctx.scheduler.advance(300);
  assert.deepEqual(ctx.sent, [{ type: 'send', text: 'later', clientId: 'c1' }]);
  assert.deepEqual(ctx.ofKind('slowdown'), []);
});

test('joining a room that does not exist says so, joins nothing, and General is one switch away', () => {
  const ctx = setup();
  ctx.session.on('missing', (payload) => ctx.events.push({ name: 'missing', payload }));
  enter(ctx);
  ctx.session.switchRoom('gone');
  ctx.session.submit('into the void');
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'error', code: 'no_such_room', message: 'no such room: gone' });
  assert.equal(ctx.session.room, 'gone');
  assert.equal(ctx.session.missing, true);
  assert.deepEqual(ctx.ofKind('missing'), [{ room: 'gone' }]);
  assert.deepEqual(ctx.ofKind('error'), [], 'said by the page, not as an error toast');
  assert.deepEqual(ctx.sent, []);
  assert.deepEqual(ctx.session.pending(), [], 'nothing waits to be sent to a room that is not there');
  ctx.session.switchRoom('general');
  assert.equal(ctx.session.missing, false);
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }]);
});

test('the current room\'s roster and typing frames are passed on once joined, others dropped', () => {
  const ctx = setup();
  const seen = [];
  ctx.session.on('roster', (frame) => seen.push(frame));
  ctx.session.on('typing', (frame) => seen.push(frame));
  ctx.session.handleFrame(welcome());
  const early = { type: 'roster', room: 'general', reset: true, v: 1, here: [] };
  ctx.session.handleFrame(early); // before `joined`: the snapshot after it supersedes it
  ctx.session.handleFrame(joined([]));
  const roster = { type: 'roster', room: 'general', reset: true, v: 2, here: [ME] };
  const typing = { type: 'typing', room: 'general', user: OTHER };
  ctx.session.handleFrame(roster);
  ctx.session.handleFrame(typing);
  ctx.session.handleFrame({ ...typing, room: 'elsewhere' });
  assert.deepEqual(seen, [roster, typing]);
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

// ---- identity ----

test('the identity token of welcome and of identity is handed out for storage', () => {
  const ctx = setup();
  ctx.session.handleFrame({ ...welcome(), token: 'tok-1' });
  assert.deepEqual(ctx.ofKind('token'), ['tok-1']);
  ctx.session.handleFrame({ type: 'identity', user: { id: ME.id, name: 'Night Owl' }, token: 'tok-2' });
  assert.deepEqual(ctx.ofKind('token'), ['tok-1', 'tok-2']);
  assert.equal(ctx.session.user.name, 'Night Owl');
  assert.deepEqual(ctx.ofKind('identity').at(-1), { id: ME.id, name: 'Night Owl' });
});

test('changeName checks the name, sends nick, and routes a refusal to the name form', () => {
  const ctx = setup();
  assert.equal(ctx.session.changeName('Owl').ok, false, 'not before the connection is up');
  enter(ctx);
  assert.equal(ctx.session.changeName('   ').ok, false);
  assert.equal(ctx.session.changeName('x'.repeat(41)).ok, false);
  assert.deepEqual(ctx.sent, [], 'invalid names are not sent');
  assert.deepEqual(ctx.session.changeName('  Night Owl '), { ok: true, name: 'Night Owl' });
  assert.deepEqual(ctx.sent, [{ type: 'nick', name: 'Night Owl' }]);
  ctx.session.handleFrame({ type: 'error', code: 'bad_request', message: 'name must not contain control characters' });
  assert.deepEqual(ctx.ofKind('nameError'), ['name must not contain control characters']);
  assert.deepEqual(ctx.ofKind('error'), [], 'not a toast as well');
  ctx.session.handleFrame({ type: 'error', code: 'bad_request', message: 'later' });
  assert.equal(ctx.ofKind('error').length, 1, 'once answered, errors are general again');
});

// ---- notices ----

test('join and leave notices of others become system lines after the newest message', () => {
  const ctx = setup();
  enter(ctx, [message(1)]);
  ctx.session.handleFrame({ type: 'notice', room: 'general', kind: 'join', user: OTHER, ts: 5 });
  ctx.session.handleFrame({ type: 'notice', room: 'general', kind: 'leave', user: OTHER, ts: 6 });
  ctx.session.handleFrame({ type: 'notice', room: 'general', kind: 'join', user: ME, ts: 7 });
  ctx.session.handleFrame({ type: 'notice', room: 'other', kind: 'join', user: OTHER, ts: 8 });
  ctx.session.handleFrame({ type: 'notice', room: 'general', kind: 'dance', user: OTHER, ts: 9 });
  const lines = ctx.ofKind('line');
  assert.deepEqual(lines.map((l) => l.text), ['Bold Heron joined', 'Bold Heron left']);
  assert.deepEqual(lines.map((l) => [l.kind, l.afterId, l.ts]), [['notice', '1', 5], ['notice', '1', 6]]);
  assert.equal(ctx.session.lines.length, 2);
});

test('system lines belong to their room: a switch starts without them', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.handleFrame({ type: 'notice', room: 'general', kind: 'join', user: OTHER, ts: 5 });
  ctx.session.switchRoom('random');
  assert.deepEqual(ctx.session.lines, []);
  assert.deepEqual(ctx.ofKind('timeline').at(-1).lines, []);
});

// ---- cleared / expired ----

test('cleared empties the current room and leaves a "History cleared" line', () => {
  const ctx = setup();
  enter(ctx, [message(1), message(2)]);
  ctx.session.handleFrame({ type: 'notice', room: 'general', kind: 'join', user: OTHER, ts: 5 });
  ctx.session.handleFrame({ type: 'cleared', room: 'other', nextClearAt: 1 });
  assert.equal(ctx.session.timeline.length, 2, 'another room: nothing happens');
  ctx.session.handleFrame({ type: 'cleared', room: 'general', nextClearAt: 600_000 });
  assert.deepEqual(ctx.ids(), []);
  const change = ctx.ofKind('timeline').at(-1);
  assert.equal(change.reset, true);
  assert.deepEqual(change.lines.map((l) => [l.kind, l.text]), [['cleared', CLEARED_TEXT]]);
  assert.deepEqual(ctx.ofKind('cleared'), [{ room: 'general', nextClearAt: 600_000 }]);

  ctx.session.connectionLost();
  ctx.sent.length = 0;
  ctx.session.handleFrame(welcome());
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }], 'nothing to resume from after a clear');
});

test('cleared keeps messages of the new period when the interval is known', () => {
  const ctx = setup({ clearIntervalMs: (room) => (room === 'general' ? 3000 : null) });
  enter(ctx, [message(1, { ts: 9_000 }), message(2, { ts: 10_200 })]);
  ctx.session.handleFrame({ type: 'cleared', room: 'general', nextClearAt: 13_000 }); // boundary at 10 000
  assert.deepEqual(ctx.ids(), ['2']);
});

test('expired takes us back to General and drops unsent messages of the gone room', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.switchRoom('r1');
  ctx.session.handleFrame(joined([message(1, { room: 'r1' })], { room: 'r1' }));
  ctx.session.submit('never mind');
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'expired', room: 'r1' });
  assert.deepEqual(ctx.ofKind('expired'), [{ room: 'r1', current: true }]);
  assert.equal(ctx.session.room, 'general');
  assert.deepEqual(ctx.sent, [{ type: 'join', room: 'general' }]);
  assert.equal(ctx.session.outbox.size, 0);
  ctx.session.handleFrame(joined([message(5)]));
  assert.deepEqual(ctx.ids(), ['5']);
});

test('expired of a room we are not in is only reported', () => {
  const ctx = setup();
  enter(ctx, [message(1)]);
  ctx.session.handleFrame({ type: 'expired', room: 'elsewhere' });
  assert.deepEqual(ctx.ofKind('expired'), [{ room: 'elsewhere', current: false }]);
  assert.equal(ctx.session.room, 'general');
  assert.deepEqual(ctx.sent, []);
  assert.deepEqual(ctx.ids(), ['1']);
});

// ---- rate limiting ----

test('rate_limited says slow down, then resends the pending messages one at a time at the server\'s pace', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.submit('one');
  ctx.session.submit('two');
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'error', code: 'rate_limited', message: 'slow down', retryAfterMs: 1500 });
  assert.deepEqual(ctx.ofKind('slowdown'), [{ retryAfterMs: 1500 }]);
  assert.deepEqual(ctx.ofKind('error'), [], 'no second, raw error message');

  ctx.session.submit('three'); // typed while throttled: waits for its turn
  assert.deepEqual(ctx.sent, []);
  ctx.scheduler.advance(1499);
  assert.deepEqual(ctx.sent, []);
  ctx.scheduler.advance(1);
  assert.deepEqual(ctx.sent, [{ type: 'send', text: 'one', clientId: 'c1' }], 'the oldest first, alone');
  ctx.session.handleFrame(message(1, { user: ME, text: 'one', clientId: 'c1' }));
  ctx.scheduler.advance(1500);
  assert.deepEqual(ctx.sent.at(-1), { type: 'send', text: 'two', clientId: 'c2' });
  ctx.session.handleFrame(message(2, { user: ME, text: 'two', clientId: 'c2' }));
  ctx.scheduler.advance(1500);
  assert.deepEqual(ctx.sent.at(-1), { type: 'send', text: 'three', clientId: 'c3' });
  ctx.session.handleFrame(message(3, { user: ME, text: 'three', clientId: 'c3' }));
  ctx.scheduler.advance(1500);
  assert.equal(ctx.sent.length, 3, 'nothing left to resend');
  assert.deepEqual(ctx.scheduler.pendingDelays(), [], 'and no timer left');

  ctx.session.submit('four');
  assert.deepEqual(ctx.sent.at(-1), { type: 'send', text: 'four', clientId: 'c4' }, 'back to sending at once');
});

test('an unconfirmed send is sent again (same clientId) on the next beat; a new refusal restarts the wait', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.submit('one');
  ctx.sent.length = 0;
  ctx.session.handleFrame({ type: 'error', code: 'rate_limited', retryAfterMs: 500 });
  ctx.scheduler.advance(500);
  assert.equal(ctx.sent.length, 1);
  ctx.session.handleFrame({ type: 'error', code: 'rate_limited' }); // refused again, no retryAfterMs
  assert.deepEqual(ctx.scheduler.pendingDelays(), [DEFAULT_RETRY_AFTER_MS], 'one timer, the new wait');
  ctx.scheduler.advance(DEFAULT_RETRY_AFTER_MS);
  assert.deepEqual(ctx.sent.map((f) => f.clientId), ['c1', 'c1']);
});

test('a lost connection ends the throttle: the join resends everything', () => {
  const ctx = setup();
  enter(ctx);
  ctx.session.submit('one');
  ctx.session.handleFrame({ type: 'error', code: 'rate_limited', retryAfterMs: 500 });
  ctx.session.connectionLost();
  assert.deepEqual(ctx.scheduler.pendingDelays(), []);
  ctx.sent.length = 0;
  ctx.session.handleFrame(welcome());
  ctx.session.handleFrame(joined([]));
  assert.deepEqual(ctx.sent.at(-1), { type: 'send', text: 'one', clientId: 'c1' });
});

// ---- attachments ----

test('a send with attachments carries their ids, and may have no text', () => {
  const ctx = setup();
  enter(ctx);
  const attachments = [{ id: 'general.a1', url: '/api/attachments/general.a1' }];
  assert.equal(ctx.session.submit('', { attachments }).ok, true);
  assert.deepEqual(ctx.sent, [{ type: 'send', text: '', clientId: 'c1', attachments: ['general.a1'] }]);
  assert.deepEqual(ctx.session.pending()[0].attachments, attachments, 'kept for the pending view');
  assert.equal(ctx.session.submit('').ok, false, 'without attachments empty text is still refused');
  assert.deepEqual(prepareText('  ', { allowEmpty: true }), { ok: true, text: '' });
});

test('joins and messages are reported as activity (they push an expiring room back)', () => {
  const ctx = setup({ now: () => 500 });
  enter(ctx);
  assert.deepEqual(ctx.ofKind('activity'), [{ room: 'general', at: 500 }], 'our own join');
  ctx.session.handleFrame(message(1, { ts: 700 }));
  ctx.session.handleFrame(message(1, { ts: 700 })); // a duplicate is no new activity
  ctx.session.handleFrame({ type: 'notice', room: 'general', kind: 'join', user: OTHER, ts: 800 });
  ctx.session.handleFrame({ type: 'notice', room: 'general', kind: 'leave', user: OTHER, ts: 900 });
  assert.deepEqual(ctx.ofKind('activity').map((a) => a.at), [500, 700, 800]);
});
