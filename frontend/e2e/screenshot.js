/**
 * Takes docs/screenshot.png, the picture in the README: three people in General, who's here
 * beside the count, a message with a link, someone typing. Real Chromium (playwright-core, the
 * system's /usr/bin/chromium, fresh profiles) against a running cluster, or a 3-node cluster of
 * its own (deploy/local/cluster, the jars must be built) when no address is given.
 *
 *   node e2e/screenshot.js [http://127.0.0.1:8080] [output.png]
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { REPO, startCluster } from './support/cluster.js';

const WAIT = 15_000;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function person(url, name) {
  const profile = mkdtempSync(join(tmpdir(), 'chat-shot-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('message-scroller')?.getAttribute('aria-busy') === 'false', undefined, { timeout: WAIT });
  await page.click('#identity');
  await page.fill('#name-input', name);
  await page.press('#name-input', 'Enter');
  await page.waitForFunction((n) => document.getElementById('user-name').textContent === n, name, { timeout: WAIT });
  return { page, context, profile, name };
}

async function say(who, text) {
  await who.page.fill('#composer-input', text);
  await who.page.press('#composer-input', 'Enter');
  await who.page.waitForFunction((t) => [...document.querySelectorAll('#message-list .message-text')].some((p) => p.textContent === t), text, { timeout: WAIT });
}

const [given, output = join(REPO, 'docs/screenshot.png')] = process.argv.slice(2);
const cluster = given ? null : await startCluster();
const url = given ?? cluster.url;
const people = [];
try {
  for (const name of ['Night Owl', 'Brave Fox', 'Calm Heron']) people.push(await person(url, name));
  const [owl, fox, heron] = people;
  // the page in the picture comes back once everyone has their name, so no join line shows a generated one
  await owl.page.reload();
  await owl.page.waitForFunction(() => document.getElementById('message-scroller')?.getAttribute('aria-busy') === 'false', undefined, { timeout: WAIT });
  await say(fox, 'Morning! Anyone up for the hike on Saturday?');
  await say(owl, 'Yes! The trail map is here: https://example.com/trails/north-loop');
  await say(heron, 'Count me in. I can bring snacks.');
  await say(fox, 'Great, meet at the car park at 9?');
  await owl.page.waitForFunction(() => document.querySelectorAll('#people-list .person').length === 3, undefined, { timeout: WAIT });
  await heron.page.click('#composer-input');
  // typed at a person's pace: its first signal may fall in the 2 s after the page's last one
  await heron.page.keyboard.type('Sounds good to me!', { delay: 150 });
  await owl.page.waitForFunction(() => document.getElementById('typing').textContent === 'Calm Heron is typing…', undefined, { timeout: WAIT });
  await owl.page.evaluate(() => document.activeElement?.blur());
  await owl.page.screenshot({ path: output, animations: 'disabled' });
  process.stdout.write(`${output}\n`);
} finally {
  for (const p of people) {
    await p.context.close().catch(() => {});
    rmSync(p.profile, { recursive: true, force: true });
  }
  if (cluster) {
    await cluster.down();
    rmSync(cluster.dir, { recursive: true, force: true });
  }
}
