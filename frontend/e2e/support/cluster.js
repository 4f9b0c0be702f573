/**
 * Runs deploy/local/cluster for the browser tests: a 3-node cluster in its own temporary
 * directory, its gateway on a free 127.0.0.1 port, short clear and expiry choices, and always
 * taken down again. Never builds: the jars must exist (SKIP_BUILD=1).
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const SCRIPT = join(REPO, 'deploy/local/cluster');

/** A port free right now on 127.0.0.1 (from the ephemeral range, which the script never picks). */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function run(args, env, timeoutMs) {
  return new Promise((done) => {
    const child = spawn(SCRIPT, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output });
    });
  });
}

export async function startCluster(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'chat-e2e-cluster-'));
  const port = await freePort();
  const env = {
    ...process.env,
    CLUSTER_DIR: dir,
    GATEWAY_PORT: String(port),
    SKIP_BUILD: '1',
    CHAT_NODES: '3',
    CHAT_ROOMS_CLEAR_INTERVALS: '3s,5s',
    CHAT_ROOMS_EXPIRIES: '4s,6s',
    CHAT_GENERAL_CLEAR_INTERVAL: '5m',
    ...extraEnv,
  };
  const cluster = {
    dir,
    port,
    url: `http://127.0.0.1:${port}`,
    started: false,
    async down() {
      const result = await run(['down'], env, 120_000);
      if (result.code !== 0) process.stderr.write(`[e2e] cluster down failed (${result.code}):\n${result.output}\n`);
      return result;
    },
    /** kill -9 of one service (a crash), by its pid file. */
    kill(name) {
      const pid = Number(readFileSync(join(dir, 'pids', `${name}.pid`), 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    logs(name) {
      const file = join(dir, 'logs', `${name}.log`);
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
  };
  const up = await run(['up'], env, 300_000);
  if (up.code !== 0) {
    await cluster.down();
    throw new Error(`deploy/local/cluster up failed (exit ${up.code}${up.signal ? `, ${up.signal}` : ''}):\n${up.output}`);
  }
  cluster.started = true;
  return cluster;
}
