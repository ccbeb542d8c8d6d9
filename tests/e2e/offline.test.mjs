// Offline: after one visit the app loads with the network off, works, and saves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, appReady, APP_URL, quickAddDeal, card, saved } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test('after one visit the app reloads offline, the board works and the change is saved', { timeout: 90000 }, async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  // Wait for the worker to install (precache) and take control.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  const cached = await page.evaluate(async () => {
    const key = (await caches.keys()).find((k) => k.startsWith('pipewright-'));
    return (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname);
  });
  for (const kind of ['.wasm', '.js', '.css', 'echarts.common.min.js', 'index.html', '__wasm_split.js']) {
    assert.ok(cached.some((p) => p.endsWith(kind)), `${kind} is cached: ${cached}`);
  }
  // Every page downloaded on demand, though none was opened yet.
  assert.ok(cached.filter((p) => /\/split-[0-9a-f]+\/split_\w+\.wasm$/.test(p)).length >= 7, `the pages are cached: ${cached}`);
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await quickAddDeal(page, 'Qualified', 'Offline deal', '900');
  await saved(page);
  await page.reload();
  await appReady(page);
  await card(page, 'Offline deal').waitFor();
  // Charts load from our origin's cache too.
  await page.goto(`${APP_URL}#/dashboard`);
  await page.waitForFunction(() => typeof window.echarts === 'object');
  await page.locator('[data-testid="chart"] .chart-canvas[data-drawn]').first().waitFor();
  // A page never opened online opens offline.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forecast', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Forecast' }).waitFor();
  await context.setOffline(false);
  const relevant = problems.filter((p) => !p.includes('net::ERR_INTERNET_DISCONNECTED'));
  assert.deepEqual(relevant, []);
  await context.close();
});

test('the app is installable: a manifest with name, start URL and icons', async () => {
  const { context, page } = await openPage(app.browser);
  const response = await page.goto(`${APP_URL}manifest.webmanifest`);
  const manifest = await response.json();
  assert.equal(manifest.short_name, 'Pipewright');
  assert.equal(manifest.start_url, './#/board');
  assert.ok(manifest.icons.length >= 1);
  await context.close();
});

