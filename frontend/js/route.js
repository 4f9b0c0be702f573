/**
 * Every room has its own address, `/r/<room id>`: what the address bar says about the room to be
 * in, and the address of a room. The gateway serves the page for any `/r/...` path; the page
 * decides. Pure: no `location` or `history` here, app.js passes the path in.
 */

export const ROOM_PATH = '/r/';
/** Longer than any room id; a longer path is not read (the server would refuse it anyway). */
const MAX_ID_LENGTH = 64;

/**
 * The room an address asks for: `{room}` for `/r/<id>` (the id as written, decoded; the server
 * says whether it exists), or `{room: null}` for anything else (the home page: General).
 */
export function roomFromPath(pathname) {
  const path = String(pathname ?? '');
  if (!path.startsWith(ROOM_PATH)) return { room: null };
  let raw = path.slice(ROOM_PATH.length).replace(/\/+$/u, '');
  if (raw === '' || raw.includes('/')) return { room: null };
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // not valid percent-encoding: take it as written; no room has such an id
  }
  return { room: raw.slice(0, MAX_ID_LENGTH) };
}

export function roomPath(roomId) {
  return ROOM_PATH + encodeURIComponent(roomId);
}

/** The full address to share, e.g. `https://chat.example/r/k3jx7qa2mb`. */
export function roomUrl(origin, roomId) {
  return String(origin).replace(/\/+$/u, '') + roomPath(roomId);
}

/**
 * What the History API should do when the page shows `roomId` while the address is `pathname`:
 * `push` a new entry (a room switch the user made), `replace` the entry (the address named no
 * room, e.g. `/`, so Back still leaves the site), or nothing (it already says so).
 */
export function historyStep(pathname, roomId) {
  const current = roomFromPath(pathname).room;
  if (current === roomId) return 'none';
  return current === null ? 'replace' : 'push';
}
