import test from 'node:test';
import assert from 'node:assert/strict';
import { historyStep, roomFromPath, roomPath, roomUrl } from '../js/route.js';

test('a room address names its room; anything else is the home page', () => {
  assert.deepEqual(roomFromPath('/r/k3jx7qa2mb'), { room: 'k3jx7qa2mb' });
  assert.deepEqual(roomFromPath('/r/general/'), { room: 'general' });
  assert.deepEqual(roomFromPath('/r/Bad%20Room'), { room: 'Bad Room' }, 'decoded; the server says it does not exist');
  assert.deepEqual(roomFromPath('/r/%E0%A4%A'), { room: '%E0%A4%A' }, 'broken encoding taken as written');
  assert.equal(roomFromPath(`/r/${'a'.repeat(500)}`).room.length, 64);
  for (const path of ['/', '', '/r/', '/r', '/rooms/x', '/r/a/b', undefined]) assert.deepEqual(roomFromPath(path), { room: null }, String(path));
});

test('addresses are built from ids, encoded', () => {
  assert.equal(roomPath('general'), '/r/general');
  assert.equal(roomPath('a/b?c'), '/r/a%2Fb%3Fc');
  assert.equal(roomUrl('http://127.0.0.1:8080', 'k3jx7qa2mb'), 'http://127.0.0.1:8080/r/k3jx7qa2mb');
  assert.equal(roomUrl('https://chat.example/', 'x'), 'https://chat.example/r/x');
  assert.equal(roomFromPath(roomPath('general')).room, 'general');
});

test('a switch pushes a history entry, the home page is replaced, the same room adds nothing', () => {
  assert.equal(historyStep('/r/general', 'k3jx7qa2mb'), 'push');
  assert.equal(historyStep('/r/k3jx7qa2mb', 'k3jx7qa2mb'), 'none');
  assert.equal(historyStep('/', 'general'), 'replace');
  assert.equal(historyStep('/', 'k3jx7qa2mb'), 'replace');
});
