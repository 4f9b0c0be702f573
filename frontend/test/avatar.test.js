import test from 'node:test';
import assert from 'node:assert/strict';
import { GRID, hash32, initialsOf, roomAvatar, strongColor, userAvatar } from '../js/avatar.js';
import { contrastRatio, MIN_CONTRAST } from '../js/theme.js';

test('the hash is the 32-bit FNV-1a of the text', () => {
  assert.equal(hash32(''), 0x811c9dc5);
  assert.equal(hash32('a'), 0xe40c292c);
  assert.equal(hash32('foobar'), 0xbf9cf968);
});

test('the same id always gives the same avatar; other ids give other ones', () => {
  assert.deepEqual(userAvatar('u-123'), userAvatar('u-123'));
  assert.deepEqual(roomAvatar('r1', 'Lobby'), roomAvatar('r1', 'Lobby'));
  const many = new Set();
  for (let i = 0; i < 200; i += 1) {
    const a = userAvatar(`user-${i}`);
    many.add(JSON.stringify([a.hue, a.cells]));
  }
  assert.ok(many.size >= 195, `200 ids give ${many.size} distinct avatars`);
});

test('a user avatar is a mirrored, never empty 5x5 grid', () => {
  for (let i = 0; i < 100; i += 1) {
    const { cells } = userAvatar(`id${i}`);
    assert.equal(cells.length, GRID);
    for (const row of cells) {
      assert.equal(row.length, GRID);
      assert.deepEqual(row, [...row].reverse(), 'symmetric');
    }
    assert.ok(cells.flat().some(Boolean), 'at least one cell');
  }
});

test('avatar colours keep white initials and coloured cells readable', () => {
  for (let hue = 0; hue < 360; hue += 7) assert.ok(contrastRatio(strongColor(hue), '#ffffff') >= MIN_CONTRAST, `hue ${hue}`);
  const room = roomAvatar('general', 'General');
  assert.ok(contrastRatio(room.background, room.foreground) >= MIN_CONTRAST);
  const user = userAvatar('x');
  assert.ok(contrastRatio(user.foreground, user.background) >= 3, 'the grid stands out from its tint');
});

test('room initials: two words give two letters, one word its first two', () => {
  assert.equal(initialsOf('Night owls'), 'NO');
  assert.equal(initialsOf('lobby'), 'LO');
  assert.equal(initialsOf('  '), '#');
  assert.equal(initialsOf('élan vital'), 'ÉV');
  assert.equal(initialsOf('😀 party'), '😀P', 'whole code points, not halves');
  assert.equal(roomAvatar('x', 'dev-ops').initials, 'DO');
});
