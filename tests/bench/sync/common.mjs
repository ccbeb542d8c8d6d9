// Shared by the team-sync benchmark's parts: the app served from dist, one Chromium, a
// PouchDB Server on disk, and a signed-in browser.
import { chromium } from 'playwright-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../../e2e/static-server.mjs';
import { CHROMIUM_ARGS } from '../../e2e/harness.mjs';
import { startSyncServer } from '../../../scripts/sync-server.mjs';

export const PASSWORD = 'bench-password';

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export async function startBench(port) {
  const base = `http://127.0.0.1:${port}/pipewright/`;
  const web = await startStaticServer(process.env.DIST_DIR ?? 'dist', port, '/pipewright/');
  const dir = await mkdtemp(join(tmpdir(), 'pipewright-bench-db-'));
  const server = await startSyncServer({ dir, origins: [`http://127.0.0.1:${port}`] });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    base,
    server,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
      await new Promise((ok) => web.close(ok));
    },
  };
}

/** The longest main-thread task since the last reset, from the Long Tasks API. */
export const LONG_TASKS = `
  window.__longestTask = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, e.duration);
  }).observe({ type: 'longtask', buffered: false });`;

/** A browser signed in on Settings → Team; `route` may open a scenario first;
 * `initScript` runs in the page before the app. */
export async function signedIn(bench, user, route = '', { database = 'sales', initScript } = {}) {
  const context = await bench.browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(LONG_TASKS);
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`${user}: uncaught: ${err.message}`));
  await page.goto(`${bench.base}${route}#/settings`);
  await page.waitForSelector('nav[aria-label="Main"]');
  const welcome = page.getByRole('button', { name: 'Start empty' });
  if (await welcome.count()) await welcome.click();
  const form = page.getByRole('form', { name: 'Sign in to the team server' });
  await form.getByLabel('Server address').fill(bench.server.url);
  await form.getByLabel('Database').fill(database);
  await form.getByLabel('User name').fill(user);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('team-signed-in').waitFor();
  return { context, page };
}

export const synced = (page, timeout = 600000) =>
  page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout });

/** Deals on the board: the sum of the columns' counts. */
export const BOARD_COUNT = `(() => [...document.querySelectorAll('[data-testid="stage-column"] .stage-meta span:first-child')]
  .reduce((n, s) => n + (parseInt(s.textContent.replace(/[^0-9]/g, ''), 10) || 0), 0))()`;
