/**
 * Draws the generated avatars of avatar.js as inline SVG (built node by node, so nothing is
 * parsed and the page's CSP needs nothing extra): an identicon on a soft tint for users,
 * initials on a strong colour for rooms.
 */

import { svgEl } from './dom.js';
import { GRID, roomAvatar, userAvatar } from './avatar.js';

/** A user's avatar, `size` px square; decorative unless `label` is given. */
export function userAvatarNode(id, { size = 32, label = null, className = 'avatar' } = {}) {
  const model = userAvatar(id);
  const cell = 72 / GRID; // the grid fills the middle 72 %, the tint frames it
  const offset = 14;
  const shapes = [svgEl('rect', { width: 100, height: 100, rx: 30, fill: model.background })];
  model.cells.forEach((row, y) =>
    row.forEach((on, x) => {
      if (on) shapes.push(svgEl('rect', { x: offset + x * cell, y: offset + y * cell, width: cell + 0.4, height: cell + 0.4, fill: model.foreground }));
    }),
  );
  return frame(shapes, { size, label, className, hue: model.hue });
}

/** A room's avatar: its initials on a colour derived from its id. */
export function roomAvatarNode(id, name, { size = 32, label = null, className = 'room-avatar' } = {}) {
  const model = roomAvatar(id, name);
  const text = svgEl(
    'text',
    {
      x: 50,
      y: 50,
      dy: '0.35em',
      'text-anchor': 'middle',
      'font-size': model.initials.length > 1 ? 40 : 48,
      'font-weight': 700,
      'font-family': 'system-ui, sans-serif',
      fill: model.foreground,
    },
    model.initials,
  );
  return frame([svgEl('rect', { width: 100, height: 100, rx: 26, fill: model.background }), text], { size, label, className, hue: model.hue });
}

function frame(children, { size, label, className, hue }) {
  const node = svgEl(
    'svg',
    {
      class: className,
      viewBox: '0 0 100 100',
      width: size,
      height: size,
      role: label ? 'img' : null,
      'aria-label': label,
      'aria-hidden': label ? null : 'true',
      focusable: 'false',
      'data-hue': hue,
    },
    ...children,
  );
  return node;
}
