/**
 * Draws the ops page's pictures as SVG through dom.js (every label a text node, room names
 * included): one row of bars per chat node (connections, deliveries per second, send p99), the
 * cluster's rates over the last 10 minutes as two lines, the busiest rooms as bars, and Redis'
 * memory as one bar. Each drawing replaces the previous one; the numbers come from ops-model.js.
 */

import { clear, setText, svgEl } from './dom.js';
import { clusterRates, formatBytes, formatRate, linePath, memoryBar, niceMax, nodeBars, totals } from './ops-model.js';

const WIDTH = 900;
/** The rooms and Redis panels sit side by side: half as wide, so their text is as large. */
const HALF = 440;
const WINDOW_MS = 10 * 60 * 1000;
const MAX_NAME = 24;

const text = (x, y, value, attrs = {}) => svgEl('text', { x, y, ...attrs }, String(value));

function bar(x, y, width, height, fraction, className) {
  return svgEl('g', {},
    svgEl('rect', { class: 'track', x, y, width, height, rx: 3 }),
    svgEl('rect', { class: className, x, y, width: Math.max(0, Math.min(1, fraction)) * width, height, rx: 3 }));
}

function svg(height, label, ...children) {
  return sized(WIDTH, height, label, ...children);
}

function sized(width, height, label, ...children) {
  return svgEl('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label }, ...children);
}

function empty(height, message) {
  return svg(height, message, text(0, height / 2, message, { class: 'empty' }));
}

export function renderTotals(data, ids) {
  const t = totals(data);
  setText(ids.nodes, t.nodes);
  setText(ids.connections, t.connections);
  setText(ids.received, formatRate(t.receivedPerSecond));
  setText(ids.delivered, formatRate(t.deliveredPerSecond));
}

export function renderNodes(container, nodes) {
  clear(container);
  if (nodes.length === 0) {
    container.appendChild(empty(40, 'No chat node has sent a heartbeat in the last seconds.'));
    return;
  }
  const { bars, scale } = nodeBars(nodes);
  const row = 44;
  const top = 22;
  const columns = [
    { x: 200, width: 220, title: `connections (scale ${scale.connections})` },
    { x: 440, width: 220, title: `deliveries/s (scale ${scale.deliveredPerSecond})` },
    { x: 680, width: 200, title: `send p99, ms (scale ${scale.sendP99Ms})` },
  ];
  const chart = svg(top + bars.length * row, 'Chat nodes',
    ...columns.map((c) => text(c.x, 14, c.title, { class: 'muted' })));
  bars.forEach((b, i) => {
    const y = top + i * row;
    const label = b.draining ? `${b.id} (draining)` : b.id;
    chart.appendChild(svgEl('g', { class: 'ops-node', 'data-node': b.id, 'data-connections': b.connections, 'data-rooms': b.rooms },
      text(0, y + 16, label, { class: b.draining ? 'draining' : '' }),
      text(0, y + 32, `${b.rooms} rooms · ${formatRate(b.receivedPerSecond)} msg/s in`, { class: 'muted' }),
      bar(columns[0].x, y + 6, columns[0].width - 60, 14, b.width.connections, 'bar'),
      text(columns[0].x + columns[0].width - 52, y + 18, b.connections),
      bar(columns[1].x, y + 6, columns[1].width - 60, 14, b.width.deliveredPerSecond, 'bar-deliveries'),
      text(columns[1].x + columns[1].width - 52, y + 18, formatRate(b.deliveredPerSecond)),
      bar(columns[2].x, y + 6, columns[2].width - 60, 14, b.width.sendP99Ms, 'bar-latency'),
      text(columns[2].x + columns[2].width - 52, y + 18, b.sendP99Ms === null ? '–' : b.sendP99Ms.toFixed(1))));
  });
  container.appendChild(chart);
}

export function renderRates(container, data) {
  clear(container);
  const points = clusterRates(data);
  const height = 200;
  const left = 48;
  const plotWidth = WIDTH - left - 8;
  const plotHeight = height - 40;
  const from = data.at - WINDOW_MS;
  const max = niceMax(Math.max(...points.filter((p) => p.t >= from).map((p) => Math.max(p.received, p.delivered))), 1);
  const box = { from, to: data.at, max, width: plotWidth, height: plotHeight };
  const plot = svgEl('g', { transform: `translate(${left},10)` },
    ...[0, 0.5, 1].map((f) => svgEl('line', { class: 'grid', x1: 0, x2: plotWidth, y1: plotHeight * (1 - f), y2: plotHeight * (1 - f) })),
    svgEl('path', { class: 'line-delivered', d: linePath(points, { ...box, pick: (p) => p.delivered }) }),
    svgEl('path', { class: 'line-received', d: linePath(points, { ...box, pick: (p) => p.received }) }));
  container.appendChild(svg(height, 'Messages and deliveries per second over the last 10 minutes',
    ...[0, 0.5, 1].map((f) => text(0, 10 + plotHeight * (1 - f) + 4, formatRate(max * f), { class: 'muted' })),
    plot,
    text(left, height - 8, '10 min ago', { class: 'muted' }),
    text(WIDTH - 40, height - 8, 'now', { class: 'muted' }),
    svgEl('rect', { class: 'swatch-received', x: 300, y: height - 18, width: 12, height: 12, rx: 2 }),
    text(318, height - 8, `messages/s in (${formatRate(points.at(-1).received)})`),
    svgEl('rect', { class: 'swatch-delivered', x: 520, y: height - 18, width: 12, height: 12, rx: 2 }),
    text(538, height - 8, `deliveries/s out (${formatRate(points.at(-1).delivered)})`)));
}

export function renderRooms(container, rooms) {
  clear(container);
  if (rooms.length === 0) {
    container.appendChild(empty(40, 'No rooms.'));
    return;
  }
  const row = 26;
  const max = niceMax(Math.max(...rooms.map((r) => r.users)), 5);
  const chart = sized(HALF, rooms.length * row, 'Rooms with the most users');
  rooms.forEach((room, i) => {
    const y = i * row;
    const name = [...room.name].length > MAX_NAME ? `${[...room.name].slice(0, MAX_NAME - 1).join('')}…` : room.name;
    chart.appendChild(svgEl('g', { class: 'ops-room', 'data-room': room.id, 'data-users': room.users },
      text(0, y + 17, name),
      bar(190, y + 5, 170, 14, room.users / max, 'bar'),
      text(368, y + 17, `${room.users} users`)));
  });
  container.appendChild(chart);
}

export function renderRedis(container, redis) {
  clear(container);
  const m = memoryBar(redis);
  const against = m.limited ? `of ${formatBytes(m.limit)} (maxmemory)` : `peak ${formatBytes(redis.peakMemoryBytes)}, no maxmemory`;
  container.appendChild(sized(HALF, 56, 'Redis memory',
    bar(0, 4, HALF, 22, m.width, m.width > 0.9 && m.limited ? 'draining' : 'bar'),
    text(0, 48, `${formatBytes(m.used)} used, ${against}`)));
}
