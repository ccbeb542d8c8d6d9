// What the app promises and no other test would catch if it broke.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, openDemo, appReady, APP_URL } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test('no data leaves the browser: across every page, the only requests are for the app’s own files', async () => {
  const { context, page, problems } = await openPage(app.browser);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await page.goto(`${APP_URL}?scenario=demo#/board`);
  await appReady(page, { firstRun: false });
  for (const route of ['#/deals', '#/leads', '#/organizations', '#/dashboard', '#/forecast', '#/settings', '#/board']) {
    await page.goto(`${APP_URL}${route}`);
    await page.locator('main h1').first().waitFor();
  }
  await page.locator('[data-testid="deal-card"]').first().dragTo(page.getByTestId('drop-won'));
  const origin = new URL(APP_URL).origin;
  const foreign = requests.filter((url) => !url.startsWith(`${origin}/pipewright/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.ok(requests.length > 3, `the app's own files were requested: ${requests.length}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('board cards show rotting, a slipped close date and the owner’s initials', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/board');
  const rotting = page.locator('[data-testid="deal-card"].rotting');
  assert.ok((await rotting.count()) >= 1, 'the demo has a rotting deal');
  assert.match(await rotting.first().locator('.rot-badge').textContent(), /^Rotting · \d+ days idle$/);
  const slipped = page.locator('.deal-close.slipped');
  assert.ok((await slipped.count()) >= 1, 'the demo has a slipped deal');
  assert.match(await slipped.first().textContent(), /^⚑ /);
  // "Owner: Ana Silva" for screen readers and as the tooltip; "AS" on the badge.
  const badge = page.locator('.owner-badge').first();
  const owner = (await badge.getAttribute('title')).replace(/^Owner: /, '');
  const words = owner.split(/\s+/).filter(Boolean);
  const expected = words.length > 1 ? words[0][0] + words[words.length - 1][0] : words[0][0];
  assert.equal(await badge.locator('[aria-hidden="true"]').textContent(), expected);
  assert.equal(await badge.locator('.visually-hidden').textContent(), `Owner: ${owner}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deal named in "needs attention" opens from the dashboard', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/dashboard');
  const link = page.locator('.deal-links .link-button').first();
  const title = await link.textContent();
  await link.click();
  await page.getByRole('dialog', { name: title }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [scenario, deals] of [['demo-1000', 1000], ['demo-10000', 10000]]) {
  test(`the ?scenario=${scenario} link opens ${deals} deals`, async () => {
    const { context, page, problems } = await openPage(app.browser);
    await page.goto(`${APP_URL}?scenario=${scenario}#/deals`);
    await appReady(page, { firstRun: false });
    await page.getByText(new RegExp(`^${deals} deals · `)).waitFor({ timeout: 60000 });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the number format setting changes how amounts are written and read', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/settings');
  await page.getByLabel('Number format').selectOption('de-DE');
  // The goal field follows the format: "$75,000" is now written "$75.000".
  assert.match(await page.getByLabel('Monthly revenue goal').inputValue(), /^\$\d+\.\d{3}$/);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByTestId('toast').filter({ hasText: 'Settings saved' }).waitFor();
  await page.goto(`${APP_URL}#/board`);
  const column = page.locator('[data-testid="stage-column"][data-stage="Qualified"]');
  await column.getByRole('button', { name: '+ Add deal' }).click();
  await column.getByLabel('Deal title').fill('German amount');
  await column.getByLabel('Deal value').fill('1.234,50');
  await column.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator('[data-deal="German amount"]').click();
  const panel = page.getByRole('dialog', { name: 'German amount' });
  assert.equal(await panel.getByLabel('Value', { exact: true }).inputValue(), '$1.234,50');
  assert.deepEqual(problems, []);
  await context.close();
});
