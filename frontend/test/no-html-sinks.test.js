import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const jsDir = join(root, 'js');
const sources = readdirSync(jsDir)
  .filter((name) => name.endsWith('.js'))
  .map((name) => ({ name, text: readFileSync(join(jsDir, name), 'utf8') }));

test('the scan really covers the UI sources', () => {
  const names = sources.map((s) => s.name);
  for (const expected of ['app.js', 'message-view.js', 'room-view.js', 'status-view.js', 'dom.js']) {
    assert.ok(names.includes(expected), `${expected} scanned`);
  }
});

test('no JavaScript source uses an HTML-parsing sink', () => {
  const sinks = [/\binnerHTML\b/, /\bouterHTML\b/, /\binsertAdjacentHTML\b/, /\bdocument\.write(ln)?\b/, /\bcreateContextualFragment\b/, /\bDOMParser\b/, /\beval\s*\(/, /\bnew\s+Function\s*\(/];
  const hits = [];
  for (const { name, text } of sources) {
    for (const sink of sinks) if (sink.test(text)) hits.push(`${name}: ${sink}`);
  }
  assert.deepEqual(hits, []);
});

test('logic modules do not touch the DOM, so they run in Node', () => {
  const pure = [
    'backoff.js', 'connection.js', 'messages.js', 'outbox.js', 'chat-session.js', 'rooms.js', 'format.js',
    'theme.js', 'avatar.js', 'room-api.js', 'attachments.js', 'storage.js', 'identity.js',
    'route.js', 'linkify.js', 'roster.js', 'typing.js', 'share.js',
    'ops-api.js', 'ops-model.js',
  ];
  for (const name of pure) {
    const { text } = sources.find((s) => s.name === name);
    assert.doesNotMatch(text, /\bdocument\b|\bwindow\b|\blocalStorage\b/, name);
  }
});

test('index.html works under a strict CSP: no inline script, handler or style', () => {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'every script has a src');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
  assert.doesNotMatch(html, /<style\b/i, 'no style element');
  assert.doesNotMatch(html, /(ws|http)s?:\/\//i, 'no hard-coded host');
  assert.match(html, /<script type="module" src="js\/app\.js"><\/script>/);
});

test('the WebSocket address is derived from location, never hard-coded', () => {
  const all = sources.map((s) => s.text).join('\n');
  assert.doesNotMatch(all, /['"`]wss?:\/\/[^'"`]/, 'no literal ws:// or wss:// address');
  assert.match(all, /webSocketUrl\(window\.location\b/);
});
