// Team sync benchmark: the release build and a PouchDB Server on 127.0.0.1. Ana shares
// the 1,000-deal demo, Ben joins it; then a move on Ana's board until it shows on Ben's,
// 20 times. Prints the figures and writes bench-results/sync.json.
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { startStaticServer } from '../e2e/static-server.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { startSyncServer } from '../../scripts/sync-server.mjs';

const PORT = 4198;
const URL_BASE = `http://127.0.0.1:${PORT}/pipewright/`;
const PASSWORD = 'bench-password';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const web = await startStaticServer('dist', PORT, '/pipewright/');
const server = await startSyncServer({ origins: [`http://127.0.0.1:${PORT}`] });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const synced = (page) => page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout: 300000 });

async function signedIn(route, user) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${URL_BASE}${route}#/settings`);
  await page.waitForSelector('nav[aria-label="Main"]');
  const welcome = page.getByRole('button', { name: 'Start empty' });
  if (await welcome.count()) await welcome.click();
  const form = page.getByRole('form', { name: 'Sign in to the team server' });
  await form.getByLabel('Server address').fill(server.url);
  await form.getByLabel('Database').fill('sales');
  await form.getByLabel('User name').fill(user);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('team-signed-in').waitFor();
  return { context, page };
}

let figures;
try {
  for (const name of ['ana', 'ben']) await server.addUser(name, PASSWORD);
  await server.addDatabase('sales', { admins: ['ana'], members: ['ben'] });
  const ana = await signedIn('?scenario=demo-1000', 'ana');
  let started = Date.now();
  await ana.page.getByRole('button', { name: 'Share this workspace with the team' }).click();
  await synced(ana.page);
  const share = Date.now() - started;
  const documents = (await server.call('/sales')).body.doc_count;

  const ben = await signedIn('', 'ben');
  await ben.page.getByRole('button', { name: "Join the team's pipeline" }).click();
  started = Date.now();
  await ben.page.getByRole('button', { name: 'Join and replace my workspace' }).click();
  await synced(ben.page);
  const join = Date.now() - started;

  await ana.page.goto(`${URL_BASE}#/board`);
  await ben.page.goto(`${URL_BASE}#/board`);
  // Alternately the first card of the first stage moves right and the first card of
  // the second moves left; Ben's second column header (its count and value) changes.
  const columns = (page) => page.locator('[data-testid="stage-column"]');
  const benMeta = () => columns(ben.page).nth(1).locator('.stage-meta').textContent();
  const times = [];
  for (let i = 0; i < 20; i++) {
    const from = columns(ana.page).nth(i % 2);
    await from.locator('[data-testid="deal-card"]').first().focus();
    const before = await benMeta();
    const at = Date.now();
    await ana.page.keyboard.press(i % 2 === 0 ? 'Shift+ArrowRight' : 'Shift+ArrowLeft');
    await ben.page.waitForFunction(
      (text) => document.querySelectorAll('[data-testid="stage-column"]')[1]?.querySelector('.stage-meta')?.textContent !== text,
      before,
      { timeout: 10000, polling: 5 },
    );
    times.push(Date.now() - at);
  }
  figures = { documents, share_ms: share, join_ms: join, move_median_ms: median(times), move_slowest_ms: Math.max(...times) };
  console.log(`1,000-deal demo: ${documents} documents`);
  console.log(`share (push all) until synced: ${share} ms`);
  console.log(`join (pull all, claim a device, save) until synced: ${join} ms`);
  console.log(`a move shows in the other browser: median ${figures.move_median_ms} ms of 20 (slowest ${figures.move_slowest_ms} ms)`);
} finally {
  await browser.close();
  await server.stop();
  await new Promise((ok) => web.close(ok));
}
await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/sync.json', JSON.stringify(figures, null, 2));
