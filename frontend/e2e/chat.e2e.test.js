/**
 * The chat in real browsers: two independent users (each a Chromium with its own fresh profile)
 * against a real 3-node cluster behind the real gateway (deploy/local/cluster). Every wait is
 * bounded and polls the page (on DOM mutation where a state may be short-lived, such as a
 * message that a 3 s clear wipes again); nothing sleeps. Screenshots of the main states go to
 * frontend/target/screenshots/. A MutationObserver installed by the test in each page records
 * every message text that was ever rendered, so a message that a 3 s clear wipes right away
 * is still seen.
 *
 *   npm run e2e        (needs the jars: room-registry and chat-node target/quarkus-app)
 */

import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startCluster } from './support/cluster.js';
import { makePng } from './support/png.js';

const SHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url));
const WAIT = 10_000;
const RUN = Math.random().toString(36).slice(2, 7);
const OPS_KEY = `ops-${RUN}-${Math.random().toString(36).slice(2, 10)}`;
// The ops view drops a dead node when its heartbeat expires: short here, so the test is quick.
const OPS_SETTINGS = { CHAT_OPS_KEY: OPS_KEY, CHAT_OPS_HEARTBEAT_INTERVAL: '1s', CHAT_OPS_HEARTBEAT_TTL: '5s' };
const CLEAR_SECONDS = 3;
const EXPIRY_SECONDS = 4;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let cluster = null;
let killed = null;
const users = [];
let alice;
let bob;

async function openUser(label, { path = '/', chat = true } = {}) {
  const profile = mkdtempSync(join(tmpdir(), `chat-e2e-${label}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  // Test instrumentation (not part of the app): remember every message text ever rendered.
  await context.addInitScript(() => {
    window.__seenTexts = new Set();
    window.__seenLines = new Set();
    const collect = (node, selector, into) => {
      for (const found of node.matches(selector) ? [node] : node.querySelectorAll(selector)) into.add(found.textContent);
    };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1 || !node.closest?.('#message-list')) continue;
          collect(node, '.message-text', window.__seenTexts);
          collect(node, '.system-line-text', window.__seenLines);
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const user = { label, profile, context, page, dialogs: [], pageErrors: [], cspViolations: [], consoleErrors: [], frames: [], foreignRequests: [], typingSent: [] };
  users.push(user);
  // Nothing the page shows may make the browser talk to anyone but the gateway.
  const ownHost = new URL(cluster.url).host;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.host !== ownHost) user.foreignRequests.push(request.url());
  });
  // The last WebSocket frames each way, for the failure messages.
  page.on('websocket', (socket) => {
    const keep = (direction) => (event) => {
      user.frames.push(`${new Date().toISOString().slice(17, 23)} ${direction} ${String(event.payload).slice(0, 160)}`);
      if (user.frames.length > 40) user.frames.shift();
    };
    socket.on('framesent', keep('>'));
    socket.on('framesent', (event) => {
      if (/"type":"typing"/.test(String(event.payload))) user.typingSent.push(Date.now());
    });
    socket.on('framereceived', keep('<'));
    socket.on('framereceived', (event) => {
      try {
        const frame = JSON.parse(String(event.payload));
        if (frame.type === 'welcome') user.node = frame.node;
      } catch {
        // not JSON: not ours to judge here
      }
    });
    socket.on('close', () => user.frames.push(`${new Date().toISOString().slice(17, 23)} closed`));
  });
  page.on('dialog', (dialog) => {
    user.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => user.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content Security Policy/i.test(text)) user.cspViolations.push(text);
    else user.consoleErrors.push(text);
  });
  await page.goto(`${cluster.url}${path}`);
  if (chat) await ready(user);
  return user;
}

/** Connected and joined (the message log is not busy). */
async function ready(user) {
  await until(user, 'connected and joined', () => document.getElementById('connection-badge')?.dataset.state === 'connected' && document.getElementById('message-scroller')?.getAttribute('aria-busy') === 'false');
}

/** page.waitForFunction with a message that says what the page showed when it gave up. */
async function until(user, what, fn, arg, { timeout = WAIT, polling = 'raf' } = {}) {
  try {
    await user.page.waitForFunction(fn, arg, { timeout, polling });
  } catch (error) {
    const state = await user.page
      .evaluate(() => ({
        room: document.getElementById('room-name')?.textContent,
        badge: document.getElementById('connection-text')?.textContent,
        notice: document.getElementById('notice')?.hidden ? null : document.getElementById('notice-text')?.textContent,
        toasts: [...document.querySelectorAll('#toasts .toast')].map((t) => t.textContent),
        messages: [...document.querySelectorAll('#message-list > li')].map((li) => li.textContent.trim().slice(0, 80)),
      }))
      .catch(() => ({}));
    throw new Error(
      `${user.label}: timed out after ${timeout} ms waiting for ${what}; the page showed ${JSON.stringify(state)}\nlast frames:\n  ${user.frames.slice(-15).join('\n  ')}`,
      { cause: error },
    );
  }
}

/** The message was rendered in the list (it may have been cleared since). */
const hasMessage = (user, text, options) => until(user, `the message "${text}"`, (t) => window.__seenTexts.has(t), text, options);

/** Closes any dialog and drops any staged image a failed test left behind, so one failure does not cascade. */
const tidy = (user) =>
  user.page
    .evaluate(() => {
      document.querySelectorAll('dialog[open]').forEach((d) => d.close());
      if (!document.getElementById('attachment-preview').hidden) document.getElementById('attachment-remove').click();
    })
    .catch(() => {});

const countMessage = (user, text) =>
  user.page.evaluate((t) => [...document.querySelectorAll('#message-list .message-text')].filter((p) => p.textContent === t).length, text);

async function send(user, text) {
  await user.page.fill('#composer-input', text);
  await user.page.press('#composer-input', 'Enter');
}

async function shot(user, name) {
  mkdirSync(SHOTS, { recursive: true });
  await user.page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

const inRoom = (user, name, options) =>
  until(user, `room "${name}" joined`, (n) => document.getElementById('room-name')?.textContent === n && document.getElementById('message-scroller')?.getAttribute('aria-busy') === 'false', name, options);

/** The names in the page's "who's here" list. */
const people = (user) => user.page.evaluate(() => [...document.querySelectorAll('#people-list .person-name')].map((n) => n.textContent));

const listsPeople = (user, what, names, options) =>
  until(user, what, (list) => {
    const shown = [...document.querySelectorAll('#people-list .person-name')].map((n) => n.textContent);
    return list.every((n) => shown.includes(n));
  }, names, options);

async function rename(user, name) {
  await user.page.click('#identity');
  await user.page.locator('#name-dialog').waitFor({ state: 'visible', timeout: WAIT });
  await user.page.fill('#name-input', name);
  await user.page.press('#name-input', 'Enter');
  await user.page.locator('#name-dialog').waitFor({ state: 'hidden', timeout: WAIT });
}

before(async () => {
  cluster = await startCluster(OPS_SETTINGS);
  alice = await openUser('alice');
  bob = await openUser('bob');
}, { timeout: 360_000 });

beforeEach(async () => {
  for (const user of users) await tidy(user);
});

after(async () => {
  for (const user of users) {
    await user.context.close().catch(() => {});
    rmSync(user.profile, { recursive: true, force: true });
  }
  if (cluster) {
    await cluster.down();
    rmSync(cluster.dir, { recursive: true, force: true });
  }
}, { timeout: 180_000 });

test('two independent users chat in General and each sees the other\'s message exactly once', { timeout: 60_000 }, async () => {
  await inRoom(alice, 'General');
  await inRoom(bob, 'General');
  const nameA = await alice.page.textContent('#user-name');
  const nameB = await bob.page.textContent('#user-name');
  assert.ok(nameA && nameB && nameA !== nameB, `two different anonymous users (${nameA}, ${nameB})`);

  const fromA = `Hello from A ${RUN}`;
  const fromB = `Hi A, B here ${RUN}`;
  await send(alice, fromA);
  await hasMessage(bob, fromA);
  await send(bob, fromB);
  await hasMessage(alice, fromB);
  // A last message after both: once it is shown, anything sent before it has been delivered.
  const sentinel = `sentinel ${RUN}`;
  await send(alice, sentinel);
  await hasMessage(alice, sentinel);
  await hasMessage(bob, sentinel);
  for (const user of [alice, bob]) {
    assert.equal(await countMessage(user, fromA), 1, `${user.label} shows A's message once`);
    assert.equal(await countMessage(user, fromB), 1, `${user.label} shows B's message once`);
  }
  const author = await bob.page.evaluate((t) => {
    const p = [...document.querySelectorAll('#message-list .message-text')].find((n) => n.textContent === t);
    return p.closest('.message').querySelector('.message-author')?.textContent;
  }, fromA);
  assert.equal(author, nameA);
  for (const user of [alice, bob]) await until(user, 'General showing 2 online', () => document.getElementById('room-users').textContent === '2 online');
  await shot(alice, '01-general-two-users');
});

