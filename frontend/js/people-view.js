/**
 * Who's here: the people of the current room beside its count (avatar and name, "you" for this
 * page's own user, "and N more" for a big room), updated in place (keyed by user id), in a panel
 * that the count toggles; it starts folded on a narrow screen. Text only through dom.js.
 */

import { el, setText } from './dom.js';
import { userAvatarNode } from './avatar-view.js';

export function createPeopleView({ panel, list, more, toggle, narrowQuery = null }) {
  const items = new Map(); // user id -> {item, name, own}
  let chosen = null; // what the user picked with the toggle; until then, the screen decides
  let empty = true; // nobody to show (not joined yet, or a room that does not exist)

  const expanded = () => (chosen !== null ? chosen : !(narrowQuery?.matches ?? false));

  function applyExpanded() {
    const open = expanded();
    panel.hidden = !open || empty;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.title = open ? "Hide who's here" : "Show who's here";
  }

  toggle.addEventListener('click', () => {
    chosen = !expanded();
    applyExpanded();
  });
  narrowQuery?.addEventListener?.('change', applyExpanded);
  applyExpanded();

  function itemFor(person) {
    let entry = items.get(person.id);
    if (!entry) {
      const name = el('span', { className: 'person-name' });
      const you = el('span', { className: 'person-you', text: 'you', hidden: true });
      entry = { item: el('li', { className: 'person', dataset: { userId: person.id } }, userAvatarNode(person.id, { size: 22 }), name, you), name, you };
      items.set(person.id, entry);
    }
    return entry;
  }

  /** @param {{shown: Array<{id: string, name: string, own: boolean}>, more: number, live?: boolean}} view (roster.js) */
  function render({ shown, more: moreCount, live = true }) {
    const seen = new Set();
    shown.forEach((person, index) => {
      seen.add(person.id);
      const entry = itemFor(person);
      if (entry.name.textContent !== person.name) setText(entry.name, person.name);
      entry.you.hidden = !person.own;
      if (list.children[index] !== entry.item) list.insertBefore(entry.item, list.children[index] ?? null);
    });
    for (const [id, entry] of items) {
      if (!seen.has(id)) {
        entry.item.remove();
        items.delete(id);
      }
    }
    const counted = moreCount > 0 ? (shown.length > 0 ? `and ${moreCount} more` : `${moreCount} here`) : '';
    // a big room's list is a sample taken when this page joined, not kept up to date
    setText(more, counted && !live ? `${counted} (some of those here when you joined)` : counted);
    more.hidden = moreCount <= 0;
    empty = shown.length === 0 && moreCount <= 0;
    applyExpanded();
  }

  return { render };
}
