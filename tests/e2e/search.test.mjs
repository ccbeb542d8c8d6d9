// The global search: Ctrl+K or /, keyboard choice, and what each kind of result opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openDemo, seriousA11yViolations, APP_URL } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test('Ctrl+K finds deals, leads and organizations ignoring case and opens the one chosen', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/board');
  const org = await page.evaluate(() => document.querySelector('[data-testid="deal-card"] .deal-org')?.textContent ?? '');
  const deal = await page.locator('[data-testid="deal-card"]').first().getAttribute('data-deal');
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search everything' });
  const box = dialog.getByRole('combobox', { name: 'Search deals, leads, organizations and people' });
  await box.fill(deal.toUpperCase());
  await dialog.getByTestId('search-hit').first().waitFor();
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.equal(await dialog.getByTestId('search-hit').first().locator('.search-label').textContent(), deal);
  await box.press('Enter');
  await page.getByRole('dialog', { name: deal }).waitFor();
  await page.keyboard.press('Escape');

  // "/" opens it too; an organization opens on the Organizations page.
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await box.fill(org ? org.slice(0, 6).toLowerCase() : 'acme');
  const orgHit = dialog.getByTestId('search-hit').filter({ hasText: 'Organization' }).first();
  const orgName = await orgHit.locator('.search-label').textContent();
  await orgHit.click();
  await page.getByRole('heading', { level: 1, name: 'Organizations and people' }).waitFor();
  await page.getByRole('heading', { name: orgName }).first().waitFor();

  // A lead, chosen with the arrow keys, opens its panel on Leads.
  await page.keyboard.press('Control+k');
  await box.fill('a');
  const hits = dialog.getByTestId('search-hit');
  const kinds = await hits.locator('.search-kind').allTextContents();
  const leadAt = kinds.indexOf('Lead');
  assert.ok(leadAt >= 0, `a lead among ${kinds}`);
  for (let i = 0; i < leadAt; i++) await box.press('ArrowDown');
  const leadName = await hits.nth(leadAt).locator('.search-label').textContent();
  await box.press('Enter');
  await page.waitForURL(/#\/leads/);
  await page.getByRole('dialog', { name: leadName }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('nothing found says so', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/deals');
  await page.getByRole('button', { name: /Search/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Search everything' });
  await dialog.getByRole('combobox').fill('zzzz no such thing');
  await dialog.getByText('Nothing matches.').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(page.url().endsWith('#/deals'), true);
  assert.deepEqual(problems, []);
  await context.close();
});
