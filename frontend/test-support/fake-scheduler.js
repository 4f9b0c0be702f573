/**
 * A manual clock for tests: timers fire only when `advance(ms)` moves time past them, in due
 * order. Has the `{setTimeout, clearTimeout, now}` shape the modules take as their scheduler.
 */
export class FakeScheduler {
  constructor(start = 1_700_000_000_000) {
    this.time = start;
    this.timers = new Map();
    this.nextId = 1;
    this.setTimeout = this.setTimeout.bind(this);
    this.clearTimeout = this.clearTimeout.bind(this);
    this.now = this.now.bind(this);
  }

  setTimeout(fn, ms = 0) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn, seq: id });
    return id;
  }

  clearTimeout(id) {
    this.timers.delete(id);
  }

  now() {
    return this.time;
  }

  /** Delays (from now) of the timers still pending, soonest first. */
  pendingDelays() {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  advance(ms) {
    const target = this.time + ms;
    for (;;) {
      let due = null;
      let dueId = null;
      for (const [id, timer] of this.timers) {
        if (timer.at <= target && (due === null || timer.at < due.at || (timer.at === due.at && timer.seq < due.seq))) {
          due = timer;
          dueId = id;
        }
      }
      if (due === null) break;
      this.timers.delete(dueId);
      this.time = due.at;
      due.fn();
    }
    this.time = target;
  }
}
