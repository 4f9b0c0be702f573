/**
 * The message list on screen: renders timeline changes from ChatSession (appending when it can,
 * rebuilding when it must), the pending sends below them, and keeps the newest message in view
 * unless the user has scrolled up to read older ones. All text goes in as text nodes.
 */

import { el, clear, append, setText } from './dom.js';
import { continuesGroup } from './messages.js';
import { messageTime, isoTime, initials, hueFor } from './format.js';
import { SendStatus } from './outbox.js';

const STICK_THRESHOLD_PX = 80;

export function createMessageView({ scroller, list, pendingList, emptyState, jumpButton, isOwn, onRetry, now = () => Date.now() }) {
  let lastShown = null;
  let pendingCount = 0;
  let timelineLength = 0;

  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= STICK_THRESHOLD_PX;

  function scrollToBottom() {
    scroller.scrollTop = scroller.scrollHeight;
    jumpButton.hidden = true;
  }

  scroller.addEventListener('scroll', () => {
    if (nearBottom()) jumpButton.hidden = true;
  });
  jumpButton.addEventListener('click', () => {
    scrollToBottom();
    scroller.focus({ preventScroll: true });
  });

  function messageItem(message, previous) {
    const own = isOwn(message);
    const continued = continuesGroup(previous, message);
    const name = message.user && typeof message.user.name === 'string' ? message.user.name : 'Anonymous';
    const item = el('li', {
      className: ['message', own ? 'message--own' : '', continued ? 'message--continued' : ''].filter(Boolean).join(' '),
      dataset: { id: message.id },
    });
    const avatar = el('span', { className: 'avatar', text: initials(name), attrs: { 'aria-hidden': 'true' } });
    avatar.style.setProperty('--avatar-hue', String(hueFor(message.user?.id ?? name)));
    const time = el('time', {
      className: 'message-time',
      text: messageTime(message.ts, { now: now() }),
      attrs: { datetime: isoTime(message.ts), title: Number.isFinite(message.ts) ? new Date(message.ts).toLocaleString() : null },
    });
    const meta = el(
      'div',
      { className: 'message-meta' },
      el('span', { className: 'message-author', text: name }),
      own ? el('span', { className: 'message-you', text: 'you' }) : null,
      time,
    );
    const bubble = el('div', { className: 'bubble' }, meta, el('p', { className: 'message-text', text: message.text }));
    return append(item, avatar, bubble);
  }

  function updateEmptyState() {
    emptyState.hidden = timelineLength > 0 || pendingCount > 0;
  }

  /** Applies a `timeline` change event of ChatSession. */
  function renderTimeline(change) {
    const stick = nearBottom();
    const { timeline } = change;
    if (change.reset || !change.appendOnly) {
      clear(list);
      let previous = null;
      for (const message of timeline) {
        list.appendChild(messageItem(message, previous));
        previous = message;
      }
    } else {
      for (let i = 0; i < change.trimmed && list.firstChild; i += 1) list.removeChild(list.firstChild);
      if (change.trimmed > 0 && list.firstChild && timeline.length > 0) {
        list.replaceChild(messageItem(timeline[0], null), list.firstChild); // it now starts the list
      }
      let previous = lastShown;
      for (const message of change.added) {
        list.appendChild(messageItem(message, previous));
        previous = message;
      }
    }
    lastShown = timeline.length > 0 ? timeline[timeline.length - 1] : null;
    timelineLength = timeline.length;
    updateEmptyState();
    if (change.reset || stick) scrollToBottom();
    else if (change.added.length > 0) jumpButton.hidden = false;
  }

  function pendingItem(entry) {
    const failed = entry.status === SendStatus.FAILED;
    const status = failed
      ? el(
          'span',
          { className: 'message-status message-status--failed' },
          'Not sent. ',
          el('button', { className: 'link-button', text: 'Retry', attrs: { type: 'button' }, on: { click: () => onRetry() } }),
        )
      : el('span', { className: 'message-status', text: 'Sending…' });
    return el(
      'li',
      { className: `message message--own message--pending${failed ? ' message--failed' : ''}`, dataset: { clientId: entry.clientId } },
      el('div', { className: 'bubble' }, el('p', { className: 'message-text', text: entry.text }), status),
    );
  }

  /** Shows the current room's unconfirmed sends under the timeline. */
  function renderPending(entries) {
    const stick = nearBottom();
    clear(pendingList);
    for (const entry of entries) pendingList.appendChild(pendingItem(entry));
    pendingList.hidden = entries.length === 0;
    pendingCount = entries.length;
    updateEmptyState();
    if (stick) scrollToBottom();
  }

  /** The text shown while the list is empty (e.g. "Loading messages…" before `joined`). */
  function setEmptyText(text) {
    setText(emptyState, text);
  }

  return { renderTimeline, renderPending, scrollToBottom, setEmptyText };
}
