/**
 * The sidebar's room list and the header of the current room. The list is updated in place
 * (keyed by room id) on every poll, so keyboard focus on a room button survives refreshes.
 */

import { el, setText } from './dom.js';
import { userCount } from './format.js';

export function createRoomListView({ list, onSelect }) {
  const items = new Map(); // room id -> {item, button, name, count}

  function itemFor(room) {
    let entry = items.get(room.id);
    if (!entry) {
      const name = el('span', { className: 'room-name' });
      const count = el('span', { className: 'room-count' });
      const button = el(
        'button',
        { className: 'room-button', attrs: { type: 'button' }, on: { click: () => onSelect(room.id) } },
        el('span', { className: 'room-hash', text: '#', attrs: { 'aria-hidden': 'true' } }),
        name,
        count,
      );
      entry = { item: el('li', { className: 'room-item' }, button), button, name, count };
      items.set(room.id, entry);
    }
    return entry;
  }

  /**
   * @param {Array<{id: string, name: string, users: number}>} rooms in display order
   * @param {string} currentRoom id of the room we are in
   * @param {Map<string, number>} liveUsers fresher counts from presence frames, by room id
   */
  function render(rooms, currentRoom, liveUsers = new Map()) {
    const seen = new Set();
    rooms.forEach((room, index) => {
      seen.add(room.id);
      const entry = itemFor(room);
      const users = liveUsers.has(room.id) ? liveUsers.get(room.id) : room.users;
      setText(entry.name, room.name);
      const known = Number.isFinite(users);
      setText(entry.count, known ? String(users) : '');
      entry.count.hidden = !known;
      entry.button.setAttribute('aria-label', known ? `${room.name}, ${userCount(users)}` : room.name);
      if (room.id === currentRoom) entry.button.setAttribute('aria-current', 'true');
      else entry.button.removeAttribute('aria-current');
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

export function createRoomHeaderView({ nameNode, usersNode, clearNode }) {
  return {
    render({ name, users, clearText }) {
      setText(nameNode, name);
      setText(usersNode, userCount(users));
      usersNode.hidden = !Number.isFinite(users);
      setText(clearNode, clearText ?? '');
      clearNode.hidden = !clearText;
    },
  };
}
