/**
 * The WebSocket connection to a chat node, as a small state machine with automatic reconnect.
 *
 *   disconnected --connect()--> connecting --welcome--> connected
 *        ^                          |                      |
 *        +------ close / error / handshake timeout --------+   (then a retry is scheduled)
 *
 * "connected" means the server has said `welcome`, not merely that the socket opened: only then
 * is the backoff reset, so a node that accepts and immediately drops connections is still backed
 * off from. How long to wait after a close depends on its code (see `reconnectPolicy`): a node
 * that is restarting (1012) is left at once, everything else is backed off from. No DOM here: the WebSocket constructor and the timer functions are parameters so that
 * tests can drive every transition.
 */

import { createBackoff } from './backoff.js';

export const ConnectionState = Object.freeze({
  DISCONNECTED: 'disconnected',
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
});

const SOCKET_OPEN = 1;

/** Close codes of the contract (docs/protocol.md) that change what the page does. */
export const CloseCode = Object.freeze({
  POLICY: 1008,
  TOO_BIG: 1009,
  SERVICE_RESTART: 1012,
});

/**
 * How to come back after a close with `code`: `'now'` (no delay, the backoff untouched) when a
 * draining node asked us to go elsewhere (1012) and no immediate retry was spent since the last
 * welcome; `'backoff'` otherwise (1008, 1009, abnormal closes, a second 1012 in a row).
 */
export function reconnectPolicy(code, { immediateSpent = false } = {}) {
  return code === CloseCode.SERVICE_RESTART && !immediateSpent ? 'now' : 'backoff';
}

/**
 * The chat endpoint of the page's own origin: wss: behind https, ws: otherwise; with
 * `?token=` when an identity token is known, so the server gives back the same identity.
 */
export function webSocketUrl(loc, token) {
  const base = (loc.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + loc.host + '/ws';
  return typeof token === 'string' && token !== '' ? `${base}?token=${encodeURIComponent(token)}` : base;
}

export const browserScheduler = Object.freeze({
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle),
  now: () => Date.now(),
});

export class Connection {
  /**
   * @param {object} options
   * @param {string | (() => string)} options.url WebSocket URL, or a function asked before each
   *   attempt (so a reconnect presents the newest identity token)
   * @param {Function} [options.WebSocketImpl] constructor with the browser WebSocket interface
   * @param {{setTimeout: Function, clearTimeout: Function, now: Function}} [options.scheduler]
   * @param {{next: Function, reset: Function, attempt: number}} [options.backoff]
   * @param {number} [options.handshakeTimeoutMs] give up on a socket that has not said welcome
   */
  constructor({
    url,
    WebSocketImpl = globalThis.WebSocket,
    scheduler = browserScheduler,
    backoff = createBackoff(),
    handshakeTimeoutMs = 10_000,
  }) {
    this.url = url;
    this.WebSocketImpl = WebSocketImpl;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.handshakeTimeoutMs = handshakeTimeoutMs;

    this.state = ConnectionState.DISCONNECTED;
    /** When a retry is scheduled: epoch ms at which it fires; otherwise null. */
    this.retryAt = null;
    this.socket = null;
    this.stopped = true;
    this.retryTimer = null;
    this.handshakeTimer = null;
    /** Whether the one immediate retry allowed per welcome (after a 1012) has been used. */
    this.immediateSpent = false;
    /** The code of the last close, for the UI (null before any). */
    this.lastCloseCode = null;
    this.stateListeners = new Set();
    this.frameListeners = new Set();
  }

  /** Listener gets `{state, retryAt, retryInMs, failures}` on every change. Returns an unsubscribe. */
  onState(listener) {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Listener gets every parsed JSON frame from the server, `welcome` included. */
  onFrame(listener) {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Starts connecting (and keeps reconnecting until `disconnect()`). */
  connect() {
    this.stopped = false;
    if (this.state !== ConnectionState.DISCONNECTED) return;
    this.clearRetry();
    this.open();
  }

  /** Skips the remaining wait of a scheduled retry (e.g. when the browser comes back online). */
  reconnectNow() {
    if (this.stopped || this.state !== ConnectionState.DISCONNECTED) return;
    this.clearRetry();
    this.open();
  }

  /** Closes for good: no retry until `connect()` is called again. */
  disconnect() {
    this.stopped = true;
    this.clearRetry();
    this.clearHandshakeTimer();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      safeClose(socket);
    }
    this.state = ConnectionState.DISCONNECTED;
    this.emitState();
  }

  /** Sends a frame if the socket is open; returns whether it was handed to the socket. */
  send(frame) {
    const socket = this.socket;
    if (!socket || socket.readyState !== SOCKET_OPEN) return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  // ---- internals ----

  open() {
    let socket;
    try {
      socket = new this.WebSocketImpl(typeof this.url === 'function' ? this.url() : this.url);
    } catch {
      this.socket = null;
      this.setState(ConnectionState.CONNECTING);
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.lost(event?.code);
    };
    socket.onerror = () => {
      // A close event always follows an error; the retry is scheduled there.
    };
    this.handshakeTimer = this.scheduler.setTimeout(() => {
      this.handshakeTimer = null;
      if (this.socket === socket && this.state !== ConnectionState.CONNECTED) {
        detach(socket);
        safeClose(socket);
        this.lost();
      }
    }, this.handshakeTimeoutMs);
    this.setState(ConnectionState.CONNECTING);
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
    if (frame.type === 'welcome') {
      this.clearHandshakeTimer();
      this.backoff.reset();
      this.immediateSpent = false;
      this.setState(ConnectionState.CONNECTED);
    }
    for (const listener of [...this.frameListeners]) listener(frame);
  }

  lost(code = null) {
    this.clearHandshakeTimer();
    this.socket = null;
    this.lastCloseCode = Number.isInteger(code) ? code : null;
    if (this.stopped) {
      this.setState(ConnectionState.DISCONNECTED);
      return;
    }
    const immediate = reconnectPolicy(code, { immediateSpent: this.immediateSpent }) === 'now';
    if (immediate) this.immediateSpent = true;
    this.scheduleRetry(immediate);
  }

  /** Schedules the next attempt: after a backoff delay, or on the next tick when `immediate`. */
  scheduleRetry(immediate = false) {
    const delay = immediate ? 0 : this.backoff.next();
    this.retryAt = this.scheduler.now() + delay;
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = null;
      if (!this.stopped) this.open();
    }, delay);
    this.state = ConnectionState.DISCONNECTED;
    this.emitState();
  }

  clearRetry() {
    if (this.retryTimer !== null) this.scheduler.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
  }

  clearHandshakeTimer() {
    if (this.handshakeTimer !== null) this.scheduler.clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emitState();
  }

  emitState() {
    const info = {
      state: this.state,
      retryAt: this.retryAt,
      retryInMs: this.retryAt === null ? null : Math.max(0, this.retryAt - this.scheduler.now()),
      failures: this.backoff.attempt,
      closeCode: this.lastCloseCode,
    };
    for (const listener of [...this.stateListeners]) listener(info);
  }
}

function detach(socket) {
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
  socket.onopen = null;
}

function safeClose(socket) {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