let operator;

/** What the ops page draws, read from its SVG: node id → connections, and the total. */
const opsView = (user) =>
  user.page.evaluate(() => ({
    nodes: Object.fromEntries([...document.querySelectorAll('#ops-nodes [data-node]')].map((g) => [g.dataset.node, Number(g.dataset.connections)])),
    total: Number(document.getElementById('ops-total-connections')?.textContent),
    rooms: [...document.querySelectorAll('#ops-rooms [data-room]')].map((g) => g.dataset.room),
  }));

test('the ops page asks for the key, then shows the 3 nodes and their connections moving', { timeout: 60_000 }, async () => {
  operator = await openUser('operator', { path: '/ops/', chat: false });
  const page = operator.page;
  await page.locator('#ops-key-form').waitFor({ state: 'visible', timeout: WAIT });
  await page.fill('#ops-key-input', 'not the key');
  await page.press('#ops-key-input', 'Enter');
  await page.locator('#ops-key-error').waitFor({ state: 'visible', timeout: WAIT });
  assert.match(await page.textContent('#ops-key-error'), /not the one/);
  assert.equal(await page.isVisible('#ops-view'), false, 'nothing shown without the key');

  await page.fill('#ops-key-input', OPS_KEY);
  await page.press('#ops-key-input', 'Enter');
  await until(operator, 'three chat nodes in the ops view', () => document.querySelectorAll('#ops-nodes [data-node]').length === 3, undefined, { timeout: 15_000, polling: 200 });
  const before = await opsView(operator);
  assert.deepEqual(Object.keys(before.nodes).sort(), ['node-1', 'node-2', 'node-3']);
  assert.ok(before.total >= 2, `alice and bob are counted (${JSON.stringify(before)})`);
  assert.ok(before.rooms.includes('general'), 'General is among the busiest rooms');
  for (const id of ['ops-rates', 'ops-redis']) {
    assert.ok(await page.locator(`#${id} svg path, #${id} svg rect`).count() > 0, `#${id} is drawn`);
  }
  await shot(operator, '01b-ops-view');

  // one more visitor: the total and exactly one node go up by one, and down again when it leaves
  const visitor = await bob.context.newPage();
  try {
    await visitor.goto(cluster.url);
    await until(operator, 'one more connection', (n) => Number(document.getElementById('ops-total-connections').textContent) === n, before.total + 1, { timeout: 10_000, polling: 200 });
    const during = await opsView(operator);
    const moved = Object.keys(during.nodes).filter((id) => during.nodes[id] !== before.nodes[id]);
    assert.equal(moved.length, 1, `one node gained the visitor: ${JSON.stringify({ before, during })}`);
    assert.equal(during.nodes[moved[0]], before.nodes[moved[0]] + 1);
  } finally {
    await visitor.close();
  }
  await until(operator, 'the connection gone again', (n) => Number(document.getElementById('ops-total-connections').textContent) === n, before.total, { timeout: 10_000, polling: 200 });
});

