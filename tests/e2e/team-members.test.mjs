// Owners from a team list: members in Settings, picked on deals, matched when typed or
// imported in another case or without accents, and a rename that follows everywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, openFresh, APP_URL, quickAddDeal, card } from './harness.mjs';

let app;
let dir;
before(async () => {
  app = await startApp();
  dir = await mkdtemp(join(tmpdir(), 'pw-team-'));
});
after(async () => {
  await app?.close();
});

async function addMember(page, name, initials = '') {
  await page.getByLabel('New member name').fill(name);
  await page.getByLabel('New member initials').fill(initials);
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.locator(`[data-testid="member-row"][data-member="${name}"]`).waitFor();
}

test('owners are picked from the team list, imports match them, and a rename follows', async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/settings');
  await addMember(page, 'Ana Silva');
  await addMember(page, 'Chloé Martin', 'cm');
  await page.getByLabel('New member name').fill('ANA SILVA');
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.getByText('“ANA SILVA” is already on the team list').waitFor();

  await page.goto(`${APP_URL}#/board`);
  await quickAddDeal(page, 'Qualified', 'Owned deal', '1000');
  await card(page, 'Owned deal').click();
  const panel = page.getByRole('dialog', { name: 'Owned deal' });
  await panel.getByLabel('Owner').selectOption('Chloé Martin');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await panel.getByRole('button', { name: 'Close deal panel' }).click();
  const badge = card(page, 'Owned deal').locator('.owner-badge');
  assert.equal(await badge.locator('[aria-hidden="true"]').textContent(), 'CM');
  assert.match(await badge.getAttribute('style'), /background:#/);

  // A CSV with owners in other cases and spellings, and one not on the list.
  const file = join(dir, 'owners.csv');
  await writeFile(file, 'Title,Value,Stage,Owner\nOne,100,Qualified,ana silva\nTwo,100,Qualified,CHLOE MARTIN\nThree,100,Qualified,Zed Zimmer\n');
  await page.goto(`${APP_URL}#/settings`);
  await page.getByLabel('Import CSV…').setInputFiles(file);
  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  await page.getByText('Owners not on the team list: Zed Zimmer').waitFor();
  const outside = page.getByRole('group', { name: 'Owners not on the team list' });
  await outside.getByText('Zed Zimmer — 1 record').waitFor();

  // Renaming a member renames them as owner of every deal.
  await page.getByLabel('Name of Chloé Martin').fill('Chloé Dubois');
  await page.locator('[data-testid="member-row"][data-member="Chloé Martin"]').getByRole('button', { name: 'Save' }).click();
  await page.locator('[data-testid="member-row"][data-member="Chloé Dubois"]').waitFor();
  await outside.getByRole('button', { name: 'Add Zed Zimmer' }).click();
  await outside.waitFor({ state: 'detached' });

  await page.goto(`${APP_URL}#/deals`);
  const owners = await page.getByTestId('deal-row').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.deal, [...r.cells].map((c) => c.textContent.trim())])));
  const ownerOf = (title) => Object.entries(owners).find(([t]) => t.startsWith(title))?.[1] ?? [];
  assert.ok(ownerOf('One').includes('Ana Silva'), JSON.stringify(owners));
  assert.ok(ownerOf('Two').includes('Chloé Dubois'), JSON.stringify(owners));
  assert.ok(ownerOf('Owned deal').includes('Chloé Dubois'), JSON.stringify(owners));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the dashboard shows each owner and follows the owner filter; the forecast has it too', async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/settings');
  await addMember(page, 'Ana Silva');
  await addMember(page, 'Ben Carter');
  await page.getByLabel('Monthly goal of Ana Silva').fill('10000');
  await page.locator('[data-testid="member-row"][data-member="Ana Silva"]').getByRole('button', { name: 'Save' }).click();
  await page.getByText('Team member saved').waitFor();
  await page.goto(`${APP_URL}#/board`);
  for (const [title, owner] of [['Ana deal', 'Ana Silva'], ['Ben deal', 'Ben Carter']]) {
    await quickAddDeal(page, 'Proposal made', title, '4000');
    await card(page, title).click();
    const panel = page.getByRole('dialog', { name: title });
    await panel.getByLabel('Owner').selectOption(owner);
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await panel.getByRole('button', { name: 'Close deal panel' }).click();
  }
  await card(page, 'Ana deal').dragTo(page.getByTestId('drop-won'));
  await card(page, 'Ben deal').click();
  await page.getByRole('dialog', { name: 'Ben deal' }).getByRole('button', { name: '✕ Lost' }).click();
  await page.getByLabel('Lost reason').selectOption('Price');
  await page.getByRole('button', { name: 'Mark as lost' }).click();

  await page.goto(`${APP_URL}#/dashboard`);
  const winRate = page.locator('[data-testid="kpi"][data-kpi="win-rate"] .kpi-value');
  assert.equal(await winRate.textContent(), '50.0 %');
  const table = page.getByTestId('owner-table');
  await table.waitFor();
  assert.match(await table.locator('tr[data-owner="Ana Silva"]').textContent(), /Ana Silva1 \(\+1\)\$4K \(\$0\)100\.0 %/);
  assert.match(await table.locator('tr[data-owner="Ben Carter"]').textContent(), /Ben Carter0 \(=\)\$0 \(\$0\)0\.0 %.*\$0 \(no goal\)$/);
  assert.match(await table.locator('tr[data-owner="Ana Silva"]').textContent(), /\$4K of \$10K$/);
  await page.getByRole('combobox', { name: 'Owner' }).selectOption('Ben Carter');
  await page.waitForFunction(() => document.querySelector('[data-kpi="win-rate"] .kpi-value')?.textContent === '0.0 %');
  // One owner: no per-owner table (it follows after the figures have painted).
  await table.waitFor({ state: 'detached' });
  assert.equal(await table.count(), 0, 'one owner: no per-owner table');
  await page.getByRole('combobox', { name: 'Owner' }).selectOption('Ana Silva');
  await page.waitForFunction(() => document.querySelector('[data-kpi="win-rate"] .kpi-value')?.textContent === '100.0 %');

  await page.goto(`${APP_URL}#/forecast`);
  await page.getByRole('combobox', { name: 'Owner' }).selectOption('Ana Silva');
  await page.locator('[data-testid="kpi"]').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
