/**
 * Image attachments: the checks made before uploading (type and size, as the registry enforces
 * them), the upload itself (`POST /api/rooms/{room}/attachments`, the file as the raw body with
 * its own Content-Type) and the reading of `message.attachments`, which keeps only same-origin
 * paths so that a message can never make the page load an image from elsewhere.
 * Pure: `fetch` is a parameter.
 */

export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_ATTACHMENTS = 4;
export const ATTACHMENT_TYPES = Object.freeze(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const TOO_LARGE = 'The image is too large: at most 2 MB.';
export const WRONG_TYPE = 'Only PNG, JPEG, GIF and WebP images can be sent.';

/** `{ok: true}` or `{ok: false, error}` for a File-like `{type, size}`. */
export function checkFile(file) {
  if (!file || !ATTACHMENT_TYPES.includes(file.type)) return { ok: false, error: WRONG_TYPE };
  if (!Number.isFinite(file.size) || file.size <= 0) return { ok: false, error: 'The file is empty.' };
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, error: TOO_LARGE };
  return { ok: true };
}

export function uploadUrl(roomId) {
  return `/api/rooms/${encodeURIComponent(roomId)}/attachments`;
}

/** A path on this origin ("/api/attachments/x"), not "//host/..." nor "/\host", nor any URL with a scheme. */
export function isSameOriginPath(url) {
  return typeof url === 'string' && /^\/(?![/\\])[^\s\\]*$/u.test(url);
}

/** The displayable attachments of a message: `[{id, url}]`, at most MAX_ATTACHMENTS. */
export function attachmentsOf(message) {
  const list = Array.isArray(message?.attachments) ? message.attachments : [];
  return list
    .filter((a) => a && typeof a.id === 'string' && isSameOriginPath(a.url))
    .slice(0, MAX_ATTACHMENTS)
    .map((a) => ({ id: a.id, url: a.url }));
}

/**
 * Uploads one image to a room as the user of `identityToken` → `{ok, id, url}` or `{ok: false, status, error}`. 413 and 415 get
 * a plain sentence (a proxy may answer 413 with an HTML page); other refusals keep the server's text.
 */
export async function uploadAttachment(fetchImpl, roomId, file, identityToken) {
  const checked = checkFile(file);
  if (!checked.ok) return { ok: false, status: 0, error: checked.error };
  let response;
  try {
    response = await fetchImpl(uploadUrl(roomId), {
      method: 'POST',
      // the registry lets only members of the room upload: who we are is the chat's identity token
      headers: { 'Content-Type': file.type, Accept: 'application/json', ...(identityToken ? { 'X-Identity-Token': identityToken } : {}) },
      body: file,
    });
  } catch {
    return { ok: false, status: 0, error: 'The image could not be uploaded: the server is unreachable.' };
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // a non-JSON answer
  }
  if (response.status === 413) return { ok: false, status: 413, error: TOO_LARGE };
  if (response.status === 415) return { ok: false, status: 415, error: WRONG_TYPE };
  if (!response.ok) {
    const text = body && typeof body.error === 'string' && body.error !== '' ? body.error : `HTTP ${response.status}`;
    return { ok: false, status: response.status, error: `The image could not be uploaded: ${text}` };
  }
  if (!body || typeof body.id !== 'string' || !isSameOriginPath(body.url)) {
    return { ok: false, status: response.status, error: 'The image could not be uploaded: unexpected answer.' };
  }
  return { ok: true, id: body.id, url: body.url };
}
