import test from 'node:test';
import assert from 'node:assert/strict';
import { clusterRates, formatBytes, formatRate, linePath, memoryBar, niceMax, nodeBars, totals } from '../js/ops-model.js';

const node = (id, connections, extra = {}) => ({
  id, connections, rooms: 1, draining: false, receivedPerSecond: 1, deliveredPerSecond: connections, sendP99Ms: null,
  history: { endAt: 30_000, stepMs: 10_000, received: [0, 0, 0], delivered: [0, 0, 0] }, ...extra,
});

test('axis maxima read well', () => {
  assert.deepEqual([0, 1, 3, 7, 11, 24, 26, 999].map((v) => niceMax(v)), [1, 1, 5, 10, 20, 25, 50, 1000]);
  assert.equal(niceMax(3, 10), 10, 'never below the floor');
});

test('bars are scaled to the largest node; totals add up', () => {
  const nodes = [node('node-1', 30), node('node-2', 10, { sendP99Ms: 4 }), node('node-3', 0)];
  const { bars, scale } = nodeBars(nodes);
  assert.equal(scale.connections, 50);
  assert.deepEqual(bars.map((b) => b.width.connections), [0.6, 0.2, 0]);
  assert.deepEqual(bars.map((b) => b.width.sendP99Ms), [0, 0.8, 0], 'no p99 draws no bar');
  assert.deepEqual(totals({ nodes }), { nodes: 3, connections: 40, receivedPerSecond: 3, deliveredPerSecond: 40 });
});

test('the rate chart adds the nodes\' aligned steps and ends with a live point', () => {
  const a = node('a', 1, { receivedPerSecond: 2, deliveredPerSecond: 4, history: { endAt: 30_000, stepMs: 10_000, received: [1, 2, 3], delivered: [2, 4, 6] } });
  // b wrote its heartbeat just after a new step began: one step further, which a has not reported yet
  const b = node('b', 1, { receivedPerSecond: 1, deliveredPerSecond: 1, history: { endAt: 40_000, stepMs: 10_000, received: [10, 20, 30], delivered: [10, 20, 30] } });
  assert.deepEqual(clusterRates({ at: 42_000, nodes: [a, b] }), [
    { t: 10_000, received: 1, delivered: 2 },
    { t: 20_000, received: 12, delivered: 14 },
    { t: 30_000, received: 23, delivered: 26 },
    { t: 42_000, received: 3, delivered: 5 },
  ]);
  assert.deepEqual(clusterRates({ at: 5, nodes: [] }), [{ t: 5, received: 0, delivered: 0 }]);
});

test('a line path maps time and value into the box and leaves out what is outside', () => {
  const points = [{ t: 0, v: 5 }, { t: 50, v: 10 }, { t: 100, v: 0 }, { t: 200, v: 3 }];
  assert.equal(linePath(points, { from: 0, to: 100, max: 10, width: 200, height: 50, pick: (p) => p.v }), 'M0.0,25.0 L100.0,0.0 L200.0,50.0');
  assert.equal(linePath([{ t: 1, v: 99 }], { from: 0, to: 2, max: 10, width: 2, height: 10, pick: (p) => p.v }), 'M1.0,0.0', 'clipped at the top');
});

test('sizes and rates are written for people', () => {
  assert.deepEqual([0, 512, 1536, 10 * 1024 * 1024, 3.5 * 1024 ** 3].map(formatBytes), ['0 B', '512 B', '1.5 KiB', '10 MiB', '3.5 GiB']);
  assert.deepEqual([0, 0.25, 4.44, 12.6, 1500, NaN].map(formatRate), ['0', '0.3', '4.4', '13', '1.5k', '0']);
});

test('memory is shown against the limit, or the peak without one', () => {
  assert.deepEqual(memoryBar({ usedMemoryBytes: 25, peakMemoryBytes: 50, maxMemoryBytes: 100 }), { used: 25, limit: 100, limited: true, width: 0.25 });
  assert.deepEqual(memoryBar({ usedMemoryBytes: 25, peakMemoryBytes: 50, maxMemoryBytes: null }), { used: 25, limit: 50, limited: false, width: 0.5 });
});
