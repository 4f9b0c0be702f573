/**
 * The "Chat background" dialog: preset swatches (radio buttons) and a free colour picker. Every
 * change applies at once through CSS custom properties computed by theme.js (so text keeps its
 * contrast) and is reported to be stored.
 */

import { el, clear } from './dom.js';
import { createModal } from './dialog.js';
import { normalizeHex, presetOf, themeFor, THEME_PRESETS, DEFAULT_BACKGROUND } from './theme.js';

/** Applies the theme of `color` to the page: custom properties on the root element. */
export function applyTheme(root, color) {
  const theme = themeFor(color);
  for (const [name, value] of Object.entries(theme.vars)) root.style.setProperty(name, value);
  root.dataset.chatTheme = theme.dark ? 'dark' : 'light';
  return theme.background;
}

export function createThemeDialogView({ dialog, swatches, customInput, resetButton, doneButton, onChange }) {
  const modal = createModal(dialog);
  const radios = new Map();

  clear(swatches);
  for (const preset of THEME_PRESETS) {
    const radio = el('input', {
      className: 'swatch-input',
      attrs: { type: 'radio', name: 'chat-background', value: preset.color, id: `swatch-${preset.id}` },
      on: { change: () => choose(preset.color) },
    });
    const chip = el('span', { className: 'swatch-chip', attrs: { 'aria-hidden': 'true' } });
    chip.style.setProperty('--swatch', preset.color);
    radios.set(preset.color, radio);
    swatches.appendChild(el('label', { className: 'swatch', attrs: { for: `swatch-${preset.id}` } }, radio, chip, el('span', { className: 'swatch-label', text: preset.label })));
  }

  function reflect(color) {
    const preset = presetOf(color);
    for (const [value, radio] of radios) radio.checked = preset !== null && value === preset.color;
    customInput.value = color;
  }

  function choose(color) {
    const hex = normalizeHex(color);
    if (!hex) return;
    reflect(hex);
    onChange(hex);
  }

  customInput.addEventListener('input', () => choose(customInput.value));
  resetButton.addEventListener('click', () => choose(DEFAULT_BACKGROUND));
  doneButton.addEventListener('click', () => modal.close('done'));

  return {
    open(current, from) {
      reflect(normalizeHex(current) ?? DEFAULT_BACKGROUND);
      const checked = [...radios.values()].find((r) => r.checked);
      modal.open({ from, focus: checked ?? customInput });
    },
  };
}
