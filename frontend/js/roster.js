/**
 * Who is in the current room, from the server's `roster` frames: a snapshot (`reset`) and then
 * changes, each with the version it was made at. A change is applied only when it is newer than
 * what is known about that user (a snapshot counts as known at its version), so frames that cross
 * on the way (a snapshot read while changes were already in flight) still end in the right list.
 * A big room's snapshot lists only some users; the others are counted ("and N more") from the
 * room's user count. A room too big for the server to keep the list live sends only that sample,
 * marked `live: false`: the view says so rather than pass it off as the room's list. Pure.
 */

/** How many gone users are remembered past the last snapshot, at most. */
const MAX_TOMBSTONES = 5000;

export class Roster {
  constructor() {
    this.clear();
  }

  clear() {
    this.base = -1;
    /** false while the last snapshot was a sample of a room too big to be kept live */
    this.live = true;
    /** id -> {name, v} */
    this.people = new Map();
    /** id -> v of users gone after the last snapshot */
    this.gone = new Map();
  }

  get size() {
    return this.people.size;
  }

  /** Applies a `roster` frame; returns whether the list changed. */
  apply(frame) {
    if (!frame || typeof frame !== 'object') return false;
    return frame.reset ? this.reset(frame) : this.change(frame);
  }

  reset(frame) {
    const v = Number(frame.v);
    if (!Number.isFinite(v) || v < this.base) return false; // an older snapshot than one we have
    this.base = v;
    this.live = frame.live !== false;
    for (const [id, person] of this.people) if (person.v <= v) this.people.delete(id);
    for (const [id, goneAt] of this.gone) if (goneAt <= v) this.gone.delete(id);
    for (const person of entries(frame.here)) {
      if ((this.gone.get(person.id) ?? -1) > v) continue;
      const known = this.people.get(person.id);
      if (!known || known.v <= v) this.people.set(person.id, { name: person.name, v });
    }
    return true;
  }

  change(frame) {
    let changed = false;
    for (const person of entries(frame.here, true)) {
      const known = this.people.get(person.id);
      if (known ? known.v >= person.v : person.v <= this.base) continue;
      if ((this.gone.get(person.id) ?? -1) >= person.v) continue;
      this.people.set(person.id, { name: person.name, v: person.v });
      this.gone.delete(person.id);
      changed = true;
    }
    for (const person of entries(frame.gone, true, false)) {
      const known = this.people.get(person.id);
      if (known && known.v >= person.v) continue;
      if (person.v <= this.base && !known) continue;
      if (known) {
        this.people.delete(person.id);
        changed = true;
      }
      this.gone.set(person.id, person.v);
      if (this.gone.size > MAX_TOMBSTONES) this.gone.delete(this.gone.keys().next().value);
    }
    return changed;
  }

  /**
   * What to show: the people sorted by name (own identities first, marked), at most `limit`, and
   * how many more the room has (`users` is the room's count, when known).
   */
  view({ users = null, ownIds = new Set(), limit = 50 } = {}) {
    const all = [...this.people].map(([id, { name }]) => ({ id, name, own: ownIds.has(id) }));
    all.sort((a, b) => (a.own !== b.own ? (a.own ? -1 : 1) : a.name.localeCompare(b.name) || a.id.localeCompare(b.id)));
    const shown = all.slice(0, Math.max(0, limit));
    const total = Number.isFinite(users) ? Math.max(users, all.length) : all.length;
    return { shown, more: total - shown.length, live: this.live };
  }
}

/** The well-formed entries of a `here` or `gone` list. */
function entries(list, withVersion = false, withName = true) {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (p) =>
      p &&
      typeof p.id === 'string' &&
      p.id !== '' &&
      (!withName || typeof p.name === 'string') &&
      (!withVersion || Number.isFinite(Number(p.v))),
  ).map((p) => ({ id: p.id, name: p.name, v: Number(p.v) }));
}
