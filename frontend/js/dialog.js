/**
 * Modal dialogs on the native `<dialog>` element: `showModal()` makes the rest of the page inert
 * and Esc closes it; this adds what the element leaves out: Tab and Shift+Tab wrap around inside
 * the dialog (natively they would leave it for the browser's own UI), focus goes back to the
 * control that opened the dialog, a click on the backdrop closes it, and a focus target can be
 * chosen. Also a small confirmation dialog that answers with a promise.
 */

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements Tab visits inside `root`, in order (one radio button per group, as browsers do). */
function tabbables(root) {
  const seenGroups = new Set();
  return [...root.querySelectorAll(FOCUSABLE)].filter((node) => {
    if (node.tabIndex < 0 || node.getClientRects().length === 0) return false;
    if (node.type === 'radio' && node.name) {
      const checked = root.querySelector(`input[type="radio"][name="${CSS.escape(node.name)}"]:checked`);
      if (checked ? node !== checked : seenGroups.has(node.name)) return false;
      seenGroups.add(node.name);
    }
    return true;
  });
}

import { setText } from './dom.js';

/**
 * @param {HTMLDialogElement} dialog whose only child is a wrapper filling it (so a click whose
 *   target is the dialog itself is a click on the backdrop)
 * @param {{onClose?: (returnValue: string) => void}} [options]
 */
export function createModal(dialog, { onClose = () => {} } = {}) {
  let opener = null;

  dialog.addEventListener('close', () => {
    const back = opener;
    opener = null;
    onClose(dialog.returnValue);
    if (back && back.isConnected && !back.disabled && !back.hidden) back.focus();
  });
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close('cancel');
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const order = tabbables(dialog);
    if (order.length === 0) return;
    const first = order[0];
    const last = order[order.length - 1];
    const inside = dialog.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  });

  return {
    /** Opens the dialog; `from` gets the focus back on close, `focus` gets it now. */
    open({ from = document.activeElement, focus = null } = {}) {
      if (dialog.open) return;
      opener = from instanceof HTMLElement ? from : null;
      dialog.returnValue = '';
      dialog.showModal();
      if (focus) focus.focus();
    },
    close(value = 'done') {
      if (dialog.open) dialog.close(value);
    },
    get isOpen() {
      return dialog.open;
    },
  };
}

/** A yes/no dialog: `ask({title, text, confirmLabel, from})` resolves true when confirmed. */
export function createConfirm({ dialog, title, text, confirmButton, cancelButton }) {
  let resolve = null;
  const modal = createModal(dialog, {
    onClose: (value) => {
      const done = resolve;
      resolve = null;
      done?.(value === 'confirm');
    },
  });
  confirmButton.addEventListener('click', () => modal.close('confirm'));
  cancelButton.addEventListener('click', () => modal.close('cancel'));

  return {
    ask({ title: heading, text: body, confirmLabel = 'OK', from }) {
      setText(title, heading);
      setText(text, body);
      setText(confirmButton, confirmLabel);
      return new Promise((done) => {
        resolve = done;
        modal.open({ from, focus: cancelButton });
      });
    },
  };
}
