/**
 * The room header's "Copy link" button: copies the room's address (share.js picks the way), says
 * "Link copied" on the button for a moment (and to screen readers), and where nothing could copy
 * shows the address selected in a field for the user to copy.
 */

import { el, setText } from './dom.js';
import { copyText } from './share.js';

const CONFIRM_MS = 2000;

/** The older way: a selected, off-screen text area and the copy command. */
function commandCopy(text) {
  const area = el('textarea', { className: 'visually-hidden', attrs: { readonly: true, 'aria-hidden': 'true' } });
  area.value = text;
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}

export function createShareView({ button, label, status, fallback, input, closeButton, address, clipboard = () => navigator.clipboard }) {
  const idleText = label.textContent;
  let timer = null;

  function confirm() {
    setText(label, 'Link copied');
    setText(status, 'The link to this room was copied.');
    button.classList.add('copy-link--done');
    clearTimeout(timer);
    timer = setTimeout(() => {
      setText(label, idleText);
      setText(status, '');
      button.classList.remove('copy-link--done');
    }, CONFIRM_MS);
  }

  function showManual(url) {
    input.value = url;
    fallback.hidden = false;
    input.focus();
    input.select();
  }

  button.addEventListener('click', async () => {
    const url = address();
    fallback.hidden = true;
    const result = await copyText(url, { clipboard: clipboard(), copyCommand: commandCopy });
    if (result === 'copied') confirm();
    else showManual(url);
  });
  input.addEventListener('focus', () => input.select());
  closeButton.addEventListener('click', () => {
    fallback.hidden = true;
    button.focus();
  });

  return {
    /** Another room is shown: its own address will be copied. */
    reset() {
      fallback.hidden = true;
    },
  };
}
