/**
 * What the browser knows about its chat, driven by server frames and user actions: who we are,
 * which room we are in, its user count and timeline, the system lines shown between messages
 * (join/leave notices, "History cleared"), and our unconfirmed sends. It speaks the protocol of
 * docs/protocol.md: join (with `since` when resuming after a reconnect), merge the history without
 * duplicates, resend unconfirmed sends once joined, wait out `rate_limited`, empty the room on
 * `cleared`, go back to General on `expired`, keep the identity token of `welcome`/`identity`,
 * say so when the room to join does not exist (the page offers General), and pass the current
 * room's `roster` and `typing` frames on.
 * Pure: it gets a `send` function and reports changes through events, so it runs in Node tests
 * without a DOM or socket.
 */

import { lastId, mergeMessages, timelineFrom, DEFAULT_TIMELINE_LIMIT } from './messages.js';
import { Outbox } from './outbox.js';
import { checkDisplayName } from './identity.js';

export const DEFAULT_ROOM = 'general';
export const MAX_TEXT_LENGTH = 2000;
export const RECOVERY_NOTICE = 'Some messages could not be recovered';
export const JOIN_RETRY_MS = 3000;
export const CLEARED_TEXT = 'History cleared';
export const MAX_LINES = 100;
/** When the server gives no `retryAfterMs` with `rate_limited`. */
export const DEFAULT_RETRY_AFTER_MS = 1000;
/** The fastest pace of the resend after `rate_limited`, whatever the server says. */
export const MIN_THROTTLE_MS = 100;

export const JoinState = Object.freeze({
  NONE: 'none',
  JOINING: 'joining',
  JOINED: 'joined',
});

/**
 * The text to send for what was typed, or a reason not to send it. With `allowEmpty` (the send
 * carries an attachment) an empty text is fine.
 */
