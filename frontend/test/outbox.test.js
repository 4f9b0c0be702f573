import test from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, SendStatus } from '../js/outbox.js';

const entry = (clientId, room = 'general') => ({ clientId, room, text: `t-${clientId}`, createdAt: 1 });

test('a send stays pending until a message carries its clientId', () => {
  const outbox = new Outbox();
  outbox.add(entry('a'));
  outbox.add(entry('b'));
  assert.deepEqual(outbox.pendingFor('general').map((e) => e.clientId), ['a', 'b']);
  assert.equal(outbox.acknowledge('a').text, 't-a');
  assert.deepEqual(outbox.pendingFor('general').map((e) => e.clientId), ['b']);
  assert.equal(outbox.acknowledge('a'), undefined, 'a second confirmation is a no-op');
  assert.equal(outbox.acknowledge(undefined), undefined);
});

test('a history confirms every send it contains', () => {
  const outbox = new Outbox();
  outbox.add(entry('a'));
  outbox.add(entry('b'));
  outbox.add(entry('c'));
  const confirmed = outbox.acknowledgeAll([{ id: '1', clientId: 'c' }, { id: '2' }, { id: '3', clientId: 'a' }, { id: '4', clientId: 'other' }]);
  assert.equal(confirmed, 2);
  assert.deepEqual(outbox.pendingFor('general').map((e) => e.clientId), ['b']);
});

test('pending sends are kept per room, in sending order', () => {
  const outbox = new Outbox();
  outbox.add(entry('1', 'general'));
  outbox.add(entry('2', 'random'));
  outbox.add(entry('3', 'general'));
  assert.deepEqual(outbox.pendingFor('general').map((e) => e.clientId), ['1', '3']);
  assert.deepEqual(outbox.pendingFor('random').map((e) => e.clientId), ['2']);
  assert.equal(outbox.size, 3);
});

test('failed sends go back to sending when taken for a resend', () => {
  const outbox = new Outbox();
  outbox.add(entry('x'));
  outbox.add(entry('y', 'random'));
  outbox.markFailed('general');
  assert.equal(outbox.pendingFor('general')[0].status, SendStatus.FAILED);
  assert.equal(outbox.pendingFor('random')[0].status, SendStatus.SENDING, 'other rooms untouched');
  const resend = outbox.takeForResend('general');
  assert.deepEqual(resend.map((e) => e.clientId), ['x']);
  assert.equal(resend[0].status, SendStatus.SENDING);
  assert.ok(outbox.has('x'), 'taking for a resend does not confirm');
});
