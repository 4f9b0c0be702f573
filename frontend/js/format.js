/**
 * Words and numbers shown to the user, computed from plain values: the connection badge, user
 * counts, message times, clear intervals, countdowns. Pure (the clock and the locale are
 * parameters), so the wording is tested without a browser.
 */

import { ConnectionState } from './connection.js';

/**
 * The connection badge for a connection state report (see Connection#onState).
 * Returns `{kind, text}`; `kind` is one of connecting, connected, reconnecting, offline.
 */
export function connectionBadge(info, { browserOnline = true, now = Date.now() } = {}) {
  if (info.state === ConnectionState.CONNECTED) return { kind: 'connected', text: 'Connected' };
  if (!browserOnline) return { kind: 'offline', text: 'Offline' };
  if (info.state === ConnectionState.CONNECTING) {
    return info.failures > 0 ? { kind: 'reconnecting', text: 'Reconnecting…' } : { kind: 'connecting', text: 'Connecting…' };
  }
  if (info.retryAt !== null && info.retryAt !== undefined) {
    const seconds = Math.max(1, Math.ceil((info.retryAt - now) / 1000));
    return { kind: 'reconnecting', text: `Reconnecting in ${seconds}s` };
  }
  return { kind: 'offline', text: 'Offline' };
}

export function userCount(users) {
  if (!Number.isFinite(users)) return '';
  return users === 1 ? '1 online' : `${users} online`;
}

/** How often a room's history is cleared, as "Clears every 5 min" (empty when unknown). */
export function clearPeriod(seconds) {
  if (!Number.isFinite(seconds) || seconds <= 0) return '';
  return `Clears every ${period(seconds)}`;
}

function period(seconds) {
  if (seconds % 86400 === 0) return every(seconds / 86400, 'day', 'days');
  if (seconds % 3600 === 0) return every(seconds / 3600, 'hour', 'hours');
  if (seconds % 60 === 0) return every(seconds / 60, 'minute', 'min');
  return `${seconds} s`;
}

function every(n, one, many) {
  return n === 1 ? one : `${n} ${many}`;
}

/**
 * Time left as a clock: "0:07", "4:59", "1:02:03". Seconds are rounded up, so it reads "0:01"
 * until the very end and "0:00" only once the moment has passed.
 */
export function countdown(ms) {
  if (!Number.isFinite(ms)) return '';
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A duration in seconds as a short label for a choice: "30 s", "1 min", "10 min", "2 hours". */
export function durationLabel(seconds) {
  if (!Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds % 86400 === 0) return seconds === 86400 ? '1 day' : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  if (seconds > 60) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${seconds} s`;
}

/** A message time: "14:05" today, "Nov 12, 14:05" on another day. */
export function messageTime(ts, { now = Date.now(), locale = undefined, timeZone = undefined } = {}) {
  if (!Number.isFinite(ts)) return '';
  const date = new Date(ts);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(date);
  const dayOf = (d) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(d);
  if (dayOf(date) === dayOf(new Date(now))) return time;
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(date);
  return `${day}, ${time}`;
}

/** The full date and time, for a tooltip and the <time datetime> attribute. */
export function isoTime(ts) {
  return Number.isFinite(ts) ? new Date(ts).toISOString() : '';
}