export function prepareText(raw, { allowEmpty = false } = {}) {
  const text = String(raw ?? '')
    .replace(/\s+$/u, '')
    .replace(/^(?:[ \t]*\r?\n)+/u, '');
  if (text.trim() === '') return allowEmpty ? { ok: true, text: '' } : { ok: false, reason: 'empty' };
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
   * @param {(room: string) => number | null} [options.clearIntervalMs] a room's clear interval
   *   when known: on `cleared`, messages stamped after the boundary are kept
   */
  constructor({
    send,
    newClientId = () => globalThis.crypto.randomUUID(),
    now = () => Date.now(),
    scheduler = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h) },
    initialRoom = DEFAULT_ROOM,
    limit = DEFAULT_TIMELINE_LIMIT,
    clearIntervalMs = () => null,
    savedToken = () => null,
  }) {
    this.savedToken = savedToken;
    /** The welcome of this connection while the saved identity (auth) is being restored. */
    this.authPending = null;
    this.sendFrame = send;
    this.newClientId = newClientId;
    this.now = now;
    this.scheduler = scheduler;
    this.limit = limit;
    this.clearIntervalMs = clearIntervalMs;

    this.user = null;
    /** Every identity this page has been given: a reconnect may bring a new anonymous user. */
    this.ownUserIds = new Set();
    this.ownClientIds = new Set();
    this.online = false;
    this.room = initialRoom;
    this.users = null;
    this.timeline = [];
    /** System lines of the current room: `{key, kind, text, ts, afterId}`, shown after message `afterId`. */
    this.lines = [];
    this.lineSeq = 0;
    this.token = null;
    this.nickPending = false;
    this.rateLimitTimer = null;
    /** While the server says we send too fast: the pace (ms per send) of the paced resend; else null. */
    this.throttleMs = null;
    this.joinState = JoinState.NONE;
    /** The room asked for does not exist (or expired before we got in): nothing to join. */
    this.missing = false;
    this.joinMode = null;
    this.joinRetryTimer = null;
    this.outbox = new Outbox();
    this.listeners = new Map();
  }

  /**
   * Subscribes to `identity` (user), `token` (string to store), `room`, `timeline` (change),
   * `line` (a new system line), `pending` (entries), `notice` (banner text), `error` ({code, text}),
   * `slowdown` ({retryAfterMs}), `nameError` (text), `cleared` ({room, nextClearAt}),
   * `expired` ({room, current}), `activity` ({room, at}: a message or a join, which pushes an
   * expiring room's expiry back), `missing` ({room}: the room to join does not exist), `roster`
   * and `typing` (the current room's frames of those types).
   */
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
      case 'identity':
        return this.onIdentity(frame);
      case 'notice':
        return this.onNotice(frame);
      case 'cleared':
        return this.onCleared(frame);
      case 'expired':
        return this.onExpired(frame);
      case 'error':
        return this.onError(frame);
      case 'roster':
      case 'typing':
        return this.onRoomFrame(frame);
      default:
        return undefined; // the contract may grow new frame types: ignore them
    }
  }

  /** The socket is gone; whatever the server knew about our room membership is lost with it. */
  connectionLost() {
    this.online = false;
    this.authPending = null;
    this.joinState = JoinState.NONE;
    this.nickPending = false;
    this.cancelJoinRetry();
    this.cancelRateLimitRetry();
  }

  // ---- from the user ----

  /** Leaves the current room for `roomId`, starting with an empty timeline. */
  switchRoom(roomId) {
    if (typeof roomId !== 'string' || roomId === '') return;
    if (roomId === this.room && this.joinState !== JoinState.NONE) return;
    const changed = roomId !== this.room;
    this.room = roomId;
    this.missing = false;
    if (changed) {
      this.users = null;
      this.timeline = [];
      this.lines = [];
      this.cancelRateLimitRetry();
    }
    if (this.online) this.join({ resume: false });
    else this.joinState = JoinState.NONE;
    if (changed) {
      this.emit('room', { room: this.room, users: this.users });
      this.emitReset();
      this.emit('pending', this.pending());
    }
  }

  /**
   * Sends typed text (and uploaded attachments `[{id, url}]`) to the current room, or queues it
   * until the room is joined. Returns `{ok: true, entry}` or `{ok: false, reason: 'empty' | 'too_long'}`.
   */
  submit(raw, { attachments = [] } = {}) {
    const prepared = prepareText(raw, { allowEmpty: attachments.length > 0 });
    if (!prepared.ok) return prepared;
    const clientId = this.newClientId();
    this.ownClientIds.add(clientId);
    const entry = this.outbox.add({ clientId, room: this.room, text: prepared.text, createdAt: this.now(), attachments });
    // While throttled, the paced resend sends it in its turn.
    if (this.joinState === JoinState.JOINED && this.throttleMs === null) this.transmit(entry);
    this.emit('pending', this.pending());
    return { ok: true, entry };
  }

  /** Sends the current room's unconfirmed messages again (e.g. after an `unavailable` error). */
  retryPending() {
    if (this.joinState !== JoinState.JOINED) return;
    for (const entry of this.outbox.takeForResend(this.room)) this.transmit(entry);
    this.emit('pending', this.pending());
  }

  /**
   * Asks the server for a new display name. Returns `{ok: true, name}` once sent, or
   * `{ok: false, error}` when the name breaks the server's rule or there is no connection.
   */
  changeName(raw) {
    const checked = checkDisplayName(raw);
    if (!checked.ok) return checked;
    if (!this.online) return { ok: false, error: 'Not connected. Try again in a moment.' };
    if (!this.sendFrame({ type: 'nick', name: checked.name })) return { ok: false, error: 'Not connected. Try again in a moment.' };
    this.nickPending = true;
    return { ok: true, name: checked.name };
  }

  // ---- frame handlers ----

  onWelcome(frame) {
    this.online = true;
    const saved = this.savedToken();
    if (typeof saved === 'string' && saved !== '' && saved !== frame.token) {
      // The identity of an earlier connection goes in the first frame, not in the URL (which
      // logs keep); the server answers with `identity` before the join's answer.
      this.authPending = frame;
      this.sendFrame({ type: 'auth', token: saved });
    } else {
      this.adoptIdentity(frame);
    }
    this.join({ resume: true });
  }

  onIdentity(frame) {
    this.authPending = null;
    this.nickPending = false;
    this.adoptIdentity(frame);
  }

  adoptIdentity(frame) {
    if (frame.user && typeof frame.user.id === 'string') {
      this.user = frame.user;
      this.ownUserIds.add(frame.user.id);
    }
    this.emit('identity', this.user);
    if (typeof frame.token === 'string' && frame.token !== '') {
      this.token = frame.token;
      this.emit('token', frame.token);
    }
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
    this.emit('activity', { room: this.room, at: this.now() });

    this.outbox.acknowledgeAll(history);
    if (this.joinMode === 'resume' && frame.recovered !== false) {
      const result = mergeMessages(this.timeline, history, this.limit);
      this.timeline = result.timeline;
      this.emit('timeline', { ...result, lines: this.lines, reset: false });
    } else {
      if (this.joinMode === 'resume') this.emit('notice', RECOVERY_NOTICE);
      this.timeline = timelineFrom(history, this.limit);
      if (this.joinMode !== 'resume') this.lines = [];
      this.emitReset();
    }

    for (const entry of this.outbox.takeForResend(this.room)) this.transmit(entry);
    this.emit('pending', this.pending());
  }

  onMessage(frame) {
    if (frame.room !== this.room) return;
    const confirmed = this.outbox.acknowledge(frame.clientId);
    const result = mergeMessages(this.timeline, [frame], this.limit);
    this.timeline = result.timeline;
    if (result.added.length > 0) {
      this.emit('timeline', { ...result, lines: this.lines, reset: false });
      this.emit('activity', { room: this.room, at: Number.isFinite(frame.ts) ? frame.ts : this.now() });
    }
    if (confirmed) this.emit('pending', this.pending());
  }

  /** Someone else entered or left the room: a system line ("Quiet Otter joined"). */
  onNotice(frame) {
    if (frame.room !== this.room || this.joinState !== JoinState.JOINED) return;
    if (!frame.user || typeof frame.user.name !== 'string' || this.ownUserIds.has(frame.user.id)) return;
    const verb = { join: 'joined', leave: 'left' }[frame.kind];
    if (!verb) return;
    const at = Number.isFinite(frame.ts) ? frame.ts : this.now();
    this.addLine('notice', `${frame.user.name} ${verb}`, at);
    if (frame.kind === 'join') this.emit('activity', { room: this.room, at });
  }

  /**
   * The room's history was wiped at a clear boundary. Messages stamped at or after that boundary
   * (when the room's interval tells where it was) belong to the new period and stay.
   */
  onCleared(frame) {
    if (frame.room !== this.room) return;
    const intervalMs = this.clearIntervalMs(this.room);
    const boundary = Number.isFinite(frame.nextClearAt) && Number.isFinite(intervalMs) && intervalMs > 0 ? frame.nextClearAt - intervalMs : null;
    this.timeline = boundary === null ? [] : this.timeline.filter((m) => Number.isFinite(m.ts) && m.ts >= boundary);
    this.lines = [];
    this.emit('cleared', { room: this.room, nextClearAt: Number.isFinite(frame.nextClearAt) ? frame.nextClearAt : null });
    this.pushLine('cleared', CLEARED_TEXT, this.now(), undefined);
    this.emitReset();
  }

  /** The room expired or was deleted; the server has already taken us out: back to General. */
  onExpired(frame) {
    if (typeof frame.room !== 'string') return;
    if (frame.room !== this.room) {
      this.outbox.dropRoom(frame.room);
      this.emit('expired', { room: frame.room, current: false });
      return;
    }
    const gone = this.room;
    this.outbox.dropRoom(gone);
    this.joinState = JoinState.NONE;
    this.emit('expired', { room: gone, current: true });
    if (gone !== DEFAULT_ROOM) this.switchRoom(DEFAULT_ROOM);
    else if (this.online) this.join({ resume: false });
  }

  /** Who is here and who is typing: the current room's, once joined, for the page to show. */
  onRoomFrame(frame) {
    if (frame.room !== this.room || this.joinState !== JoinState.JOINED) return;
    this.emit(frame.type, frame);
  }

  onPresence(frame) {
    if (frame.room !== this.room || !Number.isFinite(frame.users)) return;
    this.users = frame.users;
    this.emit('room', { room: this.room, users: this.users });
  }

  onError(frame) {
    const code = typeof frame.code === 'string' ? frame.code : 'error';
    const text = typeof frame.message === 'string' && frame.message !== '' ? frame.message : code;

    const wait = Number.isFinite(frame.retryAfterMs) && frame.retryAfterMs >= 0 ? frame.retryAfterMs : DEFAULT_RETRY_AFTER_MS;
    if (code === 'rate_limited' && this.joinState === JoinState.JOINING) {
      // too many joins from this connection (rooms switched very fast): the join goes again after the wait
      this.joinState = JoinState.NONE;
      this.scheduleJoinRetry(wait);
      return;
    }
    if (code === 'rate_limited') {
      this.scheduleRateLimitRetry(wait);
      this.emit('slowdown', { retryAfterMs: wait });
      return;
    }
    if (code === 'busy') {
      // The node had too much to do at that moment (a reconnect storm): nothing was done, and
      // nothing is the user's fault. The join, or the unconfirmed sends, go again after the wait.
      if (this.joinState === JoinState.JOINING) {
        this.joinState = JoinState.NONE;
        this.scheduleJoinRetry(wait);
      } else {
        this.scheduleRateLimitRetry(wait);
      }
      return;
    }
    if (this.authPending && code === 'bad_request') {
      // a server without `auth`: keep the identity its welcome gave
      const welcomed = this.authPending;
      this.authPending = null;
      this.adoptIdentity(welcomed);
      return;
    }
    if (this.nickPending && code === 'bad_request') {
      this.nickPending = false;
      this.emit('nameError', text);
      return;
    }
    if (this.joinState === JoinState.JOINING && code === 'no_such_room' && this.room !== DEFAULT_ROOM) {
      // An unknown or expired room (a shared link, a room that just went): the page says so and
      // offers General; nothing is joined meanwhile.
      this.joinState = JoinState.NONE;
      this.missing = true;
      this.outbox.dropRoom(this.room);
      this.emit('missing', { room: this.room });
      this.emit('pending', this.pending());
      return;
    }
    this.emit('error', { code, text });

    if (this.joinState === JoinState.JOINING && (code === 'no_such_room' || code === 'unavailable')) {
      // The join failed: a Redis outage is retried.
      this.joinState = JoinState.NONE;
      if (code === 'unavailable') {
        this.scheduleJoinRetry(JOIN_RETRY_MS);
      }
      return;
    }
    if (code === 'unavailable') {
      this.outbox.markFailed(this.room);
      this.emit('pending', this.pending());
    }
  }

  scheduleJoinRetry(waitMs) {
    this.joinRetryTimer = this.scheduler.setTimeout(() => {
      this.joinRetryTimer = null;
      if (this.online && this.joinState === JoinState.NONE) this.join({ resume: true });
    }, waitMs);
  }

  transmit(entry) {
    const frame = { type: 'send', text: entry.text, clientId: entry.clientId };
    if (entry.attachments && entry.attachments.length > 0) frame.attachments = entry.attachments.map((a) => a.id);
    this.sendFrame(frame);
  }

  /**
   * After `rate_limited`, the room's unconfirmed sends go out again one at a time, the oldest
   * first, one per `retryAfterMs` (the server's refill pace), so the resend itself is not refused
   * again and again (refusals count towards the 1008 close). A send the server did accept but
   * whose echo is late is recognised by its clientId and not stored twice. New messages wait for
   * their turn. A later refusal restarts the wait; once nothing is pending, sending is normal again.
   */
  scheduleRateLimitRetry(waitMs) {
    this.cancelRateLimitRetry();
    this.throttleMs = Math.max(MIN_THROTTLE_MS, waitMs);
    this.rateLimitTimer = this.scheduler.setTimeout(() => this.drainThrottled(), waitMs);
  }

  drainThrottled() {
    this.rateLimitTimer = null;
    if (this.joinState !== JoinState.JOINED) return; // the join resends everything anyway
    const [next] = this.outbox.takeForResend(this.room);
    if (!next) {
      this.throttleMs = null;
      return;
    }
    this.transmit(next);
    this.emit('pending', this.pending());
    this.rateLimitTimer = this.scheduler.setTimeout(() => this.drainThrottled(), this.throttleMs);
  }

  cancelRateLimitRetry() {
    if (this.rateLimitTimer !== null) this.scheduler.clearTimeout(this.rateLimitTimer);
    this.rateLimitTimer = null;
    this.throttleMs = null;
  }

  /** A system line after the newest message, kept (at most MAX_LINES) and announced. */
  addLine(kind, text, ts) {
    const line = this.pushLine(kind, text, ts, lastId(this.timeline));
    this.emit('line', line);
  }

  pushLine(kind, text, ts, afterId) {
    this.lineSeq += 1;
    const line = { key: `l${this.lineSeq}`, kind, text, ts, afterId };
    this.lines = [...this.lines, line].slice(-MAX_LINES);
    return line;
  }

  emitReset() {
    this.emit('timeline', { timeline: this.timeline, added: this.timeline, appendOnly: false, trimmed: 0, reset: true, lines: this.lines });
  }

  cancelJoinRetry() {
    if (this.joinRetryTimer !== null) this.scheduler.clearTimeout(this.joinRetryTimer);
    this.joinRetryTimer = null;
  }
}
