import test from 'node:test';
import assert from 'node:assert/strict';
import { IDENTITY_KEY, identityStore, memoryStorage, ownerTokenStore, themeStore } from '../js/storage.js';
import { normalizeHex } from '../js/theme.js';

/** A storage that refuses everything, like a browser with storage disabled. */
const brokenStorage = {
  getItem() {
    throw new Error('SecurityError');
  },
  setItem() {
    throw new Error('QuotaExceededError');
  },
  removeItem() {
    throw new Error('SecurityError');
  },
  key() {
    throw new Error('SecurityError');
  },
  get length() {
    throw new Error('SecurityError');
  },
};

test('the identity token survives a "reload" (a new store over the same storage)', () => {
  const storage = memoryStorage();
  assert.equal(identityStore(storage).token(), null);
  identityStore(storage).save('payload.sig');
  assert.equal(identityStore(storage).token(), 'payload.sig');
  assert.equal(storage.getItem(IDENTITY_KEY), 'payload.sig');
  identityStore(storage).save('');
  assert.equal(identityStore(storage).token(), 'payload.sig', 'an empty token never replaces a good one');
  identityStore(storage).forget();
  assert.equal(identityStore(storage).token(), null);
});

test('owner tokens are kept per room id', () => {
  const storage = memoryStorage();
  const owners = ownerTokenStore(storage);
  owners.save('r1', 't1');
  owners.save('r2', 't2');
  storage.setItem('unrelated', 'x');
  assert.equal(ownerTokenStore(storage).get('r1'), 't1');
  assert.equal(owners.owns('r2'), true);
  assert.equal(owners.owns('r3'), false);
  assert.deepEqual(owners.rooms().sort(), ['r1', 'r2']);
  owners.forget('r1');
  assert.deepEqual(owners.rooms(), ['r2']);
  assert.equal(owners.save('r4', null), false);
});

test('the chosen background is stored and read back normalised', () => {
  const storage = memoryStorage();
  const theme = themeStore(storage, normalizeHex);
  assert.equal(theme.load(), null);
  theme.save('#1c2030');
  assert.equal(themeStore(storage, normalizeHex).load(), '#1c2030');
  storage.setItem('chat.background', 'url(javascript:x)');
  assert.equal(theme.load(), null, 'junk in storage is ignored');
});

test('a storage that throws, or none at all, degrades to "nothing stored"', () => {
  for (const storage of [brokenStorage, null]) {
    const id = identityStore(storage);
    assert.equal(id.save('t'), false);
    assert.equal(id.token(), null);
    const owners = ownerTokenStore(storage);
    assert.equal(owners.save('r', 't'), false);
    assert.equal(owners.get('r'), null);
    assert.deepEqual(owners.rooms(), []);
    assert.equal(themeStore(storage, normalizeHex).load(), null);
  }
});
