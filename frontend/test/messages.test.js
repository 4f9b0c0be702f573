import test from 'node:test';
import assert from 'node:assert/strict';
import { compareIds, continuesGroup, interleave, lastId, mergeMessages, timelineFrom } from '../js/messages.js';

const msg = (id, extra = {}) => ({ type: 'message', room: 'general', id: String(id), user: { id: 'u1', name: 'A' }, text: `m${id}`, ts: 1000 * Number(id), ...extra });
const ids = (timeline) => timeline.map((m) => m.id);

test('ids compare numerically, not as strings', () => {
  assert.ok(compareIds('9', '10') < 0);
  assert.ok(compareIds('100', '99') > 0);
  assert.equal(compareIds('42', '42'), 0);
});

test('ids beyond the exact range of Number still compare correctly', () => {
  assert.ok(compareIds('9007199254740993', '9007199254740992') > 0);
  assert.ok(compareIds('123456789012345678901234567890', '123456789012345678901234567891') < 0);
});

test('merging skips messages already in the timeline', () => {
  const result = mergeMessages([msg(1), msg(2), msg(3)], [msg(3), msg(4)]);
  assert.deepEqual(ids(result.timeline), ['1', '2', '3', '4']);
  assert.deepEqual(ids(result.added), ['4']);
  assert.equal(result.appendOnly, true);
});

test('merging skips duplicates inside one batch', () => {
  const result = mergeMessages([], [msg(5), msg(5), msg(6)]);
  assert.deepEqual(ids(result.timeline), ['5', '6']);
});

test('merging orders by numeric id whatever the arrival order', () => {
  const result = mergeMessages([msg(9)], [msg(11), msg(10)]);
  assert.deepEqual(ids(result.timeline), ['9', '10', '11']);
  assert.deepEqual(ids(result.added), ['10', '11']);
  assert.equal(result.appendOnly, true);
});

test('a message older than the newest one is inserted in place and flagged as not append-only', () => {
  const result = mergeMessages([msg(1), msg(3)], [msg(2)]);
  assert.deepEqual(ids(result.timeline), ['1', '2', '3']);
  assert.equal(result.appendOnly, false);
});

test('merging nothing new returns the same timeline object', () => {
  const timeline = [msg(1)];
  const result = mergeMessages(timeline, [msg(1)]);
  assert.equal(result.timeline, timeline);
  assert.equal(result.added.length, 0);
});

test('messages without a decimal id or a text are ignored', () => {
  const result = mergeMessages([], [{ id: 'abc', text: 'x' }, { id: '7' }, null, msg(8)]);
  assert.deepEqual(ids(result.timeline), ['8']);
});

test('the oldest messages are trimmed beyond the limit', () => {
  const result = mergeMessages([msg(1), msg(2), msg(3)], [msg(4), msg(5)], 3);
  assert.deepEqual(ids(result.timeline), ['3', '4', '5']);
  assert.equal(result.trimmed, 2);
});

test('timelineFrom orders and deduplicates a history; lastId is its newest id', () => {
  const timeline = timelineFrom([msg(12), msg(10), msg(12), msg(11)]);
  assert.deepEqual(ids(timeline), ['10', '11', '12']);
  assert.equal(lastId(timeline), '12');
  assert.equal(lastId([]), undefined);
  assert.deepEqual(timelineFrom(undefined), []);
});

test('consecutive messages of one author within five minutes form a group', () => {
  const first = msg(1, { ts: 0 });
  assert.equal(continuesGroup(first, msg(2, { ts: 60_000 })), true);
  assert.equal(continuesGroup(first, msg(2, { ts: 6 * 60_000 })), false);
  assert.equal(continuesGroup(first, msg(2, { ts: 1, user: { id: 'u2', name: 'B' } })), false);
  assert.equal(continuesGroup(null, first), false);
  assert.equal(continuesGroup(first, msg(2, { ts: 1, user: { id: 'u1', name: 'Renamed' } })), false, 'a new name starts a new group');
});

test('system lines are shown right after the message they followed', () => {
  const lines = [
    { key: 'a', afterId: undefined, text: 'first' },
    { key: 'b', afterId: '2', text: 'after two' },
    { key: 'c', afterId: '2', text: 'also after two' },
    { key: 'd', afterId: '99', text: 'after a trimmed message' },
  ];
  const order = interleave([msg(1), msg(2), msg(3)], lines).map((e) => (e.type === 'line' ? e.item.key : e.item.id));
  assert.deepEqual(order, ['a', 'd', '1', '2', 'b', 'c', '3']);
  assert.deepEqual(interleave([msg(1)]).map((e) => e.type), ['message']);
});
