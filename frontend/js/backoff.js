/**
 * Reconnect delays: exponential backoff with "full jitter" (a uniformly random delay between 0 and
 * min(cap, base * 2^attempt)), so that many browsers cut off by the same node failure do not all
 * come back at the same instant. Pure: the random source is a parameter.
 */

export const DEFAULT_BASE_MS = 500;
export const DEFAULT_CAP_MS = 15_000;

/** The upper bound of the delay before retry number `attempt` (0 for the first retry). */
export function backoffCeiling(attempt, baseMs = DEFAULT_BASE_MS, capMs = DEFAULT_CAP_MS) {
  const exponent = Math.min(Math.max(0, attempt), 30); // 2^30 * base is far above any cap
  return Math.min(capMs, baseMs * 2 ** exponent);
}

/**
 * A backoff sequence. `next()` gives the next delay in whole milliseconds and counts the attempt;
 * `reset()` starts over (call it once a connection has really succeeded).
 */
export function createBackoff({ baseMs = DEFAULT_BASE_MS, capMs = DEFAULT_CAP_MS, random = Math.random } = {}) {
  let attempt = 0;
  return {
    next() {
      const ceiling = backoffCeiling(attempt, baseMs, capMs);
      attempt += 1;
      return Math.floor(random() * ceiling);
    },
    reset() {
      attempt = 0;
    },
    get attempt() {
      return attempt;
    },
  };
}
