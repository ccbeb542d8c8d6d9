// Shared set-up for the end-to-end tests: the release build served under a sub-path,
// headless Debian Chromium, console-error capture and axe-core checks.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startStaticServer } from './static-server.mjs';

const require = createRequire(import.meta.url);
export const BASE_PATH = '/pipewright/';
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const APP_URL = `http://127.0.0.1:${PORT}${BASE_PATH}`;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startApp() {
  const server = await startStaticServer(process.env.DIST_DIR ?? 'dist', PORT, BASE_PATH);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** A fresh context and page that record every console error and uncaught exception. */
export async function openPage(browser, { colorScheme = 'light', viewport = { width: 1366, height: 768 }, serviceWorkers = 'allow', touch = false } = {}) {
  const context = await browser.newContext({ colorScheme, viewport, serviceWorkers, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  return { context, page, problems };
}

/** A fresh page on `route` (e.g. '#/board') of a new, empty workspace. */
export async function openFresh(browser, route, viewport) {
  const opened = await openPage(browser, viewport ? { viewport } : undefined);
  await opened.page.goto(`${APP_URL}${route}`);
  await appReady(opened.page);
  return opened;
}

/** A fresh page on `route` (e.g. '#/deals') with the bundled demo scenario opened. */
export async function openDemo(browser, route) {
  const opened = await openPage(browser);
  await opened.page.goto(`${APP_URL}?scenario=demo${route}`);
  await appReady(opened.page, { firstRun: false });
  return opened;
}

/** Waits until the wasm app has mounted its shell; on a first run, starts empty. */
export async function appReady(page, { firstRun = 'empty' } = {}) {
  await page.waitForSelector('nav[aria-label="Main"]', { timeout: 20000 });
  const welcome = page.getByRole('dialog', { name: 'Welcome to Pipewright' });
  if (firstRun && (await welcome.count()) > 0) {
    const choice = welcome.getByRole('button', { name: firstRun === 'demo' ? 'Load demo data' : 'Start empty' });
    // Another tab may make the first-run choice meanwhile; this tab then takes its data
    // and closes the welcome by itself.
    await choice.click({ timeout: 5000 }).catch(async (error) => {
      if ((await welcome.count()) > 0) throw error;
    });
    await welcome.waitFor({ state: 'detached' });
  }
  await pageShown(page);
}

/** Waits until the page at the address is shown: every page but the board downloads
 *  its code the first time it opens ("Loading…" meanwhile). */
export async function pageShown(page) {
  await page.locator('main .page-loading').waitFor({ state: 'detached', timeout: 20000 });
}

const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Adds a deal with the column's quick-add form. */
export async function quickAddDeal(page, stage, title, value = '') {
  const column = page.locator(`[data-testid="stage-column"][data-stage="${stage}"]`);
  await column.getByRole('button', { name: '+ Add deal' }).click();
  await column.getByLabel('Deal title').fill(title);
  if (value) await column.getByLabel('Deal value').fill(value);
  await column.getByRole('button', { name: 'Add', exact: true }).click();
  await column.locator(`[data-testid="deal-card"][data-deal="${title}"]`).waitFor();
  await column.getByRole('button', { name: 'Cancel' }).click();
}

export function card(page, title) {
  return page.locator(`[data-testid="deal-card"][data-deal="${title}"]`);
}

export function column(page, stage) {
  return page.locator(`[data-testid="stage-column"][data-stage="${stage}"]`);
}

/** The stage a card is in, read from its column. */
export async function stageOf(page, title) {
  return card(page, title).evaluate((el) => el.closest('[data-testid="stage-column"]').dataset.stage);
}

/** Waits until every change of this tab is in local storage: the app marks its root
 *  `data-unsaved="true"` in the same event as a change and "false" once it is saved. */
export async function saved(page) {
  await page.waitForFunction(() => document.documentElement.dataset.unsaved === 'false', null, {
    timeout: 10000,
    polling: 20,
  });
}

/** Fills the origin's local storage to the last character, as another app could. */
export async function fillStorage(page) {
  await page.evaluate(() => {
    let i = 0;
    for (let size = 4 * 1024 * 1024; size >= 1; ) {
      try {
        localStorage.setItem(`filler${i++}`, 'x'.repeat(size));
      } catch {
        size = Math.floor(size / 2);
      }
    }
  });
}
