import test from 'node:test';
import assert from 'node:assert/strict';
import { linkParts, safeHref } from '../js/linkify.js';

const links = (text) => linkParts(text).filter((p) => p.href).map((p) => [p.text, p.href]);

test('http and https addresses become links and the parts still spell the text', () => {
  const text = 'see https://example.com/a?b=1#c and http://x.test/ now';
  const parts = linkParts(text);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(parts, [
    { text: 'see ' },
    { text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
    { text: ' and ' },
    { text: 'http://x.test/', href: 'http://x.test/' },
    { text: ' now' },
  ]);
  assert.deepEqual(linkParts('no links here'), [{ text: 'no links here' }]);
  assert.deepEqual(linkParts(''), [{ text: '' }]);
});

test('punctuation that ends the sentence is not part of the address; balanced brackets are', () => {
  assert.deepEqual(links('Look: https://example.com/page.'), [['https://example.com/page', 'https://example.com/page']]);
  assert.deepEqual(links('(https://example.com/x)'), [['https://example.com/x', 'https://example.com/x']]);
  assert.deepEqual(links('https://en.wikipedia.org/wiki/Otter_(disambiguation)!'), [
    ['https://en.wikipedia.org/wiki/Otter_(disambiguation)', 'https://en.wikipedia.org/wiki/Otter_(disambiguation)'],
  ]);
  assert.deepEqual(links('"https://example.com/q"'), [['https://example.com/q', 'https://example.com/q']]);
});

test('nothing but http(s) is interpreted', () => {
  for (const text of [
    'javascript:alert(1)',
    'javascript://example.com/%0Aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'www.example.com',
    'ftp://example.com/file',
    'mailto:someone@example.com',
    '<a href="javascript:alert(4)">click me</a>',
    'xhttps://example.com',
    'http://',
    'https:///path',
  ]) {
    assert.deepEqual(links(text), [], text);
  }
  assert.deepEqual(links('<a href="https://x.test/">'), [['https://x.test/', 'https://x.test/']], 'the quote ends it');
  assert.deepEqual(links('HTTPS://EXAMPLE.COM/Up'), [['HTTPS://EXAMPLE.COM/Up', 'https://example.com/Up']], 'href normalised by URL');
});

test('safeHref accepts only http and https URLs with a host', () => {
  assert.equal(safeHref('https://example.com'), 'https://example.com/');
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('not a url'), null);
  assert.equal(safeHref('file:///etc/passwd'), null);
});