test('who\'s here on two nodes, live through a rename; links in messages; who is typing', { timeout: 60_000 }, async () => {
  // on two different chat nodes, so the list is the cluster's and not one node's
  for (let i = 0; i < 3 && alice.node === bob.node; i++) {
    await bob.page.reload();
    await ready(bob);
  }
  assert.notEqual(alice.node, bob.node, 'the gateway put the two pages on two nodes');
  await inRoom(alice, 'General');
  await inRoom(bob, 'General');
  const nameA = await alice.page.textContent('#user-name');
  const nameB = await bob.page.textContent('#user-name');
  for (const user of [alice, bob]) await listsPeople(user, 'both people in the list', [nameA, nameB]);
  const mine = await alice.page.evaluate((n) => {
    const item = [...document.querySelectorAll('#people-list .person')].find((li) => li.querySelector('.person-name').textContent === n);
    return { you: !item.querySelector('.person-you').hidden, avatar: item.querySelector('svg.avatar') !== null };
  }, nameA);
  assert.deepEqual(mine, { you: true, avatar: true }, 'alice is marked as herself, with her avatar');
  assert.equal(await alice.page.getAttribute('#people-toggle', 'aria-expanded'), 'true', 'open on a wide screen');

  const renamed = `Bob ${RUN}`;
  await rename(bob, renamed);
  await listsPeople(alice, 'the new name in the list', [renamed, nameA]);
  assert.equal((await people(alice)).includes(nameB), false, 'the old name is gone');

  // links: http(s) addresses and nothing else
  const url = `https://example.com/notes?id=${RUN}`;
  const text = `Notes at ${url}. Not javascript:alert(1) nor www.example.org`;
  await send(alice, text);
  await hasMessage(bob, text);
  const links = await bob.page.evaluate((t) => {
    const p = [...document.querySelectorAll('#message-list .message-text')].find((n) => n.textContent === t);
    return [...p.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent, rel: a.rel, target: a.target, cls: a.className }));
  }, text);
  assert.deepEqual(links, [{ href: url, text: url, rel: 'noopener noreferrer nofollow', target: '_blank', cls: 'message-link' }]);

  // who's typing: a signal at the first keystroke, then at most one per 2 s; gone as soon as the message is there
  const before = bob.typingSent.length;
  const draft = `typed quickly ${RUN}`;
  await bob.page.click('#composer-input');
  await bob.page.keyboard.type(draft);
  await until(alice, 'bob typing', (n) => document.getElementById('typing').textContent === `${n} is typing…`, renamed);
  const signals = bob.typingSent.slice(before);
  assert.ok(signals.length >= 1, 'typing was signalled');
  const gaps = signals.slice(1).map((at, i) => at - signals[i]);
  assert.ok(gaps.every((gap) => gap >= 1900), `${signals.length} typing frames for ${draft.length} keystrokes, ${JSON.stringify(gaps)} ms apart`);
  await shot(alice, '04a-typing');
  await bob.page.press('#composer-input', 'Enter');
  await hasMessage(alice, draft);
  assert.equal(await alice.page.textContent('#typing'), '', 'the line goes when the message arrives');
});

