/**
 * Small status surfaces: the connection badge, the user's anonymous name, the dismissable notice
 * above the messages and transient toasts (e.g. server `error` frames).
 */

import { el, setText } from './dom.js';
import { userAvatarNode } from './avatar-view.js';

export const TOAST_MS = 5000;
export const NOTICE_MS = 10_000;

export function createStatusView({ badge, badgeText, identity, userName, userAvatar, notice, noticeText, noticeClose, toasts }) {
  let avatarOf = null;
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

    /** Shows who we are (name and avatar) in the top bar; `user` is `{id, name}` or null. */
    setUser(user) {
      const name = user?.name ?? '';
      setText(userName, name);
      identity.title = name ? `Others see you as ${name}. Click to change your name.` : '';
      identity.setAttribute('aria-label', name ? `Your name: ${name}. Change name` : 'Change name');
      identity.hidden = !name;
      if (user?.id && user.id !== avatarOf) {
        userAvatar.replaceChildren(userAvatarNode(user.id, { size: 26, className: 'identity-avatar-image' }));
        avatarOf = user.id;
      }
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
