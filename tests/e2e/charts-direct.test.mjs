// A chart page opened directly (a bookmark, a shared link, a reload) draws every chart:
// the charts wait for ECharts instead of racing its download (issue #23). Half the
// loads use a fresh context with an empty cache, some of them on a slow network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, appReady, APP_URL } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const PAGES = [
  { route: '#/dashboard', charts: 6 },
  { route: '#/forecast', charts: 3 },
];
const LOADS = 20;

/** Throttles the page's network like a slow mobile connection. */
async function slowNetwork(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
}

/** Every chart of the page drawn by ECharts, and none saying it could not load. */
async function assertAllDrawn(page, expected, what) {
  const drawn = page.locator('[data-testid="chart"] .chart-canvas[data-drawn]');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="chart"] .chart-canvas[data-drawn]').length >= n,
    expected,
    { timeout: 30000 },
  ).catch(() => {});
  const failures = await page.locator('[data-testid="chart"] [role="alert"]').allTextContents();
  assert.deepEqual(failures, [], `${what}: a chart says it failed`);
  assert.equal(await drawn.count(), expected, `${what}: every chart is drawn`);
}

for (const { route, charts } of PAGES) {
  test(`${route} opened directly ${LOADS} times draws all ${charts} charts every time`, async () => {
    const fresh = LOADS / 2;
    for (let i = 0; i < fresh; i++) {
      const { context, page, problems } = await openPage(app.browser);
      if (i % 3 === 0) await slowNetwork(page);
      await page.goto(`${APP_URL}?scenario=demo${route}`);
      await appReady(page, { firstRun: false });
      await assertAllDrawn(page, charts, `fresh context ${i + 1}${i % 3 === 0 ? ' (slow network)' : ''}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
    const { context, page, problems } = await openPage(app.browser);
    await page.goto(`${APP_URL}?scenario=demo${route}`);
    await appReady(page, { firstRun: false });
    for (let i = 0; i < LOADS - fresh; i++) {
      if (i === fresh / 2) await slowNetwork(page);
      await page.reload();
      await appReady(page, { firstRun: false });
      await assertAllDrawn(page, charts, `reload ${i + 1}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('offline before ECharts was ever fetched, the charts say so and "Try again" draws them once online', async () => {
  // Without the service worker: it would fetch the file itself (after precaching it),
  // out of reach of the page's request routing that stands for the network here.
  const { context, page } = await openPage(app.browser, { serviceWorkers: 'block' });
  // Block the library's file only, as an unreachable host would.
  let blocked = true;
  await page.route('**/echarts.common.min.js', (r) => (blocked ? r.abort('internetdisconnected') : r.continue()));
  await page.goto(`${APP_URL}?scenario=demo#/forecast`);
  await appReady(page, { firstRun: false });
  const alert = page.locator('[data-chart="forecast"] [role="alert"]');
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /Charts could not load \(the file could not be downloaded\)/);
  blocked = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await assertAllDrawn(page, 3, 'after Try again');
  await context.close();
});
