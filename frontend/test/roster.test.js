import test from 'node:test';
import assert from 'node:assert/strict';
import { Roster } from '../js/roster.js';

const reset = (v, ...people) => ({ type: 'roster', room: 'r', reset: true, v, here: people.map(([id, name]) => ({ id, name })) });
const change = ({ here = [], gone = [] }) => ({
  type: 'roster',
  room: 'r',
  here: here.map(([id, name, v]) => ({ id, name, v })),
  gone: gone.map(([id, v]) => ({ id, v })),
});
const names = (roster, options) => roster.view(options).shown.map((p) => p.name);

test('a snapshot, then joins, renames and leaves', () => {
  const roster = new Roster();
  assert.equal(roster.apply(reset(10, ['u-a', 'Quiet Otter'], ['u-b', 'Bold Heron'])), true);
  assert.deepEqual(names(roster), ['Bold Heron', 'Quiet Otter']);
  roster.apply(change({ here: [['u-c', 'Calm Yak', 11]] }));
  roster.apply(change({ here: [['u-a', 'Night Owl', 12]], gone: [['u-b', 13]] }));
  assert.deepEqual(names(roster), ['Calm Yak', 'Night Owl']);
});

test('changes older than what is known are ignored, whatever order frames arrive in', () => {
  const roster = new Roster();
  roster.apply(change({ here: [['u-c', 'Calm Yak', 21]] })); // a change that overtook the snapshot
  roster.apply(reset(20, ['u-a', 'Quiet Otter'], ['u-b', 'Bold Heron']));
  assert.deepEqual(names(roster), ['Bold Heron', 'Calm Yak', 'Quiet Otter'], 'the newer join survives the older snapshot');
  roster.apply(change({ gone: [['u-a', 19]], here: [['u-b', 'Old Name', 18]] })); // already in the snapshot
  assert.deepEqual(names(roster), ['Bold Heron', 'Calm Yak', 'Quiet Otter']);
  roster.apply(change({ gone: [['u-d', 22]] })); // gone before its join arrives
  roster.apply(change({ here: [['u-d', 'Late Lynx', 21]] }));
  assert.deepEqual(names(roster), ['Bold Heron', 'Calm Yak', 'Quiet Otter']);
  roster.apply(change({ here: [['u-d', 'Back Lynx', 23]] }));
  assert.deepEqual(names(roster), ['Back Lynx', 'Bold Heron', 'Calm Yak', 'Quiet Otter']);
  assert.equal(roster.apply(reset(5, ['u-x', 'Stale Seal'])), false, 'an older snapshot changes nothing');
  assert.equal(names(roster).includes('Stale Seal'), false);
});

test('a newer snapshot replaces what it covers and keeps what came after it', () => {
  const roster = new Roster();
  roster.apply(reset(10, ['u-a', 'Quiet Otter'], ['u-b', 'Bold Heron']));
  roster.apply(change({ here: [['u-c', 'Calm Yak', 31]], gone: [['u-e', 32]] }));
  roster.apply(reset(30, ['u-b', 'Bold Heron'], ['u-e', 'Gone Soon']));
  assert.deepEqual(names(roster), ['Bold Heron', 'Calm Yak'], 'u-a left by 30; u-e left after it');
});

test('own identities come first and a big room is counted, not listed', () => {
  const roster = new Roster();
  roster.apply(reset(1, ['u-z', 'Zesty Zebra'], ['u-me', 'Witty Wombat'], ['u-a', 'Able Ant']));
  const view = roster.view({ users: 5000, ownIds: new Set(['u-me']), limit: 2 });
  assert.deepEqual(view.shown, [
    { id: 'u-me', name: 'Witty Wombat', own: true },
    { id: 'u-a', name: 'Able Ant', own: false },
  ]);
  assert.equal(view.more, 4998);
  assert.equal(roster.view({ users: 2 }).more, 0, 'never fewer than listed');
  roster.clear();
  assert.deepEqual(roster.view(), { shown: [], more: 0, live: true });
});

test('a sample of a room too big to keep live is marked so until a live snapshot comes', () => {
  const roster = new Roster();
  roster.apply({ ...reset(1, ['u-a', 'Able Ant']), live: false });
  assert.equal(roster.view({ users: 20000 }).live, false);
  assert.equal(roster.view({ users: 20000 }).more, 19999);
  roster.apply(reset(2, ['u-a', 'Able Ant'], ['u-b', 'Bold Heron']));
  assert.equal(roster.view().live, true, 'small again: the list is live');
  roster.apply({ ...reset(3, ['u-a', 'Able Ant']), live: false });
  roster.clear();
  assert.equal(roster.view().live, true, 'a new room starts live');
});

test('malformed frames and entries change nothing', () => {
  const roster = new Roster();
  roster.apply(reset(1, ['u-a', 'Quiet Otter']));
  for (const frame of [null, 'x', { here: 'nope' }, { here: [{ id: 5, name: 'x', v: 2 }, { id: 'u-b', v: 2 }] }, { reset: true, v: 'soon', here: [] }]) {
    assert.equal(roster.apply(frame), false, JSON.stringify(frame));
  }
  assert.deepEqual(names(roster), ['Quiet Otter']);
});