test('a shared room: copy its link, open it elsewhere, Back to the previous room, and an unknown room', { timeout: 90_000 }, async () => {
  await alice.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cluster.url });
  const name = `Shared ${RUN}`;
  const created = await fetch(`${cluster.url}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, clearIntervalSeconds: 5, expirySeconds: 6, historyForNewcomers: true }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { id } = await created.json();
  await until(alice, 'the shared room in the sidebar', (n) => [...document.querySelectorAll('#room-list .room-name')].some((e) => e.textContent === n), name, { timeout: 6_000, polling: 100 });
  await alice.page.locator('#room-list li', { has: alice.page.locator('.room-name', { hasText: name }) }).locator('.room-button').click();
  await inRoom(alice, name);
  assert.equal(await alice.page.evaluate(() => window.location.pathname), `/r/${id}`, 'the address names the room');

  await alice.page.click('#copy-link');
  await until(alice, 'the copy confirmation', () => document.getElementById('copy-link-text').textContent === 'Link copied');
  const link = await alice.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${cluster.url}/r/${id}`);

  const page = await fetch(link);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.match(await page.text(), /<base href="\/">/);

  await bob.page.goto(link);
  await ready(bob);
  await inRoom(bob, name);
  const bobName = await bob.page.textContent('#user-name');
  await listsPeople(alice, 'bob in the shared room', [bobName]);

  // Back returns to the previous room; the list follows bob out and in
  await bob.page.locator('#room-list li[data-room-id="general"] .room-button').click();
  await inRoom(bob, 'General');
  assert.equal(await bob.page.evaluate(() => window.location.pathname), '/r/general');
  await until(alice, 'bob gone from the list', (n) => ![...document.querySelectorAll('#people-list .person-name')].some((e) => e.textContent === n), bobName);
  await bob.page.goBack();
  await inRoom(bob, name);
  assert.equal(await bob.page.evaluate(() => window.location.pathname), `/r/${id}`);
  await listsPeople(alice, 'bob back in the list', [bobName]);

  // an unknown (or expired) room says so and offers General
  await bob.page.goto(`${cluster.url}/r/gone${RUN}`);
  await until(bob, 'the missing-room message', () => document.getElementById('room-missing').hidden === false && document.getElementById('room-name').textContent === 'Room not found', undefined, { timeout: WAIT });
  await shot(bob, '04b-room-missing');
  await bob.page.click('#go-general');
  await inRoom(bob, 'General');
  assert.equal(await bob.page.evaluate(() => window.location.pathname), '/r/general');
  await alice.page.locator('#room-list li[data-room-id="general"] .room-button').click();
  await inRoom(alice, 'General');
});

test('an uploaded image appears for the other user', { timeout: 60_000 }, async () => {
  await alice.page.setInputFiles('#attach-input', { name: 'stripes.png', mimeType: 'image/png', buffer: makePng(96) });
  await alice.page.locator('#attachment-preview').waitFor({ state: 'visible', timeout: WAIT });
  const caption = `Look at this ${RUN}`;
  await alice.page.fill('#composer-input', caption);
  await shot(alice, '02a-image-staged');
  await alice.page.press('#composer-input', 'Enter');
  // Either the message goes out (the preview is cleared) or the upload is refused (a toast says why).
  await until(alice, 'the upload to finish', () => document.getElementById('attachment-preview').hidden || document.querySelector('#toasts .toast--error') !== null, undefined, { timeout: 15_000 });
  const refusal = await alice.page.evaluate(() => (document.getElementById('attachment-preview').hidden ? null : [...document.querySelectorAll('#toasts .toast')].map((t) => t.textContent).join(' | ')));
  assert.equal(refusal, null, `POST /api/rooms/general/attachments was refused; the page says: ${refusal}`);
  await until(
    bob,
    'the uploaded image, loaded',
    (t) => {
      const p = [...document.querySelectorAll('#message-list .message-text')].find((n) => n.textContent === t);
      const img = p?.closest('.message')?.querySelector('img.attachment-image');
      return Boolean(img && img.complete && img.naturalWidth === 96);
    },
    caption,
    { timeout: 15_000, polling: 200 },
  );
  const link = await bob.page.evaluate((t) => {
    const p = [...document.querySelectorAll('#message-list .message-text')].find((n) => n.textContent === t);
    const a = p.closest('.message').querySelector('a.attachment-link');
    const img = a.querySelector('img');
    return { href: a.getAttribute('href'), target: a.target, rel: a.rel, src: img.getAttribute('src'), alt: img.alt };
  }, caption);
  assert.match(link.src, /^\/api\/attachments\//);
  assert.equal(link.href, link.src, 'a click opens the full-size image');
  assert.equal(link.target, '_blank');
  assert.match(link.rel, /\bnoopener\b/);
  assert.ok(link.alt.length > 0, 'the image has alt text');
  await until(alice, 'the own image, loaded', () => [...document.querySelectorAll('#message-list img.attachment-image')].some((i) => i.complete && i.naturalWidth === 96), undefined, { polling: 200 });
  await shot(bob, '02-image-received');
});

test('markup typed as text is shown literally and never runs', { timeout: 30_000 }, async () => {
  const payload = '<img src=x onerror=alert(1)>';
  await send(alice, payload);
  await hasMessage(bob, payload);
  await hasMessage(alice, payload);
  for (const user of [alice, bob]) {
    const injected = await user.page.evaluate(() => [...document.querySelectorAll('img')].filter((img) => img.getAttribute('src') === 'x').length);
    assert.equal(injected, 0, `${user.label}: no <img src=x> element was created`);
    assert.deepEqual(user.dialogs, [], `${user.label}: no dialog opened`);
  }
});

test('sending too fast gets "Slow down" and every message still arrives exactly once', { timeout: 60_000 }, async () => {
  const texts = Array.from({ length: 18 }, (_, i) => `burst ${i + 1} ${RUN}`);
  // Typed inside the page: each Enter as soon as the composer has taken the last one (it sends
  // one at a time), faster than the 10-message burst and 5/s allow, whatever a round trip of the
  // test driver to Chromium costs on a busy machine (two per message with fill and press).
  await alice.page.evaluate(async (list) => {
    const input = document.getElementById('composer-input');
    for (const text of list) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      for (let i = 0; i < 200 && input.value !== ''; i++) await new Promise((done) => setTimeout(done, 0));
    }
  }, texts);
  await until(alice, 'the "Slow down" toast', () => [...document.querySelectorAll('#toasts .toast')].some((t) => t.textContent.startsWith('Slow down')), undefined, { timeout: 5_000 });
  await shot(alice, '03a-slow-down');
  for (const text of texts) await hasMessage(bob, text, { timeout: 15_000 });
  const last = `after the burst ${RUN}`;
  await send(alice, last);
  await hasMessage(bob, last);
  for (const user of [alice, bob]) {
    const counts = await user.page.evaluate((list) => list.map((t) => [...document.querySelectorAll('#message-list .message-text')].filter((p) => p.textContent === t).length), texts);
    assert.deepEqual(counts, texts.map(() => 1), `${user.label}: each burst message once`);
  }
  assert.equal(await alice.page.evaluate(() => document.querySelectorAll('#pending-list li').length), 0, 'nothing left pending');
  assert.equal(await alice.page.evaluate(() => document.getElementById('connection-badge').dataset.state), 'connected', 'not closed for abuse (1008)');
});

