/**
 * The message list on screen: renders timeline changes from ChatSession (appending when it can,
 * rebuilding when it must), the system lines between messages (join/leave, "History cleared"),
 * image attachments, web addresses as links, the pending sends below them, and keeps the newest message in view unless
 * the user has scrolled up to read older ones. All text goes in as text nodes; images only from
 * same-origin paths (attachments.js).
 */

import { el, clear, append, setText } from './dom.js';
import { continuesGroup, interleave } from './messages.js';
import { messageTime, isoTime } from './format.js';
import { SendStatus } from './outbox.js';
import { attachmentsOf } from './attachments.js';
import { userAvatarNode } from './avatar-view.js';
import { linkParts } from './linkify.js';

const STICK_THRESHOLD_PX = 80;

export function createMessageView({ scroller, list, pendingList, emptyState, jumpButton, isOwn, onRetry, now = () => Date.now() }) {
  let lastShown = null; // the newest message node's data, for grouping
  let lastWasLine = false; // a system line ends a group
  let pendingCount = 0;
  let timelineLength = 0;
  let lineCount = 0;
  let pinned = true; // whether the view follows the newest message

  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= STICK_THRESHOLD_PX;

  function scrollToBottom() {
    scroller.scrollTop = scroller.scrollHeight;
    jumpButton.hidden = true;
    pinned = true;
  }

  scroller.addEventListener('scroll', () => {
    pinned = nearBottom();
    if (pinned) jumpButton.hidden = true;
  });
  // A narrower window or an on-screen keyboard shrinks the list: keep the newest message in view.
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      if (pinned) scroller.scrollTop = scroller.scrollHeight;
    }).observe(scroller);
  }
  jumpButton.addEventListener('click', () => {
    scrollToBottom();
    scroller.focus({ preventScroll: true });
  });

  /** An image loaded after it was laid out grows the list: keep following the newest message. */
  function onImageLoad() {
    if (pinned) scroller.scrollTop = scroller.scrollHeight;
  }

  function authorName(message) {
    return message.user && typeof message.user.name === 'string' ? message.user.name : 'Anonymous';
  }

  function attachmentNodes(message, name) {
    const attachments = attachmentsOf(message);
    if (attachments.length === 0) return null;
    return el(
      'div',
      { className: 'message-attachments' },
      ...attachments.map((attachment, index) =>
        el(
          'a',
          {
            className: 'attachment-link',
            attrs: { href: attachment.url, target: '_blank', rel: 'noopener', title: 'Open the full-size image in a new tab' },
          },
          el('img', {
            className: 'attachment-image',
            attrs: {
              src: attachment.url,
              alt: attachments.length > 1 ? `Image ${index + 1} of ${attachments.length} from ${name}` : `Image from ${name}`,
              loading: 'lazy',
              decoding: 'async',
            },
            on: { load: onImageLoad },
          }),
        ),
      ),
    );
  }

  function messageItem(message, previous) {
    const own = isOwn(message);
    const continued = continuesGroup(previous, message);
    const name = authorName(message);
    const item = el('li', {
      className: ['message', own ? 'message--own' : '', continued ? 'message--continued' : ''].filter(Boolean).join(' '),
      dataset: { id: message.id },
    });
    const avatar = userAvatarNode(message.user?.id ?? name, { size: 32 });
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
    const text = message.text === '' ? null : el('p', { className: 'message-text' }, ...textWithLinks(message.text));
    const bubble = el('div', { className: 'bubble' }, meta, text, attachmentNodes(message, name));
    return append(item, avatar, bubble);
  }

  /** The text as text nodes, its http(s) addresses as links (linkify.js decides which). */
  function textWithLinks(text) {
    return linkParts(text).map((part) => {
      if (!part.href) return part.text;
      const link = document.createElement('a');
      link.className = 'message-link';
      link.textContent = part.text;
      link.href = part.href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer nofollow';
      return link;
    });
  }

  function lineItem(line) {
    return el(
      'li',
      { className: `system-line system-line--${line.kind}`, dataset: { kind: line.kind, key: line.key } },
      el('span', { className: 'system-line-text', text: line.text }),
      Number.isFinite(line.ts)
        ? el('time', { className: 'system-line-time', text: messageTime(line.ts, { now: now() }), attrs: { datetime: isoTime(line.ts) } })
        : null,
    );
  }

  function updateEmptyState() {
    emptyState.hidden = timelineLength > 0 || pendingCount > 0 || lineCount > 0;
  }

  function rebuild(timeline, lines) {
    clear(list);
    let previous = null;
    lastWasLine = false;
    for (const entry of interleave(timeline, lines)) {
      if (entry.type === 'line') {
        list.appendChild(lineItem(entry.item));
        previous = null;
        lastWasLine = true;
      } else {
        list.appendChild(messageItem(entry.item, previous));
        previous = entry.item;
        lastWasLine = false;
      }
    }
  }

  /** Drops the `count` oldest message nodes (system lines stay) and restarts the group at the new first. */
  function trimOldest(count, timeline) {
    let removed = 0;
    let node = list.firstElementChild;
    while (node && removed < count) {
      const next = node.nextElementSibling;
      if (node.classList.contains('message')) {
        node.remove();
        removed += 1;
      }
      node = next;
    }
    const first = list.querySelector('.message');
    if (first && timeline.length > 0) list.replaceChild(messageItem(timeline[0], null), first);
  }

  /** Applies a `timeline` change event of ChatSession. */
  function renderTimeline(change) {
    const stick = pinned || nearBottom();
    const { timeline } = change;
    const lines = change.lines ?? [];
    if (change.reset || !change.appendOnly) {
      rebuild(timeline, lines);
    } else {
      if (change.trimmed > 0) trimOldest(change.trimmed, timeline);
      let previous = lastWasLine ? null : lastShown;
      for (const message of change.added) {
        list.appendChild(messageItem(message, previous));
        previous = message;
      }
      if (change.added.length > 0) lastWasLine = false;
    }
    lastShown = timeline.length > 0 ? timeline[timeline.length - 1] : null;
    timelineLength = timeline.length;
    lineCount = lines.length;
    updateEmptyState();
    if (change.reset || stick) scrollToBottom();
    else if (change.added.length > 0) jumpButton.hidden = false;
  }

  /** Appends a new system line (it arrived now, so it goes after everything shown). */
  function appendLine(line) {
    const stick = pinned || nearBottom();
    list.appendChild(lineItem(line));
    lastWasLine = true;
    lineCount += 1;
    updateEmptyState();
    if (stick) scrollToBottom();
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
    const images = entry.attachments?.length ?? 0;
    return el(
      'li',
      { className: `message message--own message--pending${failed ? ' message--failed' : ''}`, dataset: { clientId: entry.clientId } },
      el(
        'div',
        { className: 'bubble' },
        entry.text === '' ? null : el('p', { className: 'message-text', text: entry.text }),
        images > 0 ? el('p', { className: 'message-pending-images', text: images === 1 ? '1 image' : `${images} images` }) : null,
        status,
      ),
    );
  }

  /** Shows the current room's unconfirmed sends under the timeline. */
  function renderPending(entries) {
    const stick = pinned || nearBottom();
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

  return { renderTimeline, renderPending, appendLine, scrollToBottom, setEmptyText };
}
