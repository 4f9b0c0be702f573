/**
 * The message input: Enter sends, Shift+Enter adds a line, the field grows with its text, and a
 * counter appears near the length limit. It calls `onSend(text)`, which answers like
 * ChatSession#submit; the field is cleared only when the text was accepted.
 */

import { setText } from './dom.js';

const COUNTER_FROM = 200; // show "N left" when fewer characters than this remain
const MAX_HEIGHT_PX = 160;

export function createComposerView({ form, input, sendButton, counter, maxLength, onSend, onRejected }) {
  input.maxLength = maxLength;

  function refresh() {
    input.style.height = 'auto';
    const borders = input.offsetHeight - input.clientHeight;
    const wanted = input.scrollHeight + borders;
    input.style.height = `${Math.min(wanted, MAX_HEIGHT_PX)}px`;
    input.style.overflowY = wanted > MAX_HEIGHT_PX ? 'auto' : 'hidden';
    sendButton.disabled = input.value.trim() === '';
    const left = maxLength - input.value.length;
    counter.hidden = left >= COUNTER_FROM;
    setText(counter, `${left} left`);
  }

  function submit() {
    const result = onSend(input.value);
    if (result.ok) {
      input.value = '';
      refresh();
    } else {
      onRejected(result.reason);
    }
    input.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (input.value.trim() !== '') submit();
    }
  });
  input.addEventListener('input', refresh);
  refresh();

  return { focus: () => input.focus() };
}
