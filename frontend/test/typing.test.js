import test from 'node:test';
import assert from 'node:assert/strict';
import { TYPING_SHOW_MS, TypingSignal, TypingState, typingRule, typingText } from '../js/typing.js';

const OTTER = { id: 'u-1', name: 'Quiet Otter' };
const HERON = { id: 'u-2', name: 'Bold Heron' };

test('someone shows as typing for a few seconds after their last signal, and not after their message', () => {
  const state = new TypingState();
  state.signal(OTTER, 1000);
  assert.deepEqual(state.names(1000), ['Quiet Otter']);
  assert.equal(state.nextChange(), 1000 + TYPING_SHOW_MS);
  state.signal(OTTER, 3000); // still writing: the next signal, 2 s later
  assert.deepEqual(state.names(1000 + TYPING_SHOW_MS), ['Quiet Otter']);
  assert.deepEqual(state.names(3000 + TYPING_SHOW_MS), [], 'gone a few seconds after they stop');
  state.signal(HERON, 5000);
  assert.equal(state.stop('u-2'), true);
  assert.deepEqual(state.names(5001), [], 'gone as soon as the message arrives');
  state.signal({ id: 'u-3' }, 5000);
  assert.deepEqual(state.names(5001), [], 'a malformed user is ignored');
});

test('the line says who is typing', () => {
  assert.equal(typingText([]), '');
  assert.equal(typingText(['Quiet Otter']), 'Quiet Otter is typing…');
  assert.equal(typingText(['A', 'B']), 'A and B are typing…');
  assert.equal(typingText(['A', 'B', 'C']), 'A, B and C are typing…');
  assert.equal(typingText(['A', 'B', 'C', 'D']), 'Several people are typing…');
});

test('the page signals at most once per interval, only while joined and writing, not in big rooms', () => {
  const signal = new TypingSignal({ everyMs: 2000, maxUsers: 50 });
  const at = (now, extra = {}) => signal.shouldSend({ now, text: 'h', joined: true, users: 3, ...extra });
  assert.equal(at(0), true);
  assert.equal(at(1999), false);
  assert.equal(at(2000), true);
  assert.equal(at(9000, { text: '   ' }), false, 'nothing written (all deleted)');
  assert.equal(at(9000, { joined: false }), false);
  assert.equal(at(9000, { users: 51 }), false, 'a room over the limit');
  assert.equal(at(9000), true);
  signal.reset();
  assert.equal(at(9001), true, 'another room');
});

test('the rule comes from the welcome frame, with the documented default', () => {
  assert.deepEqual(typingRule({ typing: { maxUsers: 3, everyMs: 500 } }), { maxUsers: 3, everyMs: 500 });
  assert.deepEqual(typingRule({}), { maxUsers: 50, everyMs: 2000 });
  assert.deepEqual(typingRule({ typing: { maxUsers: 'x', everyMs: -1 } }), { maxUsers: 50, everyMs: 2000 });
});
