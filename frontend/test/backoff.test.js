import test from 'node:test';
import assert from 'node:assert/strict';
import { backoffCeiling, createBackoff } from '../js/backoff.js';

/** A deterministic pseudo-random source (mulberry32), so jitter tests are repeatable. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the ceiling doubles from 500 ms and stops at 15 s', () => {
  const ceilings = Array.from({ length: 8 }, (_, attempt) => backoffCeiling(attempt));
  assert.deepEqual(ceilings, [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
});

test('the ceiling stays finite for absurd attempt counts', () => {
  assert.equal(backoffCeiling(10_000), 15000);
  assert.equal(backoffCeiling(-3), 500);
});

test('with the largest random value each delay reaches just under its growing ceiling', () => {
  const backoff = createBackoff({ random: () => 0.9999999 });
  const delays = Array.from({ length: 7 }, () => backoff.next());
  assert.deepEqual(delays, [499, 999, 1999, 3999, 7999, 14999, 14999]);
});

test('full jitter: every delay lies in [0, ceiling) and the delays really vary', () => {
  const backoff = createBackoff({ random: seeded(42) });
  const delays = [];
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const delay = backoff.next();
    assert.ok(Number.isInteger(delay), `integer delay, got ${delay}`);
    assert.ok(delay >= 0 && delay < backoffCeiling(attempt), `attempt ${attempt}: ${delay}`);
    delays.push(delay);
  }
  const capped = delays.slice(10);
  assert.ok(new Set(capped).size > 150, 'capped delays are spread out, not one fixed value');
  assert.ok(Math.min(...capped) < 5000 && Math.max(...capped) > 10000, 'the whole range [0, cap) is used');
});

test('the random source scales the delay linearly (no fixed floor)', () => {
  assert.equal(createBackoff({ random: () => 0 }).next(), 0);
  const half = createBackoff({ random: () => 0.5 });
  half.next();
  assert.equal(half.next(), 500);
});

test('reset starts the sequence over', () => {
  const backoff = createBackoff({ random: () => 0.9999999 });
  backoff.next();
  backoff.next();
  backoff.next();
  assert.equal(backoff.attempt, 3);
  backoff.reset();
  assert.equal(backoff.attempt, 0);
  assert.equal(backoff.next(), 499);
});

test('base and cap are configurable', () => {
  const backoff = createBackoff({ baseMs: 100, capMs: 250, random: () => 0.9999999 });
  assert.deepEqual([backoff.next(), backoff.next(), backoff.next()], [99, 199, 249]);
});
