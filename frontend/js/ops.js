/**
 * The ops page (/ops/): asks for the operations key (kept for this tab only, in session storage),
 * then shows `GET /api/ops` every 2 s until the key is refused or forgotten.
 */

import { byId, setText } from './dom.js';
import { fetchOps } from './ops-api.js';
import { renderNodes, renderRates, renderRedis, renderRooms, renderTotals } from './ops-view.js';
import { safeStore } from './storage.js';

export const REFRESH_MS = 2000;
const KEY = 'chat.opsKey';

/** Session storage: the key is forgotten when the tab closes. Reading it may throw (privacy settings). */
function sessionStorageOrNull() {
  try {
    return globalThis.sessionStorage;
  } catch {
    return null;
  }
}

const store = safeStore(sessionStorageOrNull());
const form = byId('ops-key-form');
const input = byId('ops-key-input');
const keyError = byId('ops-key-error');
const status = byId('ops-status');
const view = byId('ops-view');
const forget = byId('ops-forget');
const totalIds = {
  nodes: byId('ops-total-nodes'),
  connections: byId('ops-total-connections'),
  received: byId('ops-total-received'),
  delivered: byId('ops-total-delivered'),
};

let timer = null;
let generation = 0;

function say(message, state = 'ok') {
  setText(status, message);
  status.dataset.state = state;
}

function askForKey(error) {
  clearTimeout(timer);
  generation += 1;
  store.remove(KEY);
  form.hidden = false;
  forget.hidden = true;
  keyError.hidden = !error;
  setText(keyError, error ?? '');
  say('Enter the operations key.');
  input.focus();
}

async function refresh(key, mine) {
  const started = Date.now();
  const answer = await fetchOps(globalThis.fetch.bind(globalThis), key);
  if (mine !== generation) return;
  if (!answer.ok && (answer.reason === 'key' || answer.reason === 'off')) {
    view.hidden = true;
    askForKey(answer.error);
    return;
  }
  if (answer.ok) {
    const { data } = answer;
    view.hidden = false;
    renderTotals(data, totalIds);
    renderNodes(byId('ops-nodes'), data.nodes);
    renderRates(byId('ops-rates'), data);
    renderRooms(byId('ops-rooms'), data.rooms);
    renderRedis(byId('ops-redis'), data.redis);
    say(`Updated ${new Date(data.at).toLocaleTimeString()}; every ${REFRESH_MS / 1000} s.`);
  } else {
    say(`${answer.error} Trying again.`, 'error');
  }
  timer = setTimeout(() => refresh(key, mine), Math.max(0, REFRESH_MS - (Date.now() - started)));
}

function show(key) {
  clearTimeout(timer);
  generation += 1;
  store.set(KEY, key);
  form.hidden = true;
  keyError.hidden = true;
  forget.hidden = false;
  say('Loading…');
  refresh(key, generation);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = input.value.trim();
  input.value = '';
  if (key !== '') show(key);
});
forget.addEventListener('click', () => {
  view.hidden = true;
  askForKey(null);
});

const kept = store.get(KEY);
if (kept) show(kept);
else askForKey(null);