test('a new release replaces the cached one: its worker precaches it and deletes the old cache', { timeout: 90000 }, async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  const first = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('pipewright-')));
  assert.equal(first.length, 1);
  // The next release registers the worker under its own build id, as index.html does.
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('./sw.js?build=next-release');
  });
  // The cache API is asynchronous, which waitForFunction does not await: poll it here.
  const cachesNow = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('pipewright-')));
  const deadline = Date.now() + 20000;
  while ((await cachesNow()).join() !== 'pipewright-next-release') {
    assert.ok(Date.now() < deadline, `the old cache is replaced: ${await cachesNow()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const cached = await page.evaluate(async () => (await (await caches.open('pipewright-next-release')).keys()).length);
  assert.ok(cached > 3, `the new release is precached: ${cached} files`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the board\'s first load waits for no other page, panel, team sync or ECharts; they download after it shows, once each', async () => {
  const { context, page, problems } = await openPage(app.browser, { serviceWorkers: 'block' });
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  // When the first card is in the page, on the page's own clock.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="deal-card"]')) return;
      observer.disconnect();
      window.__cardsShown = performance.now();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${APP_URL}?scenario=demo#/board`);
  await appReady(page, { firstRun: false });
  await page.getByTestId('deal-card').first().waitFor();
  // Idle time after the board shows: nothing fetches the chart library behind it.
  await page.waitForTimeout(1500);
  assert.deepEqual(requested.filter((p) => p.includes('echarts')), [], 'no ECharts request for the board');
  assert.equal(await page.evaluate(() => typeof window.echarts), 'undefined');
  const pageModules = () => requested.filter((p) => /\/split_\w+\.wasm$/.test(p)).map((p) => p.replace(/.*\/split_([a-z_]+)\.wasm$/, '$1'));
  assert.deepEqual(
    [...pageModules()].sort(),
    ['activities', 'dashboard', 'deal_panel', 'deals', 'forecast', 'leads', 'organizations', 'person_panel', 'settings', 'team_sync'],
    'every other page, the panels and team sync downloaded once the board shows',
  );
  const startedBeforeCards = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((r) => /\/split_\w+\.wasm$/.test(r.name) && r.startTime < window.__cardsShown)
      .map((r) => r.name),
  );
  assert.deepEqual(startedBeforeCards, [], 'nothing split out is requested before the board shows its cards');
  // A panel downloaded in advance opens without another download.
  const first = page.getByTestId('deal-card').first();
  const title = (await first.locator('.deal-title').textContent()).trim();
  await first.click();
  await page.getByRole('dialog', { name: title }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard', exact: true }).click();
  await page.locator('[data-testid="chart"] .chart-canvas[data-drawn]').first().waitFor();
  assert.equal(requested.filter((p) => p.endsWith('echarts.common.min.js')).length, 1, 'loaded once, on demand');
  assert.equal(pageModules().length, 10, 'opening a page or panel downloaded in advance downloads nothing again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a page whose code cannot be downloaded says so, the board still works, and "Try again" opens it once online', async () => {
  // Without the service worker (it would have cached the pages): the host is unreachable
  // for the page's code only, as when the network drops before a page was ever opened.
  const { context, page } = await openPage(app.browser, { serviceWorkers: 'block' });
  let blocked = true;
  await page.route(/\/split-[0-9a-f]+\/\w+\.wasm$/, (r) => (blocked ? r.abort('internetdisconnected') : r.continue()));
  await page.goto(`${APP_URL}?scenario=demo#/board`);
  await appReady(page, { firstRun: false });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Leads', exact: true }).click();
  const message = page.getByRole('alert').filter({ hasText: 'This page could not be downloaded. Check the connection, then try again.' });
  await message.waitFor({ timeout: 20000 });
  await nav.getByRole('link', { name: 'Board', exact: true }).click();
  await page.getByTestId('deal-card').first().waitFor();
  await nav.getByRole('link', { name: 'Leads', exact: true }).click();
  await message.waitFor();
  blocked = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
  await context.close();
});

test('a panel whose code cannot be downloaded says so, closes, and "Try again" opens it once online', async () => {
  const { context, page, problems } = await openPage(app.browser, { serviceWorkers: 'block' });
  let blocked = true;
  await page.route(/\/split-[0-9a-f]+\/\w+\.wasm$/, (r) => (blocked ? r.abort('internetdisconnected') : r.continue()));
  await page.goto(`${APP_URL}?scenario=demo#/board`);
  await appReady(page, { firstRun: false });
  const first = page.getByTestId('deal-card').first();
  const title = (await first.locator('.deal-title').textContent()).trim();
  await first.click();
  const failed = page.getByRole('dialog', { name: 'Not downloaded' });
  await failed.getByRole('alert').filter({ hasText: 'This panel could not be downloaded. Check the connection, then try again.' }).waitFor({ timeout: 20000 });
  // Closes like any panel: ✕ and Escape.
  await failed.getByRole('button', { name: 'Close panel' }).click();
  await failed.waitFor({ state: 'detached' });
  // The board still works meanwhile.
  await quickAddDeal(page, 'Qualified', 'Added while offline', '100');
  await card(page, 'Added while offline').waitFor();
  await first.click();
  await failed.waitFor();
  await page.keyboard.press('Escape');
  await failed.waitFor({ state: 'detached' });
  await first.click();
  await failed.waitFor();
  blocked = false;
  await failed.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('dialog', { name: title }).waitFor();
  // The blocked downloads are reported by the browser; nothing else went wrong.
  assert.deepEqual(problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p)), []);
  await context.close();
});