test('a new name survives a reload (same identity, same avatar)', { timeout: 60_000 }, async () => {
  const avatarSignature = () =>
    alice.page.evaluate(() => {
      const svg = document.querySelector('#user-avatar svg');
      return `${svg.dataset.hue}|${[...svg.querySelectorAll('rect')].map((r) => `${r.getAttribute('x')},${r.getAttribute('y')}`).join(';')}`;
    });
  const avatarBefore = await avatarSignature();
  const newName = `Night Owl ${RUN}`;
  await alice.page.click('#identity');
  await alice.page.locator('#name-dialog').waitFor({ state: 'visible', timeout: WAIT });
  await alice.page.fill('#name-input', '   ');
  await alice.page.press('#name-input', 'Enter');
  await alice.page.locator('#name-error').waitFor({ state: 'visible', timeout: WAIT });
  await alice.page.fill('#name-input', newName);
  await alice.page.press('#name-input', 'Enter');
  await alice.page.locator('#name-dialog').waitFor({ state: 'hidden', timeout: WAIT });
  await until(alice, 'the new name in the top bar', (n) => document.getElementById('user-name').textContent === n, newName);
  assert.equal(await alice.page.evaluate(() => document.activeElement?.id), 'identity', 'focus returns to the control that opened the dialog');

  await alice.page.reload();
  await ready(alice);
  await until(alice, 'the name after the reload', (n) => document.getElementById('user-name').textContent === n, newName);
  assert.equal(await avatarSignature(), avatarBefore, 'same id, same avatar');

  const text = `Still me ${RUN}`;
  await send(alice, text);
  await hasMessage(bob, text);
  const author = await bob.page.evaluate((t) => {
    const p = [...document.querySelectorAll('#message-list .message-text')].find((n) => n.textContent === t);
    return p.closest('.message').querySelector('.message-author')?.textContent;
  }, text);
  // Grouped messages hide the author; the item still carries it.
  assert.equal(author, newName);
});

test('the chosen chat background survives a reload and keeps text readable', { timeout: 60_000 }, async () => {
  const page = bob.page;
  await page.click('#theme-button');
  await page.locator('#theme-dialog').waitFor({ state: 'visible', timeout: WAIT });
  await page.click('label[for="swatch-night"]');
  await shot(bob, '03-theme-dialog');
  await page.fill('#theme-custom', '#203a5c');
  await page.click('#theme-done');
  await page.locator('#theme-dialog').waitFor({ state: 'hidden', timeout: WAIT });
  const look = () =>
    page.evaluate(() => {
      const scroller = document.getElementById('message-scroller');
      const bubble = document.querySelector('#message-list .message:not(.message--own) .bubble');
      return {
        background: getComputedStyle(scroller).backgroundColor,
        theme: document.documentElement.dataset.chatTheme,
        bubbleText: bubble ? getComputedStyle(bubble).color : null,
        bubbleBackground: bubble ? getComputedStyle(bubble).backgroundColor : null,
      };
    });
  await until(bob, 'the chosen background (after its transition)', () => getComputedStyle(document.getElementById('message-scroller')).backgroundColor === 'rgb(32, 58, 92)');
  const chosen = await look();
  assert.equal(chosen.theme, 'dark');
  assert.equal(chosen.bubbleText, 'rgb(255, 255, 255)', 'light text on the dark bubbles');

  await page.reload();
  await ready(bob);
  await until(bob, 'a rendered message from the other user', () => document.querySelector('#message-list .message:not(.message--own) .bubble') !== null);
  assert.deepEqual(await look(), chosen, 'the same look right after a reload (no transition from the default)');
  await shot(bob, '04-dark-theme-after-reload');
  await page.click('#theme-button');
  await page.locator('#theme-dialog').waitFor({ state: 'visible', timeout: WAIT });
  assert.equal(await page.inputValue('#theme-custom'), '#203a5c', 'the picker shows the stored colour');
  await page.keyboard.press('Escape');
  await page.locator('#theme-dialog').waitFor({ state: 'hidden', timeout: WAIT });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'theme-button', 'focus returns to the opener');
});

let roomName;
let lastMessageAt;

