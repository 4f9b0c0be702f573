/**
 * Finds the web addresses in a message: `http://` and `https://` URLs become links, nothing else
 * (no other scheme, no markup, no "www." without a scheme). Each candidate is parsed with `URL`
 * and kept only when its protocol really is http: or https:. Pure: returns parts, and the view
 * builds text nodes and `<a>` elements from them.
 */

// a scheme, two slashes and a host that starts right there (not "https:///x", which URL would
// read as another address than the one shown)
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`/\\\u0000-\u001f\u007f][^\s<>"'`\u0000-\u001f\u007f]*/giu;
const TRAILING = /[.,;:!?'"*]$/u;
const CLOSERS = { ')': '(', ']': '[', '}': '{' };

function count(text, char) {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/** Drops what ends a sentence rather than the address: "see https://x.test/a." or "(https://x.test)". */
function trimTrailing(candidate) {
  let url = candidate;
  for (;;) {
    const last = url.slice(-1);
    if (TRAILING.test(last)) {
      url = url.slice(0, -1);
    } else if (CLOSERS[last] && count(url, last) > count(url, CLOSERS[last])) {
      url = url.slice(0, -1);
    } else {
      return url;
    }
  }
}

/** The address as a link target, or null when it is not a valid http(s) URL. */
export function safeHref(candidate) {
  let url;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  return url.href;
}

/**
 * The text cut into parts: `{text}` for plain text and `{text, href}` for a link, in order;
 * joined, the parts' texts are the original text.
 */
export function linkParts(text) {
  const source = String(text ?? '');
  const parts = [];
  let at = 0;
  for (const match of source.matchAll(CANDIDATE)) {
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (href === null) continue;
    if (match.index > at) parts.push({ text: source.slice(at, match.index) });
    parts.push({ text: candidate, href });
    at = match.index + candidate.length;
  }
  if (at < source.length || parts.length === 0) parts.push({ text: source.slice(at) });
  return parts;
}
