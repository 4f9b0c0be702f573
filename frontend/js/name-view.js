/**
 * The "Your name" dialog: checks the name like the server does, asks the session to send `nick`,
 * and stays open until the server answers: `identity` closes it, a refusal is shown under the field.
 */

import { setText } from './dom.js';
import { createModal } from './dialog.js';

export function createNameDialogView({ dialog, form, input, error, submitButton, cancelButton, changeName }) {
  const modal = createModal(dialog);
  let waiting = false;

  function showError(text) {
    setText(error, text);
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }

  function reset() {
    setText(error, '');
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    waiting = false;
    submitButton.disabled = false;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    reset();
    const result = changeName(input.value);
    if (!result.ok) {
      showError(result.error);
      return;
    }
    waiting = true;
    submitButton.disabled = true;
  });
  cancelButton.addEventListener('click', () => modal.close('cancel'));
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'));

  return {
    open(currentName, from) {
      reset();
      input.value = currentName ?? '';
      modal.open({ from, focus: input });
      input.select();
    },
    /** The server accepted a name (an `identity` frame). */
    accepted() {
      if (!waiting) return;
      reset();
      modal.close('saved');
    },
    /** The server refused the name. */
    refused(text) {
      if (!modal.isOpen) return false;
      reset();
      showError(text);
      return true;
    },
  };
}