test('A creates a room in the dialog; B sees it with its count and joins', { timeout: 60_000 }, async () => {
  const page = alice.page;
  await page.click('#new-room');
  await page.locator('#create-room-dialog').waitFor({ state: 'visible', timeout: WAIT });
  await until(alice, 'the room options from the server', () => document.querySelectorAll('#room-clear-input option').length > 0);
  const offered = await page.evaluate(() => ({
    clear: [...document.querySelectorAll('#room-clear-input option')].map((o) => o.value),
    expiry: [...document.querySelectorAll('#room-expiry-input option')].map((o) => o.value),
  }));
  assert.deepEqual(offered, { clear: ['3', '5'], expiry: ['4', '6'] }, 'the choices are the cluster\'s (CHAT_ROOMS_*), not hard-coded');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'room-name-input', 'focus starts in the name field');

  // A name that is taken: the server's 409 text appears next to the name field.
  await page.fill('#room-name-input', 'General');
  await page.click('#create-room-submit');
  await page.locator('#room-name-error').waitFor({ state: 'visible', timeout: WAIT });
  assert.match(await page.textContent('#room-name-error'), /already exists/);
  await shot(alice, '05-create-room-error');

  // Tab and Shift+Tab never leave the modal dialog: they wrap around.
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog')?.id ?? document.activeElement?.tagName), 'create-room-dialog', `focus inside the dialog after ${key}`);
  }

  // Esc closes the dialog and gives the focus back to "New room".
  await page.keyboard.press('Escape');
  await page.locator('#create-room-dialog').waitFor({ state: 'hidden', timeout: WAIT });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-room');

  await page.click('#new-room');
  await page.locator('#create-room-dialog').waitFor({ state: 'visible', timeout: WAIT });
  roomName = `Sprint ${RUN}`;
  await page.fill('#room-name-input', roomName);
  await page.selectOption('#room-clear-input', String(CLEAR_SECONDS));
  await page.selectOption('#room-expiry-input', String(EXPIRY_SECONDS));
  await page.check('#room-history-input');
  await shot(alice, '06-create-room-dialog');
  await page.click('#create-room-submit');
  await page.locator('#create-room-dialog').waitFor({ state: 'hidden', timeout: WAIT });
  await inRoom(alice, roomName);
  await send(alice, `Room is open ${RUN}`); // activity: the expiry counts from here

  const item = (p) => p.locator('#room-list li', { has: p.locator('.room-name', { hasText: roomName }) });
  assert.equal(await item(page).locator('.room-delete').isVisible(), true, 'the owner sees Delete');
  assert.ok(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('chat.ownerToken.'))), 'the owner token is stored');

  await until(bob, `"${roomName}" in the sidebar with 1 user`, (n) => {
    const li = [...document.querySelectorAll('#room-list li')].find((l) => l.querySelector('.room-name')?.textContent === n);
    return li?.querySelector('.room-count')?.textContent === '1';
  }, roomName, { timeout: 6_000, polling: 100 });
  assert.equal(await item(bob.page).locator('.room-delete').isVisible(), false, 'others get no Delete');
  await item(bob.page).locator('.room-button').click();
  await inRoom(bob, roomName);
  await until(alice, 'the header count going to 2', () => document.getElementById('room-users').textContent === '2 online', undefined, { polling: 100 });
  const nameB = await bob.page.textContent('#user-name');
  await until(alice, `"${nameB} joined" in the list`, (n) => window.__seenLines.has(`${n} joined`), nameB);
});

test('a clear empties both views (clear interval 3 s)', { timeout: 60_000 }, async () => {
  const hello = `Hi all, B is here ${RUN}`;
  await send(bob, hello);
  const text = `Before the clear ${RUN}`;
  lastMessageAt = Date.now();
  await send(alice, text);
  await hasMessage(alice, hello, { timeout: 4_000 });
  await hasMessage(alice, text, { timeout: 4_000 });
  await hasMessage(bob, text, { timeout: 4_000 });
  await shot(alice, '07-room-with-message');
  const cleared = () => document.querySelectorAll('#message-list .message').length === 0 && document.querySelector('#message-list .system-line--cleared') !== null;
  await until(alice, 'the view emptied by a clear', cleared, undefined, { timeout: (CLEAR_SECONDS + 3) * 1000 });
  await until(bob, 'the view emptied by a clear', cleared, undefined, { timeout: (CLEAR_SECONDS + 3) * 1000 });
  assert.equal(await alice.page.textContent('#message-list .system-line--cleared .system-line-text'), 'History cleared');
  await shot(bob, '08-history-cleared');
});

test('expiry moves both users back to General', { timeout: 60_000 }, async () => {
  const expired = (n) =>
    document.getElementById('room-name')?.textContent === 'General' &&
    !document.getElementById('notice').hidden &&
    document.getElementById('notice-text').textContent === `Room ${n} expired`;
  await until(alice, 'the expiry notice and General', expired, roomName, { timeout: (EXPIRY_SECONDS + 6) * 1000, polling: 100 });
  await until(bob, 'the expiry notice and General', expired, roomName, { timeout: 3_000, polling: 100 });
  // Nobody has talked since "Before the clear": the room expires EXPIRY after it, and `expired`
  // reaches the pages within 2 s of that (plus what a screenshot and the polling cost).
  const waited = Date.now() - lastMessageAt;
  assert.ok(waited <= (EXPIRY_SECONDS + 2) * 1000 + 1500, `expired ${waited} ms after the last message`);
  process.stdout.write(`# room expired ${waited} ms after the last message (expiry ${EXPIRY_SECONDS} s)\n`);
  await inRoom(alice, 'General');
  await inRoom(bob, 'General');
  for (const user of [alice, bob]) await until(user, 'General showing 2 online again', () => document.getElementById('room-users').textContent === '2 online', undefined, { timeout: 5_000 });
  await shot(alice, '09-room-expired');
  await until(alice, 'the room gone from the sidebar', (n) => ![...document.querySelectorAll('#room-list .room-name')].some((s) => s.textContent === n), roomName, { timeout: 6_000, polling: 200 });
  assert.equal(await alice.page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('chat.ownerToken.'))), false, 'the owner token of a gone room is forgotten');
});

