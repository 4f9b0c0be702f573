import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const html = readFileSync(join(root, 'ops/index.html'), 'utf8');

test('the ops page works under the gateway\'s strict CSP and loads nothing from another host', () => {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'every script has a src');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
  assert.doesNotMatch(html, /<style\b/i, 'no style element');
  assert.doesNotMatch(html, /(ws|http)s?:\/\//i, 'no hard-coded host');
  // absolute paths: /ops and /ops/ both reach this page
  assert.match(html, /<script type="module" src="\/js\/ops\.js"><\/script>/);
  assert.match(html, /<link rel="stylesheet" href="\/css\/ops\.css">/);
});

test('the key is asked for in a password field and the pictures are SVG, not tables', () => {
  assert.match(html, /<input id="ops-key-input"[^>]*type="password"/);
  assert.doesNotMatch(html, /<table\b/i);
  const view = readFileSync(join(root, 'js/ops-view.js'), 'utf8');
  assert.match(view, /svgEl\('svg'/);
  assert.doesNotMatch(view, /createElement\('table'|el\('table'/);
});
