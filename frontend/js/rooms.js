/**
 * The room directory: polls `GET /api/rooms` (every 5 s by default) and hands a cleaned-up list
 * to its listener. Polls are chained (the next one is scheduled when the previous one ends), so a
 * slow gateway never piles requests up. No DOM: `fetch` and the timers are parameters.
 */

export const ROOMS_URL = '/api/rooms';
export const ROOMS_POLL_MS = 5000;

/** Keeps the well-formed rooms of a `GET /api/rooms` answer, in the server's order. */
export function parseRooms(body) {
  if (!Array.isArray(body)) return [];
  return body
    .filter((room) => room && typeof room.id === 'string' && room.id !== '')
    .map((room) => ({
      id: room.id,
      name: typeof room.name === 'string' && room.name !== '' ? room.name : room.id,
      users: Number.isFinite(room.users) ? room.users : 0,
      clearIntervalSeconds: Number.isFinite(room.clearIntervalSeconds) ? room.clearIntervalSeconds : null,
      nextClearAt: Number.isFinite(room.nextClearAt) ? room.nextClearAt : null,
      expiresAt: Number.isFinite(room.expiresAt) ? room.expiresAt : null,
    }));
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
      if (running && timer === null) timer = scheduler.setTimeout(poll, intervalMs);
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
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
    /** Polls now instead of waiting for the next tick (e.g. after switching rooms). */
    refresh() {
      if (!running || inFlight) return;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      poll();
    },
  };
}