test('the owner deletes a room: both are back in General', { timeout: 60_000 }, async () => {
  const page = alice.page;
  await page.click('#new-room');
  await page.locator('#create-room-dialog').waitFor({ state: 'visible', timeout: WAIT });
  await until(alice, 'the room options', () => document.querySelectorAll('#room-expiry-input option').length > 0);
  const name = `Design review ${RUN}`;
  await page.fill('#room-name-input', name);
  await page.selectOption('#room-clear-input', '5');
  await page.selectOption('#room-expiry-input', '6');
  await page.uncheck('#room-history-input');
  await page.click('#create-room-submit');
  await inRoom(alice, name);
  await send(alice, `Agenda ${RUN}`);
  await until(bob, `"${name}" in the sidebar`, (n) => [...document.querySelectorAll('#room-list .room-name')].some((s) => s.textContent === n), name, { timeout: 6_000, polling: 100 });
  await bob.page.locator('#room-list li', { has: bob.page.locator('.room-name', { hasText: name }) }).locator('.room-button').click();
  await inRoom(bob, name);
  const hidden = await bob.page.evaluate(() => [...document.querySelectorAll('#message-list .message-text')].length);
  assert.equal(hidden, 0, 'with "Newcomers can see earlier messages" off, B gets no history');
  await send(bob, `Ready ${RUN}`);
  await hasMessage(alice, `Ready ${RUN}`, { timeout: 5_000 });
  await shot(alice, '10-owner-view');

  await page.click('#room-delete');
  await page.locator('#confirm-dialog').waitFor({ state: 'visible', timeout: WAIT });
  await shot(alice, '11-delete-confirm');
  await page.click('#confirm-ok');
  await until(alice, 'General after the delete', (n) => document.getElementById('room-name').textContent === 'General' && document.getElementById('notice-text').textContent === `Room ${n} was deleted`, name);
  await until(bob, 'General after the delete', (n) => document.getElementById('room-name').textContent === 'General' && document.getElementById('notice-text').textContent === `Room ${n} expired`, name, { timeout: 5_000 });
  await until(bob, 'the room gone from the sidebar', (n) => ![...document.querySelectorAll('#room-list .room-name')].some((s) => s.textContent === n), name, { timeout: 6_000, polling: 200 });
  for (const user of [alice, bob]) await until(user, 'General showing 2 online again', () => document.getElementById('room-users').textContent === '2 online', undefined, { timeout: 5_000 });
});

test('the page works at 360 px wide', { timeout: 30_000 }, async () => {
  await bob.page.setViewportSize({ width: 360, height: 740 });
  await inRoom(bob, 'General');
  const overflow = await bob.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `no horizontal scrolling (scrollWidth ${overflow})`);
  for (const id of ['composer-input', 'send-button', 'attach-button', 'new-room', 'theme-button', 'identity', 'copy-link', 'people-toggle']) {
    const box = await bob.page.locator(`#${id}`).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `#${id} is on screen (${JSON.stringify(box)})`);
  }
  await until(bob, 'who\'s here folded on a narrow screen', () => document.getElementById('people').hidden && document.getElementById('people-toggle').getAttribute('aria-expanded') === 'false');
  await bob.page.click('#people-toggle');
  await until(bob, 'who\'s here unfolded', () => !document.getElementById('people').hidden && document.querySelectorAll('#people-list .person').length >= 2);
  const peopleBox = await bob.page.locator('#people').boundingBox();
  assert.ok(peopleBox && peopleBox.x + peopleBox.width <= 360, `the list fits (${JSON.stringify(peopleBox)})`);
  await bob.page.click('#people-toggle');
  await shot(bob, '12-mobile-360');
  await bob.page.click('#new-room');
  await bob.page.locator('#create-room-dialog').waitFor({ state: 'visible', timeout: WAIT });
  await until(bob, 'the room options', () => document.querySelectorAll('#room-clear-input option').length > 0);
  await shot(bob, '13-mobile-create-room');
  await bob.page.keyboard.press('Escape');
  await bob.page.setViewportSize({ width: 1280, height: 800 });
});

