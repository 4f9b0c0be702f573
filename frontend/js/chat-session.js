/**
 * What the browser knows about its chat, driven by server frames and user actions: who we are,
 * which room we are in, its user count and timeline, and our unconfirmed sends. It speaks the
 * protocol of docs/protocol.md: join (with `since` when resuming after a reconnect), merge the
 * history without duplicates, resend unconfirmed sends once joined. Pure: it gets a `send`
 * function and reports changes through events, so it runs in Node tests without a DOM or socket.
 */

import { lastId, mergeMessages, timelineFrom, DEFAULT_TIMELINE_LIMIT } from './messages.js';
import { Outbox } from './outbox.js';

export const DEFAULT_ROOM = 'general';
export const MAX_TEXT_LENGTH = 2000;
export const RECOVERY_NOTICE = 'Some messages could not be recovered';
export const JOIN_RETRY_MS = 3000;

export const JoinState = Object.freeze({
  NONE: 'none',
  JOINING: 'joining',
  JOINED: 'joined',
});

/** The text to send for what was typed, or a reason not to send it. */
export function prepareText(raw) {
  const text = String(raw)
    .replace(/\s+$/u, '')
    .replace(/^(?:[ \t]*\r?\n)+/u, '');
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_TEXT_LENGTH) return { ok: false, reason: 'too_long' };
  return { ok: true, text };
}

