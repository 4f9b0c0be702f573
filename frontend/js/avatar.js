/**
 * Generated avatars, computed from an id alone so that the same user or room looks the same on
 * every screen and after every reload, with no image service: a 5x5 mirrored "identicon" grid
 * for users and initials on a colour for rooms. Pure: it describes the avatar (colours, cells,
 * letters); avatar-view.js draws it as SVG.
 */

import { contrastRatio, hslToHex, MIN_CONTRAST } from './theme.js';

export const GRID = 5;

/** 32-bit FNV-1a hash of a string's UTF-16 code units: fast, stable, well spread. */
export function hash32(text) {
  let hash = 0x811c9dc5;
  const s = String(text ?? '');
  for (let i = 0; i < s.length; i += 1) {
    hash ^= s.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A strong colour of hue `hue` dark enough for white text (contrast >= 4.5). */
export function strongColor(hue, saturation = 62) {
  for (let lightness = 46; lightness >= 10; lightness -= 2) {
    const color = hslToHex(hue, saturation, lightness);
    if (contrastRatio(color, '#ffffff') >= MIN_CONTRAST) return color;
  }
  return hslToHex(hue, saturation, 10);
}

/** A pale tint of hue `hue`, for an avatar's background. */
export function paleColor(hue) {
  return hslToHex(hue, 65, 90);
}

/**
 * A user's avatar: `{hue, background, foreground, cells}` where `cells` is a GRID x GRID array of
 * booleans (rows of columns), mirrored left to right, never empty.
 */
export function userAvatar(id) {
  const hash = hash32(`user:${id}`);
  const hue = hash % 360;
  const half = Math.ceil(GRID / 2);
  const bits = hash >>> 9; // the low bits chose the hue; 15 other bits choose the cells
  const cells = [];
  let any = false;
  for (let row = 0; row < GRID; row += 1) {
    const line = new Array(GRID).fill(false);
    for (let col = 0; col < half; col += 1) {
      const on = ((bits >>> (row * half + col)) & 1) === 1;
      line[col] = on;
      line[GRID - 1 - col] = on;
      any ||= on;
    }
    cells.push(line);
  }
  if (!any) cells[Math.floor(GRID / 2)][Math.floor(GRID / 2)] = true;
  return { hue, background: paleColor(hue), foreground: strongColor(hue), cells };
}

/** Up to two letters for a name: "Quiet Otter" -> "QO", "lobby" -> "LO", "" -> "#". */
export function initialsOf(name) {
  const words = String(name ?? '')
    .trim()
    .split(/[\s_\-.]+/u)
    .filter(Boolean);
  if (words.length === 0) return '#';
  const first = (word) => [...word][0];
  const letters = words.length === 1 ? [...words[0]].slice(0, 2) : [first(words[0]), first(words[1])];
  return letters.join('').toUpperCase();
}

/** A room's avatar: `{hue, background, foreground, initials}`; white text on a strong colour. */
export function roomAvatar(id, name) {
  const hue = hash32(`room:${id}`) % 360;
  return { hue, background: strongColor(hue, 55), foreground: '#ffffff', initials: initialsOf(name ?? id) };
}
