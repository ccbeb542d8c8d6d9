// First run and demo data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, appReady, APP_URL, saved } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test('a first run offers demo data, which fills every stage and survives a reload', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page, { firstRun: false });
  const welcome = page.getByRole('dialog', { name: 'Welcome to Pipewright' });
  await welcome.getByRole('button', { name: 'Load demo data' }).click();
  await welcome.waitFor({ state: 'detached' });
  const counts = await page.getByTestId('stage-column').evaluateAll((cols) =>
    cols.map((c) => c.querySelectorAll('[data-testid="deal-card"]').length),
  );
  assert.equal(counts.length, 5);
  assert.ok(counts.every((n) => n > 0), `every stage holds deals: ${counts}`);
  await saved(page);
  await page.reload();
  await appReady(page, { firstRun: false });
  assert.equal(await welcome.count(), 0, 'no welcome once a choice was made');
  assert.ok((await page.getByTestId('deal-card').count()) > 10);
  assert.deepEqual(problems, []);
  await context.close();
});

test('start empty is remembered, and Settings resets to demo data or clears after confirmation', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page); // starts empty
  await saved(page);
  await page.reload();
  await appReady(page, { firstRun: false });
  assert.equal(await page.getByRole('dialog', { name: 'Welcome to Pipewright' }).count(), 0);
  await page.getByRole('button', { name: 'Reset to demo data…' }).click();
  await page.getByText(/Replace this workspace \(0 deals.*with demo data/).waitFor();
  await page.getByRole('button', { name: 'Yes, load demo data' }).click();
  await page.goto(`${APP_URL}#/deals`);
  await page.getByText(/^300 deals · /).waitFor();
  await page.goto(`${APP_URL}#/settings`);
  await page.getByRole('button', { name: 'Clear everything…' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Clear everything…' }).click();
  await page.getByRole('button', { name: 'Yes, clear everything' }).click();
  await page.goto(`${APP_URL}#/deals`);
  await page.getByText(/^0 deals · /).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
