import test from 'node:test';
import assert from 'node:assert/strict';
import { attachmentsOf, checkFile, isSameOriginPath, MAX_ATTACHMENT_BYTES, TOO_LARGE, uploadAttachment, WRONG_TYPE } from '../js/attachments.js';

const file = (type = 'image/png', size = 100) => ({ type, size, name: 'x' });

function fakeFetch(status, body, calls = []) {
  const impl = async (url, init) => {
    calls.push({ url, init });
    return { status, ok: status >= 200 && status < 300, json: async () => (body === undefined ? JSON.parse('<html>') : body) };
  };
  impl.calls = calls;
  return impl;
}

test('only PNG, JPEG, GIF and WebP up to 2 MB are accepted before uploading', () => {
  for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) assert.equal(checkFile(file(type)).ok, true, type);
  assert.deepEqual(checkFile(file('image/svg+xml')), { ok: false, error: WRONG_TYPE });
  assert.deepEqual(checkFile(file('image/png', MAX_ATTACHMENT_BYTES + 1)), { ok: false, error: TOO_LARGE });
  assert.equal(checkFile(file('image/png', MAX_ATTACHMENT_BYTES)).ok, true);
  assert.equal(checkFile(file('image/png', 0)).ok, false);
});

test('the upload posts the raw file with its own type to the room', async () => {
  const fetchImpl = fakeFetch(201, { id: 'r1.abc', url: '/api/attachments/r1.abc' });
  const f = file('image/webp');
  const result = await uploadAttachment(fetchImpl, 'r 1', f, 'tok.sig');
  assert.deepEqual(result, { ok: true, id: 'r1.abc', url: '/api/attachments/r1.abc' });
  const { url, init } = fetchImpl.calls[0];
  assert.equal(init.headers['X-Identity-Token'], 'tok.sig', 'the registry checks who uploads');
  assert.equal(url, '/api/rooms/r%201/attachments');
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['Content-Type'], 'image/webp');
  assert.equal(init.body, f, 'the file itself, not a form');
});

test('413 and 415 become plain sentences, even from an HTML error page; others keep the server text', async () => {
  assert.deepEqual(await uploadAttachment(fakeFetch(413, undefined), 'r', file()), { ok: false, status: 413, error: TOO_LARGE });
  assert.deepEqual(await uploadAttachment(fakeFetch(415, { error: 'unsupported media type' }), 'r', file()), { ok: false, status: 415, error: WRONG_TYPE });
  const gone = await uploadAttachment(fakeFetch(404, { error: 'no such room: r' }), 'r', file());
  assert.equal(gone.ok, false);
  assert.match(gone.error, /no such room: r/);
  const rejected = await uploadAttachment(fakeFetch(201, {}), 'r', file('text/html'));
  assert.deepEqual(rejected, { ok: false, status: 0, error: WRONG_TYPE }, 'checked before any request');
});

test('an upload answer pointing elsewhere is refused', async () => {
  const result = await uploadAttachment(fakeFetch(201, { id: 'a', url: 'https://evil.example/x.png' }), 'r', file());
  assert.equal(result.ok, false);
});

test('only same-origin paths are shown as images', () => {
  assert.equal(isSameOriginPath('/api/attachments/general.x1'), true);
  for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/a.png', 'javascript:alert(1)', 'data:image/png;base64,AA', 'api/x', '/a b', '', null]) {
    assert.equal(isSameOriginPath(bad), false, String(bad));
  }
  const message = {
    attachments: [
      { id: 'a', url: '/api/attachments/a' },
      { id: 'b', url: 'https://evil.example/b' },
      { id: 3, url: '/api/attachments/c' },
      null,
      { id: 'd', url: '/api/attachments/d' },
      { id: 'e', url: '/api/attachments/e' },
      { id: 'f', url: '/api/attachments/f' },
      { id: 'g', url: '/api/attachments/g' },
    ],
  };
  assert.deepEqual(attachmentsOf(message).map((a) => a.id), ['a', 'd', 'e', 'f'], 'at most four');
  assert.deepEqual(attachmentsOf({ text: 'plain' }), []);
});
