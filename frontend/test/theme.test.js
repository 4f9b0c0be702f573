import test from 'node:test';
import assert from 'node:assert/strict';
import {
  contrastRatio,
  DEFAULT_BACKGROUND,
  hslToHex,
  isDark,
  MIN_CONTRAST,
  mix,
  mutedOn,
  normalizeHex,
  presetOf,
  readableOn,
  relativeLuminance,
  THEME_PRESETS,
  themeFor,
} from '../js/theme.js';

const close = (actual, expected, epsilon = 0.01) => assert.ok(Math.abs(actual - expected) < epsilon, `${actual} ≈ ${expected}`);

test('relative luminance follows WCAG 2: black 0, white 1, mid grey about 0.216', () => {
  assert.equal(relativeLuminance('#000000'), 0);
  assert.equal(relativeLuminance('#ffffff'), 1);
  close(relativeLuminance('#808080'), 0.2159, 0.001);
  close(relativeLuminance('#ff0000'), 0.2126, 0.0001);
});

test('contrast ratio: 21 for black on white, 1 for a colour on itself, symmetric', () => {
  close(contrastRatio('#000', '#fff'), 21);
  assert.equal(contrastRatio('#4f46e5', '#4f46e5'), 1);
  close(contrastRatio('#767676', '#ffffff'), 4.54, 0.01); // the classic lightest grey that passes AA
  assert.equal(contrastRatio('#123456', '#abcdef'), contrastRatio('#abcdef', '#123456'));
});

test('hex colours are normalised; junk is refused', () => {
  assert.equal(normalizeHex('#ABC'), '#aabbcc');
  assert.equal(normalizeHex(' #A1B2C3 '), '#a1b2c3');
  assert.equal(normalizeHex('red'), null);
  assert.equal(normalizeHex('#12345'), null);
  assert.equal(normalizeHex(undefined), null);
});

test('hsl conversion and mixing land on the expected colours', () => {
  assert.equal(hslToHex(0, 100, 50), '#ff0000');
  assert.equal(hslToHex(120, 100, 25), '#008000');
  assert.equal(hslToHex(240, 0, 100), '#ffffff');
  assert.equal(mix('#000000', '#ffffff', 0.5), '#808080');
  assert.equal(mix('#102030', '#102030', 0.7), '#102030');
});

test('readable text is dark on light backgrounds and white on dark ones', () => {
  assert.notEqual(readableOn('#ffffff'), '#ffffff');
  assert.equal(readableOn('#1c2030'), '#ffffff');
  assert.equal(isDark('#000000'), true);
  assert.equal(isDark('#fafafa'), false);
});

test('muted text is softer than the foreground but still passes 4.5:1', () => {
  for (const bg of ['#ffffff', '#f3ece1', '#1c2030', '#777777', '#ff00ff']) {
    const fg = readableOn(bg);
    const muted = mutedOn(bg, fg);
    assert.ok(contrastRatio(muted, bg) >= MIN_CONTRAST, `${muted} on ${bg}`);
    assert.ok(contrastRatio(muted, bg) <= contrastRatio(fg, bg), 'not stronger than the foreground');
  }
  assert.ok(contrastRatio(mutedOn('#ffffff', '#000000'), '#ffffff') < 6, 'really muted on white');
  assert.equal(mutedOn('#ffffff', '#eeeeee'), readableOn('#ffffff'), 'a foreground that fails is replaced');
});

test('every text colour of a theme reaches 4.5:1 on its background, for presets and a sweep of colours', () => {
  const backgrounds = [...THEME_PRESETS.map((p) => p.color)];
  for (let h = 0; h < 360; h += 30) for (const l of [5, 20, 35, 45, 50, 55, 65, 80, 95]) backgrounds.push(hslToHex(h, 80, l));
  for (const bg of backgrounds) {
    const { vars } = themeFor(bg);
    assert.equal(vars['--chat-bg'], bg);
    for (const [fg, on] of [
      ['--chat-text', '--chat-bg'],
      ['--chat-muted', '--chat-bg'],
      ['--bubble-text', '--bubble-bg'],
      ['--bubble-muted', '--bubble-bg'],
    ]) {
      const ratio = contrastRatio(vars[fg], vars[on]);
      assert.ok(ratio >= MIN_CONTRAST, `${fg} ${vars[fg]} on ${on} ${vars[on]} (bg ${bg}): ${ratio.toFixed(2)}`);
    }
  }
});

test('a dark background flips the text to light and the bubbles to a lighter shade', () => {
  const dark = themeFor('#1c2030');
  assert.equal(dark.dark, true);
  assert.equal(dark.vars['--chat-text'], '#ffffff');
  assert.ok(relativeLuminance(dark.vars['--bubble-bg']) > relativeLuminance('#1c2030'));
  const light = themeFor('#f3ece1');
  assert.equal(light.dark, false);
  assert.notEqual(light.vars['--chat-text'], '#ffffff');
});

test('an invalid colour falls back to the default theme; presets are recognised', () => {
  assert.equal(themeFor('nonsense').background, DEFAULT_BACKGROUND);
  assert.equal(presetOf('#1C2030').id, 'night');
  assert.equal(presetOf('#123123'), null);
});
