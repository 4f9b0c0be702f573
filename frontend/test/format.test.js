import test from 'node:test';
import assert from 'node:assert/strict';
import { clearPeriod, connectionBadge, countdown, durationLabel, messageTime, userCount } from '../js/format.js';

const NOW = Date.UTC(2025, 10, 23, 14, 0, 0);

test('badge: connecting at first, connected after welcome', () => {
  assert.deepEqual(connectionBadge({ state: 'connecting', failures: 0, retryAt: null }, { now: NOW }), { kind: 'connecting', text: 'Connecting…' });
  assert.deepEqual(connectionBadge({ state: 'connected', failures: 0, retryAt: null }, { now: NOW }), { kind: 'connected', text: 'Connected' });
});

test('badge: a scheduled retry counts down in whole seconds', () => {
  const info = { state: 'disconnected', failures: 2, retryAt: NOW + 2500 };
  assert.deepEqual(connectionBadge(info, { now: NOW }), { kind: 'reconnecting', text: 'Reconnecting in 3s' });
  assert.equal(connectionBadge(info, { now: NOW + 2400 }).text, 'Reconnecting in 1s');
  assert.equal(connectionBadge({ state: 'connecting', failures: 2, retryAt: null }, { now: NOW }).text, 'Reconnecting…');
});

test('badge: offline when the browser is offline or nothing is scheduled', () => {
  assert.equal(connectionBadge({ state: 'disconnected', failures: 1, retryAt: NOW + 100 }, { now: NOW, browserOnline: false }).kind, 'offline');
  assert.equal(connectionBadge({ state: 'disconnected', failures: 0, retryAt: null }, { now: NOW }).text, 'Offline');
});

test('user counts and clear periods read naturally', () => {
  assert.equal(userCount(1), '1 online');
  assert.equal(userCount(12), '12 online');
  assert.equal(userCount(null), '');
  assert.equal(clearPeriod(300), 'Clears every 5 min');
  assert.equal(clearPeriod(60), 'Clears every minute');
  assert.equal(clearPeriod(7200), 'Clears every 2 hours');
  assert.equal(clearPeriod(86400), 'Clears every day');
  assert.equal(clearPeriod(45), 'Clears every 45 s');
  assert.equal(clearPeriod(null), '');
});

test('message time: clock time today, with the date on other days', () => {
  const opts = { now: NOW, locale: 'en-GB', timeZone: 'UTC' };
  assert.equal(messageTime(Date.UTC(2025, 10, 23, 9, 5), opts), '09:05');
  assert.equal(messageTime(Date.UTC(2025, 10, 20, 9, 5), opts), '20 Nov, 09:05');
  assert.equal(messageTime(undefined, opts), '');
});

test('countdowns read like a clock and round seconds up', () => {
  assert.equal(countdown(7_000), '0:07');
  assert.equal(countdown(6_001), '0:07', 'a started second still counts');
  assert.equal(countdown(299_000), '4:59');
  assert.equal(countdown(300_000), '5:00');
  assert.equal(countdown(3_723_000), '1:02:03');
  assert.equal(countdown(0), '0:00');
  assert.equal(countdown(-5_000), '0:00', 'never negative');
  assert.equal(countdown(null), '');
});

test('durations are labelled for the create-room choices', () => {
  assert.equal(durationLabel(3), '3 s');
  assert.equal(durationLabel(60), '1 min');
  assert.equal(durationLabel(600), '10 min');
  assert.equal(durationLabel(90), '1 min 30 s');
  assert.equal(durationLabel(3600), '1 hour');
  assert.equal(durationLabel(7200), '2 hours');
  assert.equal(durationLabel(86400), '1 day');
  assert.equal(durationLabel(0), '');
});
