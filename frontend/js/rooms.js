/**
 * The room directory: polls `GET /api/rooms` (every second; the gateway micro-caches the answer
 * for 1 s, so a change anywhere shows within 2 s and the registry's load does not grow with the
 * number of open pages) and hands a cleaned-up
 * list to its listener. Polls are chained (the next one is scheduled when the previous one ends),
 * so a slow gateway never piles requests up. Also the pure helpers the sidebar needs between two
 * polls: what changed, the local countdowns, rooms we created before the poll shows them.
 * No DOM: `fetch` and the timers are parameters.
 */

export const ROOMS_URL = '/api/rooms';
export const ROOMS_POLL_MS = 1000;
export const GENERAL_ID = 'general';
/** How long a room we just created is shown even though a (cached) poll does not list it yet. */
export const PIN_MS = 10_000;

const finite = (value) => (Number.isFinite(value) ? value : null);

/** Keeps the well-formed rooms of a `GET /api/rooms` answer, in the server's order. */
export function parseRooms(body) {
  if (!Array.isArray(body)) return [];
  return body.filter((room) => room && typeof room.id === 'string' && room.id !== '').map(parseRoom);
}

/** One `<room>` object of the REST contract, with missing or malformed fields made null. */
export function parseRoom(room) {
  return {
    id: room.id,
    name: typeof room.name === 'string' && room.name !== '' ? room.name : room.id,
    users: Number.isFinite(room.users) ? room.users : 0,
    clearIntervalSeconds: finite(room.clearIntervalSeconds),
    expirySeconds: finite(room.expirySeconds),
    createdAt: finite(room.createdAt),
    nextClearAt: finite(room.nextClearAt),
    expiresAt: finite(room.expiresAt),
  };
}

const FIELDS = ['name', 'users', 'clearIntervalSeconds', 'expirySeconds', 'createdAt', 'nextClearAt', 'expiresAt'];

/**
 * What changed between two room lists: ids `added`, `removed` and `changed` (any field differs),
 * and whether the `order` of the rooms present in both differs.
 */
export function diffRooms(previous, next) {
  const before = new Map(previous.map((room) => [room.id, room]));
  const after = new Map(next.map((room) => [room.id, room]));
  const added = next.filter((room) => !before.has(room.id)).map((room) => room.id);
  const removed = previous.filter((room) => !after.has(room.id)).map((room) => room.id);
  const changed = next
    .filter((room) => before.has(room.id) && FIELDS.some((field) => before.get(room.id)[field] !== room[field]))
    .map((room) => room.id);
  const keptBefore = previous.filter((room) => after.has(room.id)).map((room) => room.id);
  const keptAfter = next.filter((room) => before.has(room.id)).map((room) => room.id);
  const order = keptBefore.some((id, index) => keptAfter[index] !== id);
  return { added, removed, changed, order, same: added.length + removed.length + changed.length === 0 && !order };
}

/** The listing order of the contract: General first, then by name ignoring case, then by id. */
export function compareRooms(a, b) {
  if ((a.id === GENERAL_ID) !== (b.id === GENERAL_ID)) return a.id === GENERAL_ID ? -1 : 1;
  const byName = a.name.localeCompare(b.name, undefined, { sensitivity: 'accent' });
  if (byName !== 0) return byName;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The polled list plus the rooms created here that the poll does not list yet (the gateway may
 * answer from a cache a second old). `pinned` is `[{room, until}]`; a pin lapses at `until` or
 * once the poll lists its room. Returns `{rooms, pinned}` with the pins still needed.
 */
export function withPinned(polled, pinned, now) {
  const listed = new Set(polled.map((room) => room.id));
  const keep = pinned.filter((pin) => pin.until > now && !listed.has(pin.room.id));
  if (keep.length === 0) return { rooms: polled, pinned: keep };
  return { rooms: [...polled, ...keep.map((pin) => pin.room)].sort(compareRooms), pinned: keep };
}

/**
 * The list without the rooms this page knows are gone (an `expired` frame or a delete): a poll
 * answered from the gateway's cache may still list them for a second. Ids are random and never
 * reused, so a gone id stays gone.
 */
export function withoutGone(rooms, gone) {
  return gone.size === 0 ? rooms : rooms.filter((room) => !gone.has(room.id));
}

/**
 * The room's next clear after `now`, computed locally between polls: clears happen at
 * `createdAt + k * interval`, so a `nextClearAt` that has passed moves on by whole intervals.
 */
export function nextClearAfter(room, now) {
  const next = room.nextClearAt;
  if (!Number.isFinite(next)) return null;
  const interval = Number.isFinite(room.clearIntervalSeconds) && room.clearIntervalSeconds > 0 ? room.clearIntervalSeconds * 1000 : null;
  if (next > now || interval === null) return next;
  return next + (Math.floor((now - next) / interval) + 1) * interval;
}

/**
 * The room after activity (a message or a join) seen at `at`: an expiring room now lives until
 * at least `at + expirySeconds`, as the server pushes it back; the sidebar shows that before the
 * next poll confirms it. Rooms without expiry are returned as they are.
 */
export function touchExpiry(room, at) {
  if (!Number.isFinite(room.expirySeconds) || !Number.isFinite(at)) return room;
  const until = at + room.expirySeconds * 1000;
  return Number.isFinite(room.expiresAt) && room.expiresAt >= until ? room : { ...room, expiresAt: until };
}

/**
 * A poll's rooms, each keeping the later expiry of the poll and of what this page already knew:
 * expiry only ever moves forward (activity), and a cached poll may predate activity seen here.
 */
export function keepLaterExpiry(next, previous) {
  const known = new Map(previous.map((room) => [room.id, room.expiresAt]));
  return next.map((room) => {
    const before = known.get(room.id);
    return Number.isFinite(before) && Number.isFinite(room.expiresAt) && before > room.expiresAt ? { ...room, expiresAt: before } : room;
  });
}

/**
 * Milliseconds until the room's next clear and until its expiry (null when it has none), as the
 * sidebar shows them every second between polls. Expiry does not move on by itself: activity
 * pushes it back, and only the next poll knows.
 */
export function roomTimers(room, now) {
  const clear = nextClearAfter(room, now);
  return {
    clearsInMs: clear === null ? null : Math.max(0, clear - now),
    expiresInMs: Number.isFinite(room.expiresAt) ? Math.max(0, room.expiresAt - now) : null,
  };
}

export function createRoomPoller({
  fetchImpl = (...args) => globalThis.fetch(...args),
  scheduler = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h) },
  url = ROOMS_URL,
  intervalMs = ROOMS_POLL_MS,
  onRooms = () => {},
  onError = () => {},
}) {
  let timer = null;
  let running = false;
  let inFlight = false;
  let again = false;

  async function poll() {
    timer = null;
    if (inFlight) return;
    inFlight = true;
    try {
      const response = await fetchImpl(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
      const rooms = parseRooms(await response.json());
      if (running) onRooms(rooms);
    } catch (error) {
      if (running) onError(error);
    } finally {
      inFlight = false;
      if (running && again) {
        again = false;
        poll();
      } else if (running && timer === null) {
        timer = scheduler.setTimeout(poll, intervalMs);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      poll();
    },
    stop() {
      running = false;
      again = false;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
    /** Polls now instead of waiting for the next tick (e.g. after creating a room). */
    refresh() {
      if (!running) return;
      if (inFlight) {
        again = true;
        return;
      }
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      poll();
    },
  };
}
