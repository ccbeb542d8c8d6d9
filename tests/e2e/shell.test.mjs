// The app shell: every page under a sub-path, reload on a deep page, no console
// errors, no serious accessibility violations, keyboard navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, appReady, seriousA11yViolations, APP_URL } from './harness.mjs';

const PAGES = ['Board', 'Deals', 'Leads', 'Activities', 'Organizations', 'Dashboard', 'Forecast', 'Settings'];
let app;

before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

for (const scheme of ['light', 'dark']) {
  test(`every page renders without errors or serious a11y violations (${scheme})`, async () => {
    const { context, page, problems } = await openPage(app.browser, { colorScheme: scheme });
    await page.goto(APP_URL);
    await appReady(page);
    for (const name of PAGES) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      assert.match(await page.title(), new RegExp(`^${name} · Pipewright$`));
      assert.equal(
        await page.getByRole('link', { name, exact: true }).getAttribute('aria-current'),
        'page',
      );
      const violations = await seriousA11yViolations(page);
      assert.deepEqual(violations, [], `${name} (${scheme})`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a reload on a page other than the first stays on that page', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/forecast`);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Forecast' }).waitFor();
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Forecast' }).waitFor();
  assert.ok(page.url().endsWith('/pipewright/#/forecast'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown address shows a way back, not a blank page', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/no-such-page`);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await page.getByRole('link', { name: 'Go to the board' }).click();
  await page.getByRole('heading', { level: 1, name: 'Board' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('navigation works by keyboard with a visible focus', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(APP_URL);
  await appReady(page);
  // Skip link first, then the brand, then the nav links in order.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  let reached = null;
  for (let i = 0; i < 8 && reached !== 'Leads'; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.textContent.trim());
  }
  assert.equal(reached, 'Leads');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the board shows the default pipeline stages with empty-state hints', async () => {
  const { context, page } = await openPage(app.browser);
  await page.goto(APP_URL);
  await appReady(page);
  const stages = await page.getByTestId('stage-column').evaluateAll((els) => els.map((e) => e.dataset.stage));
  assert.deepEqual(stages, ['Qualified', 'Contact made', 'Demo scheduled', 'Proposal made', 'Negotiations started']);
  assert.equal(await page.getByText('No deals in this stage — drag one here or add one.').count(), 5);
  await context.close();
});

test('the phone layout has no horizontal page overflow', async () => {
  const { context, page } = await openPage(app.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
  await context.close();
});
