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

test('a scenario is saved, the data changes, and opening the scenario brings it back; its file imports elsewhere', async () => {
  const { readFile } = await import('node:fs/promises');
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  const { quickAddDeal, card } = await import('./harness.mjs');
  await quickAddDeal(page, 'Qualified', 'Scenario deal');
  await page.goto(`${APP_URL}#/settings`);
  await page.getByLabel('Scenario name').fill('Week 1');
  await page.getByRole('button', { name: 'Save current as scenario' }).click();
  await page.locator('[data-testid="scenario"][data-scenario="Week 1"]').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-scenario="Week 1"]').getByRole('button', { name: 'Export' }).click(),
  ]);
  const file = await download.path();
  await page.getByRole('button', { name: 'Clear everything…' }).click();
  await page.getByRole('button', { name: 'Yes, clear everything' }).click();
  await page.locator('[data-scenario="Week 1"]').getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: 'Open scenario' }).click();
  await page.goto(`${APP_URL}#/board`);
  await card(page, 'Scenario deal').waitFor();

  // A trainee imports the file in another browser profile.
  const trainee = await openPage(app.browser);
  await trainee.page.goto(`${APP_URL}#/settings`);
  await appReady(trainee.page);
  const { copyFile } = await import('node:fs/promises');
  const named = `${file}-Week 1.json`;
  await copyFile(file, named);
  assert.match(await readFile(named, 'utf8'), /Scenario deal/);
  await trainee.page.getByLabel('Import scenario file…').setInputFiles(named);
  // Imported: listed under the file's name, and opening it shows its deal.
  const imported = trainee.page.locator('[data-testid="scenario"]').first();
  await imported.waitFor();
  assert.match(await imported.getAttribute('data-scenario'), /Week 1$/);
  await imported.getByRole('button', { name: 'Open' }).click();
  await trainee.page.getByRole('button', { name: 'Open scenario' }).click();
  await trainee.page.goto(`${APP_URL}#/board`);
  await card(trainee.page, 'Scenario deal').waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(trainee.problems, []);
  await trainee.context.close();
  await context.close();
});

test('?scenario=demo opens at once on an empty workspace but asks before replacing data', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}?scenario=demo#/board`);
  await appReady(page, { firstRun: false });
  assert.ok((await page.getByTestId('deal-card').count()) > 10, 'demo opened directly');
  assert.ok(!page.url().includes('scenario='), 'the address no longer asks');
  await saved(page);

  const other = await openPage(app.browser);
  await other.page.goto(`${APP_URL}#/board`);
  await appReady(other.page);
  const { quickAddDeal, card } = await import('./harness.mjs');
  await quickAddDeal(other.page, 'Qualified', 'My own deal');
  await saved(other.page);
  await other.page.goto(`${APP_URL}?scenario=demo#/board`);
  await appReady(other.page, { firstRun: false });
  const prompt = other.page.getByTestId('scenario-prompt');
  await prompt.waitFor();
  assert.match(await prompt.textContent(), /would replace your data \(1 deal, 0 leads, 0 organizations\)/);
  await card(other.page, 'My own deal').waitFor();
  await prompt.getByRole('button', { name: 'Keep my data' }).click();
  await prompt.waitFor({ state: 'detached' });
  await card(other.page, 'My own deal').waitFor();
  await other.page.goto(`${APP_URL}?scenario=nonsense#/board`);
  await appReady(other.page, { firstRun: false });
  await other.page.getByText('There is no bundled scenario “nonsense”').waitFor();
  await card(other.page, 'My own deal').waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await context.close();
});
