/**
 * The room registry's write side as the create-room dialog needs it: the choices a creator has
 * (`GET /api/rooms/options`, never hard-coded here), client-side checks that mirror the server's,
 * creating (`POST /api/rooms`) and deleting (`DELETE /api/rooms/{id}` with `X-Owner-Token`).
 * Every call answers `{ok: true, ...}` or `{ok: false, status, error, field}` with the server's
 * own error text; nothing throws. Pure: `fetch` is a parameter.
 */

import { parseRoom } from './rooms.js';
import { durationLabel } from './format.js';

export const OPTIONS_URL = '/api/rooms/options';
export const ROOMS_URL = '/api/rooms';
export const MAX_ROOM_NAME = 40;
export const OWNER_TOKEN_HEADER = 'X-Owner-Token';

export const RoomField = Object.freeze({
  NAME: 'name',
  CLEAR_INTERVAL: 'clearIntervalSeconds',
  EXPIRY: 'expirySeconds',
  HISTORY: 'historyForNewcomers',
});

const FIELDS = new Set(Object.values(RoomField));
// control, format (bidi overrides, zero-width characters), lone surrogates, separators: as the server
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

const positiveSeconds = (list) =>
  Array.isArray(list) ? [...new Set(list.filter((v) => Number.isInteger(v) && v > 0))].sort((a, b) => a - b) : [];

/** The body of `GET /api/rooms/options` as two sorted lists of whole seconds; null when unusable. */
export function parseRoomOptions(body) {
  if (!body || typeof body !== 'object') return null;
  const clearIntervals = positiveSeconds(body.clearIntervals);
  const expiries = positiveSeconds(body.expiries);
  if (clearIntervals.length === 0 || expiries.length === 0) return null;
  return { clearIntervals, expiries };
}

/** `<option>` descriptions for a list of seconds: `[{value: '300', label: '5 min'}]`. */
export function choices(seconds) {
  return seconds.map((value) => ({ value: String(value), label: durationLabel(value) }));
}

/** The value to preselect: `preferred` when offered, else the one closest to it. */
export function defaultChoice(seconds, preferred) {
  if (seconds.length === 0) return null;
  if (seconds.includes(preferred)) return preferred;
  return seconds.reduce((best, v) => (Math.abs(v - preferred) < Math.abs(best - preferred) ? v : best), seconds[0]);
}

/** Checks a room name like the registry does; `{ok, name}` (trimmed) or `{ok: false, error}`. */
export function checkRoomName(raw) {
  const name = String(raw ?? '').trim();
  if (name === '') return { ok: false, error: 'Give the room a name.' };
  if (CONTROL.test(name)) return { ok: false, error: 'The name cannot contain control or invisible formatting characters.' };
  if ([...name].length > MAX_ROOM_NAME) return { ok: false, error: `The name can be at most ${MAX_ROOM_NAME} characters.` };
  return { ok: true, name };
}

async function readError(response, fallback) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's HTML page, say)
  }
  const error = body && typeof body.error === 'string' && body.error !== '' ? body.error : fallback;
  const field = body && typeof body.field === 'string' && FIELDS.has(body.field) ? body.field : null;
  return { ok: false, status: response.status, error, field };
}

const UNREACHABLE = { ok: false, status: 0, error: 'The server could not be reached. Check your connection and try again.', field: null };

/** `GET /api/rooms/options` → `{ok, options}`. */
export async function fetchRoomOptions(fetchImpl) {
  try {
    const response = await fetchImpl(OPTIONS_URL, { headers: { Accept: 'application/json' } });
    if (!response.ok) return readError(response, `Room options unavailable (HTTP ${response.status}).`);
    const options = parseRoomOptions(await response.json());
    if (!options) return { ok: false, status: response.status, error: 'The server offered no room options.', field: null };
    return { ok: true, options };
  } catch {
    return UNREACHABLE;
  }
}

const CREATE_FALLBACK = {
  400: 'The server refused this room.',
  409: 'A room with this name already exists.',
  429: 'You are creating rooms too quickly. Wait a minute and try again.',
};

/** `POST /api/rooms` → `{ok, room, ownerToken}` or the server's refusal (400/409/429). */
export async function createRoom(fetchImpl, { name, clearIntervalSeconds, expirySeconds, historyForNewcomers }) {
  try {
    const response = await fetchImpl(ROOMS_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, clearIntervalSeconds, expirySeconds, historyForNewcomers }),
    });
    if (response.status !== 201 && !response.ok) {
      return readError(response, CREATE_FALLBACK[response.status] ?? `The room could not be created (HTTP ${response.status}).`);
    }
    const body = await response.json();
    if (!body || typeof body.id !== 'string') return { ok: false, status: response.status, error: 'Unexpected answer from the server.', field: null };
    return { ok: true, room: parseRoom(body), ownerToken: typeof body.ownerToken === 'string' ? body.ownerToken : null };
  } catch {
    return UNREACHABLE;
  }
}

/** `DELETE /api/rooms/{id}` with the owner token → `{ok}`; a room already gone counts as deleted. */
export async function deleteRoom(fetchImpl, roomId, ownerToken) {
  try {
    const response = await fetchImpl(`${ROOMS_URL}/${encodeURIComponent(roomId)}`, {
      method: 'DELETE',
      headers: { [OWNER_TOKEN_HEADER]: ownerToken, Accept: 'application/json' },
    });
    if (response.ok || response.status === 404) return { ok: true, status: response.status };
    return readError(response, `The room could not be deleted (HTTP ${response.status}).`);
  } catch {
    return UNREACHABLE;
  }
}