export class ChatSession {
  /**
   * @param {object} options
   * @param {(frame: object) => boolean} options.send hands a frame to the connection
   * @param {() => string} [options.newClientId]
   * @param {() => number} [options.now] epoch ms
   * @param {{setTimeout: Function, clearTimeout: Function}} [options.scheduler]
   * @param {string} [options.initialRoom]
   * @param {number} [options.limit] how many messages a timeline keeps
   */
  constructor({
    send,
    newClientId = () => globalThis.crypto.randomUUID(),
    now = () => Date.now(),
    scheduler = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h) },
    initialRoom = DEFAULT_ROOM,
    limit = DEFAULT_TIMELINE_LIMIT,
  }) {
    this.sendFrame = send;
    this.newClientId = newClientId;
    this.now = now;
    this.scheduler = scheduler;
    this.limit = limit;

    this.user = null;
    /** Every identity this page has been given: a reconnect may bring a new anonymous user. */
    this.ownUserIds = new Set();
    this.ownClientIds = new Set();
    this.online = false;
    this.room = initialRoom;
    this.users = null;
    this.timeline = [];
    this.joinState = JoinState.NONE;
    this.joinMode = null;
    this.joinRetryTimer = null;
    this.outbox = new Outbox();
    this.listeners = new Map();
  }

  /** Subscribes to `identity`, `room`, `timeline`, `pending`, `notice` or `error`. */
  on(event, listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(listener);
    return () => this.listeners.get(event).delete(listener);
  }

  emit(event, payload) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  /** Whether a message was written by this page (under any of its identities). */
  isOwn(message) {
    return (
      (message?.user && this.ownUserIds.has(message.user.id)) ||
      (typeof message?.clientId === 'string' && this.ownClientIds.has(message.clientId))
    );
  }

  /** The unconfirmed sends of the current room, oldest first. */
  pending() {
    return this.outbox.pendingFor(this.room);
  }

  // ---- from the connection ----

  handleFrame(frame) {
    switch (frame.type) {
      case 'welcome':
        return this.onWelcome(frame);
      case 'joined':
        return this.onJoined(frame);
      case 'message':
        return this.onMessage(frame);
      case 'presence':
        return this.onPresence(frame);
      case 'error':
        return this.onError(frame);
      default:
        return undefined; // the contract may grow new frame types: ignore them
    }
  }

  /** The socket is gone; whatever the server knew about our room membership is lost with it. */
  connectionLost() {
    this.online = false;
    this.joinState = JoinState.NONE;
    this.cancelJoinRetry();
  }

  // ---- from the user ----

  /** Leaves the current room for `roomId`, starting with an empty timeline. */
  switchRoom(roomId) {
    if (typeof roomId !== 'string' || roomId === '') return;
    if (roomId === this.room && this.joinState !== JoinState.NONE) return;
    const changed = roomId !== this.room;
    this.room = roomId;
    if (changed) {
      this.users = null;
      this.timeline = [];
    }
    if (this.online) this.join({ resume: false });
    else this.joinState = JoinState.NONE;
    if (changed) {
      this.emit('room', { room: this.room, users: this.users });
      this.emit('timeline', { timeline: this.timeline, added: [], appendOnly: false, trimmed: 0, reset: true });
      this.emit('pending', this.pending());
    }
  }

  /**
   * Sends typed text to the current room, or queues it until the room is joined.
   * Returns `{ok: true, entry}` or `{ok: false, reason: 'empty' | 'too_long'}`.
   */
  submit(raw) {
    const prepared = prepareText(raw);
    if (!prepared.ok) return prepared;
    const clientId = this.newClientId();
    this.ownClientIds.add(clientId);
    const entry = this.outbox.add({ clientId, room: this.room, text: prepared.text, createdAt: this.now() });
    if (this.joinState === JoinState.JOINED) this.transmit(entry);
    this.emit('pending', this.pending());
    return { ok: true, entry };
  }

  /** Sends the current room's unconfirmed messages again (e.g. after an `unavailable` error). */
  retryPending() {
    if (this.joinState !== JoinState.JOINED) return;
    for (const entry of this.outbox.takeForResend(this.room)) this.transmit(entry);
    this.emit('pending', this.pending());
  }

  // ---- frame handlers ----

  onWelcome(frame) {
    if (frame.user && typeof frame.user.id === 'string') {
      this.user = frame.user;
      this.ownUserIds.add(frame.user.id);
    }
    this.online = true;
    this.emit('identity', this.user);
    this.join({ resume: true });
  }

  join({ resume }) {
    this.cancelJoinRetry();
    const since = resume ? lastId(this.timeline) : undefined;
    const frame = { type: 'join', room: this.room };
    if (since !== undefined) frame.since = since;
    this.joinState = JoinState.JOINING;
    this.joinMode = since !== undefined ? 'resume' : 'fresh';
    this.sendFrame(frame);
  }

  onJoined(frame) {
    if (frame.room !== this.room || this.joinState !== JoinState.JOINING) return; // a stale answer
    const history = Array.isArray(frame.history) ? frame.history : [];
    this.joinState = JoinState.JOINED;
    if (Number.isFinite(frame.users)) this.users = frame.users;
    this.emit('room', { room: this.room, users: this.users });

    this.outbox.acknowledgeAll(history);
    if (this.joinMode === 'resume' && frame.recovered !== false) {
      const result = mergeMessages(this.timeline, history, this.limit);
      this.timeline = result.timeline;
      this.emit('timeline', { ...result, reset: false });
    } else {
      if (this.joinMode === 'resume') this.emit('notice', RECOVERY_NOTICE);
      this.timeline = timelineFrom(history, this.limit);
      this.emit('timeline', { timeline: this.timeline, added: this.timeline, appendOnly: false, trimmed: 0, reset: true });
    }

    for (const entry of this.outbox.takeForResend(this.room)) this.transmit(entry);
    this.emit('pending', this.pending());
  }

  onMessage(frame) {
    if (frame.room !== this.room) return;
    const confirmed = this.outbox.acknowledge(frame.clientId);
    const result = mergeMessages(this.timeline, [frame], this.limit);
    this.timeline = result.timeline;
    if (result.added.length > 0) this.emit('timeline', { ...result, reset: false });
    if (confirmed) this.emit('pending', this.pending());
  }

  onPresence(frame) {
    if (frame.room !== this.room || !Number.isFinite(frame.users)) return;
    this.users = frame.users;
    this.emit('room', { room: this.room, users: this.users });
  }

  onError(frame) {
    const code = typeof frame.code === 'string' ? frame.code : 'error';
    const text = typeof frame.message === 'string' && frame.message !== '' ? frame.message : code;
    this.emit('error', { code, text });

    if (this.joinState === JoinState.JOINING && (code === 'no_such_room' || code === 'unavailable')) {
      // The join failed. A vanished room sends us back to General; a Redis outage is retried.
      this.joinState = JoinState.NONE;
      if (code === 'no_such_room' && this.room !== DEFAULT_ROOM) {
        this.switchRoom(DEFAULT_ROOM);
      } else if (code === 'unavailable') {
        this.joinRetryTimer = this.scheduler.setTimeout(() => {
          this.joinRetryTimer = null;
          if (this.online && this.joinState === JoinState.NONE) this.join({ resume: true });
        }, JOIN_RETRY_MS);
      }
      return;
    }
    if (code === 'unavailable') {
      this.outbox.markFailed(this.room);
      this.emit('pending', this.pending());
    }
  }

  transmit(entry) {
    this.sendFrame({ type: 'send', text: entry.text, clientId: entry.clientId });
  }

  cancelJoinRetry() {
    if (this.joinRetryTimer !== null) this.scheduler.clearTimeout(this.joinRetryTimer);
    this.joinRetryTimer = null;
  }
}
