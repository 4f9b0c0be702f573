/**
 * Small status surfaces: the connection badge, the user's anonymous name, the dismissable notice
 * above the messages and transient toasts (e.g. server `error` frames).
 */

import { el, setText } from './dom.js';

export const TOAST_MS = 5000;
export const NOTICE_MS = 10_000;

export function createStatusView({ badge, badgeText, identity, userName, notice, noticeText, noticeClose, toasts }) {
  let noticeTimer = null;

  function hideNotice() {
    notice.hidden = true;
    if (noticeTimer !== null) clearTimeout(noticeTimer);
    noticeTimer = null;
  }
  noticeClose.addEventListener('click', hideNotice);

  return {
    /** @param {{kind: string, text: string}} state from format.connectionBadge */
    setConnection({ kind, text }) {
      badge.dataset.state = kind;
      setText(badgeText, text);
    },

    setUserName(name) {
      setText(userName, name ?? '');
      userName.title = name ? `Others see you as ${name}` : '';
      identity.hidden = !name;
    },

    showNotice(text) {
      setText(noticeText, text);
      notice.hidden = false;
      if (noticeTimer !== null) clearTimeout(noticeTimer);
      noticeTimer = setTimeout(hideNotice, NOTICE_MS);
    },

    hideNotice,

    /** A transient message at the bottom of the screen; `kind` is 'error' or 'info'. */
    toast(text, kind = 'error') {
      const item = el('div', { className: `toast toast--${kind}`, text, attrs: { role: kind === 'error' ? 'alert' : 'status' } });
      toasts.appendChild(item);
      while (toasts.children.length > 3) toasts.firstChild.remove();
      setTimeout(() => {
        item.classList.add('toast--leaving');
        setTimeout(() => item.remove(), 300);
      }, TOAST_MS);
    },
  };
}
