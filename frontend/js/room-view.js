/**
 * The sidebar's room list and the header of the current room. The list is updated in place
 * (keyed by room id) on every poll and every second (for the countdowns), so keyboard focus on a
 * room button survives refreshes and nothing is rewritten that did not change.
 */

import { el, setText, svgEl } from './dom.js';
import { countdown, durationLabel, userCount } from './format.js';
import { roomTimers } from './rooms.js';
import { roomAvatarNode } from './avatar-view.js';

const TRASH_PATH = 'M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4.5A1.5 1.5 0 0 1 10.5 3h3A1.5 1.5 0 0 1 15 4.5V7';

/** Sets a node's text only when it differs, so a one-second tick touches only what moved. */
function updateText(node, text) {
  const value = text ?? '';
  if (node.textContent !== value) setText(node, value);
}

function trashIcon() {
  return svgEl(
    'svg',
    { class: 'icon', viewBox: '0 0 24 24', width: 18, height: 18, 'aria-hidden': 'true', focusable: 'false' },
    svgEl('path', { d: TRASH_PATH, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }),
  );
}

/** "Clears in 0:42 · every 5 min" and "Expires in 3:59" (or null) for a room at `now`. */
export function timerTexts(room, now) {
  const { clearsInMs, expiresInMs } = roomTimers(room, now);
  const every = durationLabel(room.clearIntervalSeconds);
  const clear = clearsInMs === null ? (every ? `Clears every ${every}` : '') : `Clears in ${countdown(clearsInMs)}${every ? ` · every ${every}` : ''}`;
  const expiry = expiresInMs === null ? null : expiresInMs === 0 ? 'Expiring…' : `Expires in ${countdown(expiresInMs)}`;
  return { clear, expiry };
}

export function createRoomListView({ list, onSelect, onDelete }) {
  const items = new Map(); // room id -> parts

  function itemFor(room) {
    let entry = items.get(room.id);
    if (!entry) {
      const name = el('span', { className: 'room-name' });
      const count = el('span', { className: 'room-count' });
      const clear = el('span', { className: 'room-clear-timer' });
      const expiry = el('span', { className: 'room-expiry-timer' });
      const avatarSlot = el('span', { className: 'room-avatar-slot' });
      const button = el(
        'button',
        { className: 'room-button', attrs: { type: 'button' }, on: { click: () => onSelect(room.id) } },
        avatarSlot,
        el(
          'span',
          { className: 'room-body' },
          el('span', { className: 'room-line' }, name, count),
          el('span', { className: 'room-timers' }, clear, expiry),
        ),
      );
      const remove = el(
        'button',
        { className: 'icon-button room-delete', attrs: { type: 'button' }, hidden: true, on: { click: () => onDelete(room.id, remove) } },
        trashIcon(),
      );
      entry = { item: el('li', { className: 'room-item', dataset: { roomId: room.id } }, button, remove), button, name, count, clear, expiry, avatarSlot, remove, avatarName: null };
      items.set(room.id, entry);
    }
    return entry;
  }

  /**
   * @param {Array<object>} rooms in display order (see rooms.js parseRoom)
   * @param {string} currentRoom id of the room we are in
   * @param {{liveUsers?: Map<string, number>, owned?: (id: string) => boolean, now: number}} state
   */
  function render(rooms, currentRoom, { liveUsers = new Map(), owned = () => false, now }) {
    const seen = new Set();
    rooms.forEach((room, index) => {
      seen.add(room.id);
      const entry = itemFor(room);
      if (entry.avatarName !== room.name) {
        entry.avatarSlot.replaceChildren(roomAvatarNode(room.id, room.name, { size: 34 }));
        entry.avatarName = room.name;
      }
      const users = liveUsers.has(room.id) ? liveUsers.get(room.id) : room.users;
      const known = Number.isFinite(users);
      updateText(entry.name, room.name);
      updateText(entry.count, known ? String(users) : '');
      entry.count.hidden = !known;
      entry.count.title = known ? userCount(users) : '';
      const { clear, expiry } = timerTexts(room, now);
      updateText(entry.clear, clear);
      entry.clear.hidden = !clear;
      updateText(entry.expiry, expiry ?? '');
      entry.expiry.hidden = expiry === null;
      const label = [room.name, known ? userCount(users) : null, clear || null, expiry].filter(Boolean).join(', ');
      if (entry.button.getAttribute('aria-label') !== label) entry.button.setAttribute('aria-label', label);
      if (room.id === currentRoom) entry.button.setAttribute('aria-current', 'true');
      else entry.button.removeAttribute('aria-current');
      const mine = owned(room.id);
      entry.remove.hidden = !mine;
      if (mine) entry.remove.setAttribute('aria-label', `Delete room ${room.name}`);
      entry.remove.title = mine ? `Delete ${room.name}` : '';
      if (list.children[index] !== entry.item) list.insertBefore(entry.item, list.children[index] ?? null);
    });
    for (const [id, entry] of items) {
      if (!seen.has(id)) {
        entry.item.remove();
        items.delete(id);
      }
    }
  }

  return { render };
}

export function createRoomHeaderView({ avatarSlot, nameNode, usersNode, clearNode, expiryNode, deleteButton }) {
  let avatarKey = null;
  return {
    /** @param {{id: string, name: string, users: number|null, room: object|null, owned: boolean, now: number}} state */
    render({ id, name, users, room, owned, now }) {
      if (avatarKey !== `${id}\n${name}`) {
        avatarSlot.replaceChildren(roomAvatarNode(id, name, { size: 40 }));
        avatarKey = `${id}\n${name}`;
      }
      updateText(nameNode, name);
      updateText(usersNode, userCount(users));
      usersNode.hidden = !Number.isFinite(users);
      const { clear, expiry } = room ? timerTexts(room, now) : { clear: '', expiry: null };
      updateText(clearNode, clear);
      clearNode.hidden = !clear;
      updateText(expiryNode, expiry ?? '');
      expiryNode.hidden = expiry === null;
      deleteButton.hidden = !owned;
    },
  };
}
