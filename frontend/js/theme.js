/**
 * Colours and the chat background theme. The user picks any background colour; this module
 * derives the text, bubble and muted colours from it so that every text keeps a WCAG contrast
 * ratio of at least 4.5:1 against what it is drawn on. Pure: colours in, colours out, no DOM.
 */

export const MIN_CONTRAST = 4.5;

export const THEME_PRESETS = Object.freeze([
  { id: 'mist', label: 'Mist', color: '#f4f5f7' },
  { id: 'sand', label: 'Sand', color: '#f3ece1' },
  { id: 'mint', label: 'Mint', color: '#e3f2ea' },
  { id: 'sky', label: 'Sky', color: '#e1ecf9' },
  { id: 'blush', label: 'Blush', color: '#f7e4ea' },
  { id: 'night', label: 'Night', color: '#1c2030' },
  { id: 'forest', label: 'Forest', color: '#1d3b33' },
]);

export const DEFAULT_BACKGROUND = THEME_PRESETS[0].color;

const BLACKISH = '#14161b';
const BLACK = '#000000';
const WHITE = '#ffffff';

/** `#abc` or `#aabbcc` (any case) as lower-case `#aabbcc`; null for anything else. */
export function normalizeHex(value) {
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(text)) return text;
  if (/^#[0-9a-f]{3}$/.test(text)) return '#' + [...text.slice(1)].map((c) => c + c).join('');
  return null;
}

/** `{r, g, b}` (0-255) of a hex colour, or null when it is not one. */
export function parseHex(value) {
  const hex = normalizeHex(value);
  if (hex === null) return null;
  return {
    r: parseInt(hex.slice(1, 3), 16),
    g: parseInt(hex.slice(3, 5), 16),
    b: parseInt(hex.slice(5, 7), 16),
  };
}

export function toHex({ r, g, b }) {
  const part = (v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

/** `hsl(h, s%, l%)` as hex; h in degrees, s and l in 0-100. */
export function hslToHex(h, s, l) {
  const sat = Math.min(100, Math.max(0, s)) / 100;
  const light = Math.min(100, Math.max(0, l)) / 100;
  const k = (n) => (n + (((h % 360) + 360) % 360) / 30) % 12;
  const a = sat * Math.min(light, 1 - light);
  const f = (n) => light - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return toHex({ r: f(0) * 255, g: f(8) * 255, b: f(4) * 255 });
}

/** WCAG 2 relative luminance (0 black .. 1 white) of a hex colour. */
export function relativeLuminance(color) {
  const rgb = typeof color === 'string' ? parseHex(color) : color;
  if (!rgb) throw new TypeError(`not a colour: ${color}`);
  const channel = (v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(rgb.r) + 0.7152 * channel(rgb.g) + 0.0722 * channel(rgb.b);
}

/** WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a, b) {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour `t` of the way from `a` to `b` (0 = a, 1 = b), in sRGB. */
export function mix(a, b, t) {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex({ r: x.r + (y.r - x.r) * t, g: x.g + (y.g - x.g) * t, b: x.b + (y.b - x.b) * t });
}

/**
 * Near-black or white, whichever reads better on `background`; pure black for the mid tones
 * where near-black falls short. Black or white always reaches 4.5:1 (the worst case, a
 * luminance of about 0.18, still gives 4.58 with one of them).
 */
export function readableOn(background) {
  const dark = contrastRatio(BLACKISH, background) >= MIN_CONTRAST ? BLACKISH : BLACK;
  return contrastRatio(dark, background) >= contrastRatio(WHITE, background) ? dark : WHITE;
}

/**
 * The softest shade between `foreground` and `background` that still has `min` contrast on
 * `background` (found by bisection), for secondary text such as times and system lines. When
 * even `foreground` itself falls short, the readable extreme (near-black or white) is returned.
 */
export function mutedOn(background, foreground, min = MIN_CONTRAST) {
  if (contrastRatio(foreground, background) < min) return readableOn(background);
  let lo = 0; // passes
  let hi = 1; // the background itself: fails
  for (let i = 0; i < 20; i += 1) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(mix(foreground, background, mid), background) >= min) lo = mid;
    else hi = mid;
  }
  // Rounding to whole channel values may cost a hair of contrast: step back until it passes.
  let t = lo;
  let color = mix(foreground, background, t);
  while (contrastRatio(color, background) < min && t > 0) {
    t = Math.max(0, t - 0.01);
    color = mix(foreground, background, t);
  }
  return color;
}

/** Whether a background is dark enough that light text reads better on it. */
export function isDark(background) {
  return readableOn(background) === WHITE;
}

/**
 * The CSS custom properties of the chat area for a background colour:
 *   --chat-bg, --chat-text, --chat-muted   the message area and its system lines
 *   --bubble-bg, --bubble-text, --bubble-muted, --bubble-border   other people's messages
 * Every text/background pair has contrast >= MIN_CONTRAST. Invalid input falls back to the default.
 */
export function themeFor(background) {
  const bg = normalizeHex(background) ?? DEFAULT_BACKGROUND;
  const dark = isDark(bg);
  const chatText = readableOn(bg);
  let bubbleBg = dark ? mix(bg, WHITE, 0.12) : mix(bg, WHITE, 0.85);
  // A mid-tone "dark" background: deepen the bubble until white text on it is comfortable.
  for (let i = 0; dark && i < 20 && contrastRatio(WHITE, bubbleBg) < 6; i += 1) bubbleBg = mix(bubbleBg, BLACK, 0.12);
  const bubbleText = readableOn(bubbleBg);
  return {
    background: bg,
    dark,
    vars: {
      '--chat-bg': bg,
      '--chat-text': chatText,
      '--chat-muted': mutedOn(bg, chatText),
      '--bubble-bg': bubbleBg,
      '--bubble-text': bubbleText,
      '--bubble-muted': mutedOn(bubbleBg, bubbleText),
      '--bubble-border': dark ? mix(bubbleBg, WHITE, 0.1) : mix(bg, BLACKISH, 0.1),
    },
  };
}

/** The preset whose colour this is, or null for a custom colour. */
export function presetOf(color) {
  const hex = normalizeHex(color);
  return THEME_PRESETS.find((preset) => preset.color === hex) ?? null;
}
