/**
 * The message timeline of one room, as plain data: merging `joined.history` and live `message`
 * frames into one list ordered by id, without duplicates. Ids are decimal strings that may exceed
 * Number's exact range, so they are compared as BigInt. Pure: no DOM, no clock.
 */

export const DEFAULT_TIMELINE_LIMIT = 500;

const DECIMAL = /^\d+$/;

export function isMessageId(id) {
  return typeof id === 'string' && DECIMAL.test(id);
}

/** Numeric comparison of two decimal id strings: negative, zero or positive. */
export function compareIds(a, b) {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A `message` frame that can be shown: it has a numeric id and a text. */
export function isDisplayableMessage(message) {
  return (
    message !== null &&
    typeof message === 'object' &&
    isMessageId(message.id) &&
    typeof message.text === 'string'
  );
}

/** The id of the newest message of an ordered timeline, or undefined when it is empty. */
export function lastId(timeline) {
  return timeline.length === 0 ? undefined : timeline[timeline.length - 1].id;
}

/**
 * Merges `incoming` messages (in any order, possibly repeating known ids) into an ordered
 * `timeline`. Returns a new timeline plus what the view needs to update itself cheaply:
 *   - `added`: the messages that were not there before, in id order;
 *   - `appendOnly`: true when every added message sorts after the previous newest one, so the
 *     view may simply append `added`;
 *   - `trimmed`: how many of the oldest messages were dropped to respect `limit`.
 */
export function mergeMessages(timeline, incoming, limit = DEFAULT_TIMELINE_LIMIT) {
  const known = new Set(timeline.map((m) => m.id));
  const added = [];
  for (const message of incoming) {
    if (!isDisplayableMessage(message) || known.has(message.id)) continue;
    known.add(message.id);
    added.push(message);
  }
  added.sort((a, b) => compareIds(a.id, b.id));
  if (added.length === 0) return { timeline, added, appendOnly: true, trimmed: 0 };

  const newest = lastId(timeline);
  const appendOnly = newest === undefined || compareIds(added[0].id, newest) > 0;
  let merged = appendOnly ? timeline.concat(added) : timeline.concat(added).sort((a, b) => compareIds(a.id, b.id));
  const trimmed = Math.max(0, merged.length - limit);
  if (trimmed > 0) merged = merged.slice(trimmed);
  return { timeline: merged, added, appendOnly, trimmed };
}

/** A fresh timeline from a `joined.history` (deduplicated and ordered, to be safe). */
export function timelineFrom(history, limit = DEFAULT_TIMELINE_LIMIT) {
  return mergeMessages([], Array.isArray(history) ? history : [], limit).timeline;
}

export const GROUP_WINDOW_MS = 5 * 60 * 1000;

/**
 * Whether `message` continues the group of `previous` (same author under the same name, within a
 * few minutes), in which case the view shows it without repeating the author's name and avatar.
 */
export function continuesGroup(previous, message, windowMs = GROUP_WINDOW_MS) {
  if (!previous || !message || !previous.user || !message.user) return false;
  if (previous.user.id !== message.user.id || previous.user.name !== message.user.name) return false;
  if (!Number.isFinite(previous.ts) || !Number.isFinite(message.ts)) return false;
  return message.ts - previous.ts >= 0 && message.ts - previous.ts <= windowMs;
}

/**
 * The order in which the view shows messages and system lines: each line right after the message
 * it followed when it arrived (`afterId`); lines from before the first message, or whose message
 * has been trimmed away, come first. Returns `[{type: 'message' | 'line', item}]`.
 */
export function interleave(timeline, lines = []) {
  const after = new Map();
  const ids = new Set(timeline.map((m) => m.id));
  const leading = [];
  for (const line of lines) {
    if (line.afterId === undefined || line.afterId === null || !ids.has(line.afterId)) {
      leading.push(line);
    } else {
      if (!after.has(line.afterId)) after.set(line.afterId, []);
      after.get(line.afterId).push(line);
    }
  }
  const out = leading.map((item) => ({ type: 'line', item }));
  for (const message of timeline) {
    out.push({ type: 'message', item: message });
    for (const line of after.get(message.id) ?? []) out.push({ type: 'line', item: line });
  }
  return out;
}
