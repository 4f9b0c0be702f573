/**
 * The user's anonymous identity as the page handles it: the display-name rule the server applies
 * to `nick` (1–40 visible characters after trimming, no control characters), checked here first
 * so a typo gets an immediate answer. Pure: no DOM, no storage.
 */

export const MAX_NAME = 40;

// control, format (bidi overrides, zero-width characters), lone surrogates, separators: as the server
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

/** `{ok: true, name}` (trimmed) or `{ok: false, error}` with a sentence for the user. */
export function checkDisplayName(raw) {
  const name = String(raw ?? '').trim();
  if (name === '') return { ok: false, error: 'Your name needs at least one character.' };
  if (CONTROL.test(name)) return { ok: false, error: 'Your name cannot contain control or invisible formatting characters.' };
  if ([...name].length > MAX_NAME) return { ok: false, error: `Your name can be at most ${MAX_NAME} characters.` };
  return { ok: true, name };
}
