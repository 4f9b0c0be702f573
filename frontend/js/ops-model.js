/**
 * What the ops page draws, computed from `GET /api/ops` (see ops-api.js): totals, each node's
 * bars scaled to the largest, the cluster's message and delivery rates over the last 10 minutes
 * (the nodes' clock-aligned steps added up, plus a live point from the latest heartbeats), axis
 * maxima that read well, and byte sizes for people. Pure: no DOM, no clock.
 */

/** The smallest of 1, 2, 2.5, 5 × 10^n at or above `value` (at least `floor`). */
export function niceMax(value, floor = 1) {
  const v = Math.max(value, floor);
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= v) return step * power;
  }
  return 10 * power;
}

export function totals(data) {
  const sum = (pick) => data.nodes.reduce((s, n) => s + pick(n), 0);
  return {
    nodes: data.nodes.length,
    connections: sum((n) => n.connections),
    receivedPerSecond: sum((n) => n.receivedPerSecond),
    deliveredPerSecond: sum((n) => n.deliveredPerSecond),
  };
}

/** One bar row per node: values and their widths (0..1) against the largest of each kind. */
export function nodeBars(nodes) {
  const max = (pick, floor) => niceMax(Math.max(0, ...nodes.map(pick)), floor);
  const scale = {
    connections: max((n) => n.connections, 10),
    deliveredPerSecond: max((n) => n.deliveredPerSecond, 1),
    sendP99Ms: max((n) => n.sendP99Ms ?? 0, 1),
  };
  const bars = nodes.map((n) => ({
    id: n.id,
    draining: n.draining,
    connections: n.connections,
    rooms: n.rooms,
    receivedPerSecond: n.receivedPerSecond,
    deliveredPerSecond: n.deliveredPerSecond,
    sendP99Ms: n.sendP99Ms,
    width: {
      connections: n.connections / scale.connections,
      deliveredPerSecond: n.deliveredPerSecond / scale.deliveredPerSecond,
      sendP99Ms: (n.sendP99Ms ?? 0) / scale.sendP99Ms,
    },
  }));
  return { bars, scale };
}

/**
 * The cluster's rates over time, oldest first: `[{t, received, delivered}]`, one point per step
 * up to the latest step that every node has reported, then a live point at `data.at` from the
 * heartbeats' current rates.
 */
export function clusterRates(data) {
  const nodes = data.nodes.filter((n) => n.history.stepMs > 0 && n.history.received.length > 0);
  const points = [];
  if (nodes.length > 0) {
    const stepMs = nodes[0].history.stepMs;
    const end = Math.min(...nodes.map((n) => n.history.endAt));
    const steps = Math.max(...nodes.map((n) => n.history.received.length));
    const byTime = new Map();
    for (let i = steps - 1; i >= 0; i--) byTime.set(end - i * stepMs, { received: 0, delivered: 0 });
    for (const node of nodes) {
      const { endAt, received, delivered } = node.history;
      received.forEach((value, i) => {
        const slot = byTime.get(endAt - (received.length - 1 - i) * stepMs);
        if (slot) {
          slot.received += value;
          slot.delivered += delivered[i] ?? 0;
        }
      });
    }
    for (const [t, slot] of byTime) points.push({ t, ...slot });
  }
  const now = totals(data);
  points.push({ t: data.at, received: now.receivedPerSecond, delivered: now.deliveredPerSecond });
  return points;
}

/**
 * An SVG path through the points, x by time over `[from, to]`, y by value over `[0, max]`,
 * in a box `width` × `height` (y grows downwards). Points outside the time span are left out.
 */
export function linePath(points, { from, to, max, width, height, pick }) {
  const span = Math.max(1, to - from);
  const parts = [];
  for (const p of points) {
    if (p.t < from || p.t > to) continue;
    const x = ((p.t - from) / span) * width;
    const y = height - (Math.min(pick(p), max) / max) * height;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return parts.join(' ');
}

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A rate for people: "0", "0.5", "12", "1.2k". */
export function formatRate(perSecond) {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0';
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(1)}k`;
  return perSecond < 10 ? String(Math.round(perSecond * 10) / 10) : String(Math.round(perSecond));
}

/** Redis memory as a bar: used against the limit, or against the peak when there is none. */
export function memoryBar(redis) {
  const limit = redis.maxMemoryBytes ?? Math.max(redis.peakMemoryBytes, redis.usedMemoryBytes, 1);
  return {
    used: redis.usedMemoryBytes,
    limit,
    limited: redis.maxMemoryBytes !== null,
    width: Math.min(1, redis.usedMemoryBytes / Math.max(1, limit)),
  };
}
