import test from 'node:test';
import assert from 'node:assert/strict';
import { copyText } from '../js/share.js';

test('the Clipboard API copies the link', async () => {
  const written = [];
  const result = await copyText('http://h/r/x', { clipboard: { writeText: async (t) => written.push(t) }, copyCommand: () => assert.fail('not needed') });
  assert.equal(result, 'copied');
  assert.deepEqual(written, ['http://h/r/x']);
});

test('without the Clipboard API (an insecure origin) or when it refuses, the copy command is tried', async () => {
  const copied = [];
  const command = (t) => copied.push(t) > 0;
  assert.equal(await copyText('a', { clipboard: undefined, copyCommand: command }), 'copied');
  assert.equal(await copyText('b', { clipboard: { writeText: async () => { throw new Error('denied'); } }, copyCommand: command }), 'copied');
  assert.deepEqual(copied, ['a', 'b']);
});

test('when nothing copies, the user is asked to copy it', async () => {
  assert.equal(await copyText('a', { copyCommand: () => false }), 'manual');
  assert.equal(await copyText('a', { copyCommand: () => { throw new Error('gone'); } }), 'manual');
  assert.equal(await copyText('a'), 'manual');
});
