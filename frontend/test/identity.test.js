import test from 'node:test';
import assert from 'node:assert/strict';
import { checkDisplayName, MAX_NAME } from '../js/identity.js';

test('a display name is 1 to 40 characters after trimming, without control characters', () => {
  assert.deepEqual(checkDisplayName('  Night Owl  '), { ok: true, name: 'Night Owl' });
  assert.equal(checkDisplayName('').ok, false);
  assert.equal(checkDisplayName(' \t ').ok, false);
  assert.equal(checkDisplayName('a'.repeat(MAX_NAME)).ok, true);
  assert.equal(checkDisplayName('a'.repeat(MAX_NAME + 1)).ok, false);
  assert.equal(checkDisplayName('🦉'.repeat(MAX_NAME)).ok, true, 'characters, not UTF-16 units');
  assert.equal(checkDisplayName('bad\nname').ok, false);
  assert.equal(checkDisplayName('bad\u0000name').ok, false);
  assert.equal(checkDisplayName('line\u2028sep').ok, false);
  assert.equal(checkDisplayName('evil\u202Egnp.exe').ok, false, 'a bidi override');
  assert.equal(checkDisplayName('zero\u200Bwidth').ok, false, 'a format character');
  assert.match(checkDisplayName('').error, /at least one character/);
});
