/**
 * "Quiet Otter is typing…": who is writing in the current room, from the server's `typing`
 * frames, each shown for a few seconds after its last signal and dropped at once when that
 * person's message arrives; and the page's own signals, at most one per interval while the user
 * writes, none in rooms above the size the server relays them for. Pure: times are passed in.
 */

/** How long a signal shows someone as typing: longer than the interval between two signals. */
export const TYPING_SHOW_MS = 4000;
/** When the server's `welcome` does not say (docs/protocol.md). */
export const DEFAULT_TYPING_RULE = Object.freeze({ maxUsers: 50, everyMs: 2000 });

/** The typing rule of a `welcome` frame, or the default. */
export function typingRule(welcome) {
  const rule = welcome?.typing;
  const maxUsers = Number.isFinite(rule?.maxUsers) ? rule.maxUsers : DEFAULT_TYPING_RULE.maxUsers;
  const everyMs = Number.isFinite(rule?.everyMs) && rule.everyMs > 0 ? rule.everyMs : DEFAULT_TYPING_RULE.everyMs;
  return { maxUsers, everyMs };
}

export class TypingState {
  constructor({ showMs = TYPING_SHOW_MS } = {}) {
    this.showMs = showMs;
    /** id -> {name, until} */
    this.typists = new Map();
  }

  clear() {
    this.typists.clear();
  }

  /** Someone signalled at `now`. */
  signal(user, now) {
    if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') return;
    this.typists.delete(user.id); // the latest signal goes last
    this.typists.set(user.id, { name: user.name, until: now + this.showMs });
  }

  /** That person sent their message (or left): not typing any more. */
  stop(userId) {
    return this.typists.delete(userId);
  }

  /** Names of the people typing at `now`, in the order they started. */
  names(now) {
    for (const [id, typist] of this.typists) if (typist.until <= now) this.typists.delete(id);
    return [...this.typists.values()].map((t) => t.name);
  }

  /** When the next shown person stops being shown, or null. */
  nextChange() {
    let next = null;
    for (const { until } of this.typists.values()) if (next === null || until < next) next = until;
    return next;
  }
}

/** The line under the messages for these names. */
export function typingText(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
}

/** The page's own signals: one per interval at most, only while joined, only in small rooms. */
export class TypingSignal {
  constructor({ everyMs = DEFAULT_TYPING_RULE.everyMs, maxUsers = DEFAULT_TYPING_RULE.maxUsers } = {}) {
    this.setRule({ everyMs, maxUsers });
    this.last = null;
  }

  setRule({ everyMs, maxUsers }) {
    this.everyMs = everyMs;
    this.maxUsers = maxUsers;
  }

  /** After a room switch the next keystroke signals at once (the node throttles per room). */
  reset() {
    this.last = null;
  }

  /** Whether to send a `typing` frame now, for a keystroke that left `text` in the composer. */
  shouldSend({ now, text, joined, users }) {
    if (!joined || String(text ?? '').trim() === '') return false;
    if (Number.isFinite(users) && users > this.maxUsers) return false;
    if (this.last !== null && now - this.last < this.everyMs) return false;
    this.last = now;
    return true;
  }
}