test('XSS payloads in messages, names and room names render as text and run nothing', { timeout: 60_000 }, async () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(2)>',
    '<svg onload=alert(3)>',
    '<a href="javascript:alert(4)">click me</a>',
    '"><iframe src="javascript:alert(5)"></iframe>',
    '<svg><script>alert(6)</script></svg>',
    'javascript:alert(7)',
    `<img src="http://evil.example/${RUN}.png">`,
  ];
  await inRoom(alice, 'General');
  await inRoom(bob, 'General');
  for (const payload of payloads) await send(alice, payload);
  for (const payload of payloads) await hasMessage(bob, payload, { timeout: 15_000 });

  // a display name made of markup
  const evilName = '<img src=x onerror=alert(8)>';
  await alice.page.click('#identity');
  await alice.page.locator('#name-dialog').waitFor({ state: 'visible', timeout: WAIT });
  await alice.page.fill('#name-input', evilName);
  await alice.page.press('#name-input', 'Enter');
  await alice.page.locator('#name-dialog').waitFor({ state: 'hidden', timeout: WAIT });
  const signed = `signed ${RUN}`;
  await send(alice, signed);
  await hasMessage(bob, signed);
  const author = await bob.page.evaluate((t) => {
    const p = [...document.querySelectorAll('#message-list .message-text')].find((n) => n.textContent === t);
    return p?.closest('.message')?.querySelector('.message-author')?.textContent;
  }, signed);
  assert.equal(author, evilName, 'the name is shown literally');

  // a room name made of markup, created through the API
  const roomName = `<svg onload=alert(9)> ${RUN}`;
  const created = await fetch(`${cluster.url}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: roomName, clearIntervalSeconds: CLEAR_SECONDS, expirySeconds: EXPIRY_SECONDS, historyForNewcomers: true }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  await until(bob, 'the markup-named room in the sidebar, as text', (n) =>
    [...document.querySelectorAll('#room-list .room-name')].some((e) => e.textContent === n), roomName, { timeout: 6_000, polling: 100 });
  await shot(bob, '13-xss-as-text');

  for (const user of [alice, bob]) {
    const injected = await user.page.evaluate(() => ({
      inlineHandlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName}[${a.name}]`)),
      scripts: [...document.querySelectorAll('script')].map((e) => e.getAttribute('src')).filter((src) => src !== 'js/app.js'),
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      javascriptLinks: [...document.querySelectorAll('[href], [src]')].filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? '')).length,
      foreignImages: [...document.querySelectorAll('img')].filter((img) => /evil\.example/.test(img.getAttribute('src') ?? '')).length,
    }));
    assert.deepEqual(injected, { inlineHandlers: [], scripts: [], frames: 0, javascriptLinks: 0, foreignImages: 0 }, `${user.label}: nothing injected`);
    assert.deepEqual(user.dialogs, [], `${user.label}: no dialog`);
    assert.deepEqual(user.foreignRequests, [], `${user.label}: no request to a foreign host`);
  }
});

test('the page survives the kill of its chat node with no visible gap', { timeout: 90_000 }, async () => {
  await inRoom(alice, 'General');
  await inRoom(bob, 'General');
  const before = `before the crash ${RUN}`;
  await send(bob, before);
  await hasMessage(alice, before);
  const victim = alice.node;
  assert.match(victim ?? '', /^node-\d+$/, 'alice\'s node is known from its welcome');
  cluster.kill(`chat-${victim}`);
  killed = { node: victim, at: Date.now() };
  const during = Array.from({ length: 5 }, (_, i) => `while ${victim} is down ${i + 1} ${RUN}`);
  for (const text of during) await send(bob, text);
  await until(alice, 'connected again, to another node', (v) => document.getElementById('connection-badge')?.dataset.state === 'connected', victim, { timeout: 20_000, polling: 100 });
  const after = `after the crash ${RUN}`;
  await send(bob, after);
  for (const text of [...during, after]) await hasMessage(alice, text, { timeout: 20_000 });
  assert.notEqual(alice.node, victim, 'alice is on a surviving node');
  const view = await alice.page.evaluate(() => [...document.querySelectorAll('#message-list .message-text')].map((p) => p.textContent));
  const expected = [before, ...during, after];
  const ours = view.filter((t) => expected.includes(t));
  assert.deepEqual(ours, expected, 'every message once, in order: no gap, no duplicate');
  assert.equal(await alice.page.evaluate(() => document.getElementById('notice')?.hidden === false
    && /could not be recovered/.test(document.getElementById('notice-text')?.textContent ?? '')), false, 'nothing reported lost');
  await shot(alice, '14-after-node-kill');
});

test('the ops view drops the killed node within 15 s', { timeout: 30_000 }, async () => {
  assert.ok(killed, 'a node was killed');
  const left = 15_000 - (Date.now() - killed.at);
  await until(operator, `${killed.node} gone from the ops view`, (victim) => {
    const nodes = [...document.querySelectorAll('#ops-nodes [data-node]')].map((g) => g.dataset.node);
    return nodes.length === 2 && !nodes.includes(victim);
  }, killed.node, { timeout: Math.max(1, left), polling: 200 });
  process.stdout.write(`# ${killed.node} left the ops view ${Date.now() - killed.at} ms after its kill -9 (heartbeat TTL ${OPS_SETTINGS.CHAT_OPS_HEARTBEAT_TTL})\n`);
  await shot(operator, '15-ops-after-node-kill');
});

test('no dialog, script error or CSP violation happened in any browser', () => {
  for (const user of users) {
    assert.deepEqual(user.dialogs, [], `${user.label}: dialogs`);
    assert.deepEqual(user.foreignRequests, [], `${user.label}: requests to foreign hosts`);
    assert.deepEqual(user.pageErrors, [], `${user.label}: page errors`);
    assert.deepEqual(user.cspViolations, [], `${user.label}: CSP violations`);
    if (user.consoleErrors.length > 0) process.stdout.write(`# ${user.label} console errors (not failures): ${JSON.stringify(user.consoleErrors)}\n`);
  }
});
