/**
 * The operations endpoint as the ops page needs it: `GET /api/ops` with the operator's key in
 * `X-Ops-Key`, answered as `{ok: true, data}` (numbers checked, anything else dropped) or
 * `{ok: false, status, reason, error}`, where `reason` says what the page should do: `key` (ask for
 * the key again), `off` (the view is not enabled), `down` (try again later). Never throws. Pure:
 * `fetch` is a parameter.
 */

export const OPS_URL = '/api/ops';
export const OPS_KEY_HEADER = 'X-Ops-Key';

const number = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const numberOrNull = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const numbers = (list) => (Array.isArray(list) ? list.map(number) : []);

function parseNode(node) {
  if (!node || typeof node !== 'object' || typeof node.node !== 'string' || node.node === '') return null;
  const history = node.history && typeof node.history === 'object' ? node.history : {};
  return {
    id: node.node,
    at: number(node.at),
    draining: node.draining === true,
    connections: number(node.connections),
    rooms: number(node.rooms),
    receivedPerSecond: number(node.receivedPerSecond),
    deliveredPerSecond: number(node.deliveredPerSecond),
    sendP99Ms: numberOrNull(node.sendP99Ms),
    history: {
      endAt: number(history.endAt),
      stepMs: number(history.stepMs),
      received: numbers(history.received),
      delivered: numbers(history.delivered),
    },
  };
}

/** The body of `GET /api/ops`, checked; null when it is not one. */
export function parseOps(body) {
  if (!body || typeof body !== 'object' || !Array.isArray(body.nodes)) return null;
  const redis = body.redis && typeof body.redis === 'object' ? body.redis : {};
  return {
    at: number(body.at),
    nodes: body.nodes.map(parseNode).filter(Boolean),
    rooms: (Array.isArray(body.rooms) ? body.rooms : [])
      .filter((r) => r && typeof r.id === 'string')
      .map((r) => ({ id: r.id, name: typeof r.name === 'string' ? r.name : r.id, users: number(r.users) })),
    redis: {
      usedMemoryBytes: number(redis.usedMemoryBytes),
      peakMemoryBytes: number(redis.peakMemoryBytes),
      maxMemoryBytes: numberOrNull(redis.maxMemoryBytes),
    },
  };
}

async function errorText(response) {
  try {
    const body = await response.json();
    return typeof body?.error === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

export async function fetchOps(fetchImpl, key) {
  let response;
  try {
    response = await fetchImpl(OPS_URL, { headers: { [OPS_KEY_HEADER]: key, Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    return { ok: false, status: 0, reason: 'down', error: 'The gateway cannot be reached.' };
  }
  if (response.status === 401 || response.status === 403) {
    return { ok: false, status: response.status, reason: 'key', error: 'That key is not the one the registry has (CHAT_OPS_KEY).' };
  }
  if (response.status === 404) {
    return { ok: false, status: 404, reason: 'off', error: 'The operations view is off: set CHAT_OPS_KEY on the room registry.' };
  }
  if (!response.ok) {
    const text = await errorText(response);
    return { ok: false, status: response.status, reason: 'down', error: text ?? `The registry answered ${response.status}.` };
  }
  let body;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const data = parseOps(body);
  return data ? { ok: true, data } : { ok: false, status: response.status, reason: 'down', error: 'The answer was not the operations view.' };
}
