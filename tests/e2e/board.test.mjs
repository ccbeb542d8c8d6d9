// The stage board: add, drag and drop, keyboard moves, won and lost, safe rendering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openFresh, appReady, APP_URL, quickAddDeal, card, column, stageOf, saved, seriousA11yViolations, openDemo } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const freshBoard = (viewport) => openFresh(app.browser, '#/board', viewport);

test('a dragged card stays in its new stage after a reload', async () => {
  const { context, page, problems } = await freshBoard();
  await quickAddDeal(page, 'Qualified', 'Acme rollout', '12,500');
  assert.match(await column(page, 'Qualified').locator('.stage-meta').textContent(), /1 deal · \$12\.5K · \$1\.3K weighted/);
  await card(page, 'Acme rollout').dragTo(column(page, 'Demo scheduled'));
  await column(page, 'Demo scheduled').locator('[data-deal="Acme rollout"]').waitFor();
  assert.equal(await stageOf(page, 'Acme rollout'), 'Demo scheduled');
  assert.match(await page.getByTestId('board-total').textContent(), /1 deal · \$12,500 · \$5,000 weighted/);
  await saved(page);
  await page.reload();
  await appReady(page);
  assert.equal(await stageOf(page, 'Acme rollout'), 'Demo scheduled');
  assert.deepEqual(problems, []);
  await context.close();
});

test('cards reorder within a column by drag and drop', async () => {
  const { context, page } = await freshBoard();
  for (const t of ['One', 'Two', 'Three']) await quickAddDeal(page, 'Qualified', t);
  await card(page, 'Three').dragTo(card(page, 'One'));
  const order = await column(page, 'Qualified').getByTestId('deal-card').evaluateAll((els) => els.map((e) => e.dataset.deal));
  assert.deepEqual(order, ['Three', 'One', 'Two']);
  await context.close();
});

test('a card moves between stages with the keyboard and keeps focus', async () => {
  const { context, page, problems } = await freshBoard();
  await quickAddDeal(page, 'Contact made', 'Keyboard deal');
  await card(page, 'Keyboard deal').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await column(page, 'Demo scheduled').locator('[data-deal="Keyboard deal"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset?.deal === 'Keyboard deal');
  await page.keyboard.press('Shift+ArrowLeft');
  await column(page, 'Contact made').locator('[data-deal="Keyboard deal"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset?.deal === 'Keyboard deal');
  await page.keyboard.press('Shift+ArrowLeft');
  await column(page, 'Qualified').locator('[data-deal="Keyboard deal"]').waitFor();
  // Enter opens the panel, whose "Move to" menu is the other keyboard path.
  await page.waitForFunction(() => document.activeElement?.dataset?.deal === 'Keyboard deal');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Keyboard deal' }).getByLabel('Move to stage').selectOption({ label: 'Proposal made' });
  await column(page, 'Proposal made').locator('[data-deal="Keyboard deal"]').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deal marked lost needs a reason, leaves the board, comes back by undo, and is won, reopened and deleted from its panel', async () => {
  const { context, page, problems } = await freshBoard();
  await quickAddDeal(page, 'Proposal made', 'Lost cause', '3000');
  await card(page, 'Lost cause').dragTo(page.getByTestId('drop-lost'));
  const dialog = page.getByRole('dialog', { name: 'Mark “Lost cause” as lost' });
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  // The select is required: the browser blocks the submit until a reason is chosen.
  assert.equal(await card(page, 'Lost cause').count(), 1);
  await dialog.getByLabel('Lost reason').selectOption('Chose a competitor');
  await dialog.getByLabel('Note (optional)').fill('Went with the incumbent');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await card(page, 'Lost cause').waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('board-total').textContent(), /^0 deals/);
  // Undo brings it back on the board.
  await page.getByRole('button', { name: /^Undo: Mark deal lost/ }).click();
  await card(page, 'Lost cause').waitFor();
  // Won from the panel.
  await card(page, 'Lost cause').click();
  const panel = page.getByRole('dialog', { name: 'Lost cause' });
  await panel.getByRole('button', { name: '✓ Won' }).click();
  await card(page, 'Lost cause').waitFor({ state: 'detached' });
  // Reopened from the panel: back on the board, in the stage it was won from.
  await panel.getByRole('button', { name: 'Reopen' }).click();
  await column(page, 'Proposal made').locator('[data-deal="Lost cause"]').waitFor();
  assert.equal(await stageOf(page, 'Lost cause'), 'Proposal made');
  // Deleted from the panel, after a second click: gone, and the panel with it.
  await panel.getByRole('button', { name: 'Delete' }).click();
  assert.equal(await card(page, 'Lost cause').count(), 1, 'the first click only asks');
  await panel.getByRole('button', { name: 'Click again to delete' }).click();
  await card(page, 'Lost cause').waitFor({ state: 'detached' });
  assert.equal(await panel.count(), 0);
  assert.match(await page.getByTestId('board-total').textContent(), /^0 deals/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the lost-reason dialog takes focus and Escape closes only it; Escape closes a panel wherever focus is', async () => {
  const { context, page, problems } = await freshBoard();
  await quickAddDeal(page, 'Qualified', 'Maybe lost', '1000');
  await card(page, 'Maybe lost').click();
  const panel = page.getByRole('dialog', { name: 'Maybe lost' });
  await panel.getByRole('button', { name: '✕ Lost' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark “Maybe lost” as lost' });
  await dialog.waitFor();
  // Focus starts on the reason, inside the dialog.
  await page.waitForFunction(() => document.activeElement?.tagName === 'SELECT' && Boolean(document.activeElement.closest('dialog[open]')));
  // The page behind is inert while the dialog is open.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]'))), true);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await panel.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), '✕ Lost');
  assert.equal(await card(page, 'Maybe lost').count(), 1);
  // A second Escape closes the panel.
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  // Opened from the keyboard, the panel leaves focus on the card; Escape still closes it.
  await card(page, 'Maybe lost').focus();
  await page.keyboard.press('Enter');
  await panel.waitFor();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deal titled with HTML shows as text on the board and in the panel, and nothing runs', async () => {
  const { context, page, problems } = await freshBoard();
  const evil = '<img src=x onerror=alert(1)>';
  await quickAddDeal(page, 'Qualified', evil);
  const c = card(page, evil);
  assert.equal(await c.locator('.deal-title').textContent(), evil);
  assert.equal(await page.locator('.board img').count(), 0);
  await c.click();
  const panel = page.getByRole('dialog', { name: evil });
  assert.equal(await panel.locator('h2').textContent(), evil);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  // Elapsed time, not a condition: an injected image's onerror would have run by now.
  await page.waitForTimeout(200);
  assert.deepEqual(problems, []); // an alert() would have been recorded as a dialog
  await context.close();
});

test('the deal panel edits fields, logs activities and notes, and shows the history', async () => {
  const { context, page, problems } = await freshBoard();
  await quickAddDeal(page, 'Qualified', 'Panel deal', '1000');
  await card(page, 'Panel deal').click();
  const panel = page.getByRole('dialog', { name: 'Panel deal' });
  await panel.getByLabel('Value').fill('abc');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  assert.match(await panel.getByRole('alert').textContent(), /Value: “abc” is not a number/);
  await panel.getByLabel('Value').fill('2,500');
  await panel.getByLabel('Organization').fill('Initech');
  await panel.getByLabel('Probability override (%)').fill('35');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.deal-org', { hasText: 'Initech' }).waitFor();
  assert.match(await page.getByTestId('board-total').textContent(), /\$2,500 · \$875 weighted/);
  // Creating the organization and editing the deal were one change: one undo takes
  // both back, and redo brings both.
  // (The open panel covers the toolbar, so the buttons are clicked programmatically.)
  await page.getByRole('button', { name: 'Undo: Edit deal (Ctrl+Z)' }).evaluate((b) => b.click());
  await page.locator('.deal-org', { hasText: 'Initech' }).waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('board-total').textContent(), /\$1,000 ·/);
  assert.equal(await page.getByRole('button', { name: /^Undo: / }).getAttribute('aria-label'), 'Undo: Add deal (Ctrl+Z)');
  await page.getByRole('button', { name: /^Redo: Edit deal/ }).evaluate((b) => b.click());
  await page.locator('.deal-org', { hasText: 'Initech' }).waitFor();
  await panel.getByLabel('Activity subject').fill('Discovery call');
  await panel.getByRole('button', { name: 'Add activity' }).click();
  await card(page, 'Panel deal').locator('.act-today').waitFor();
  await panel.getByRole('button', { name: 'Mark done' }).click();
  await card(page, 'Panel deal').locator('.act-none').waitFor();
  await panel.getByLabel('New note').fill('Budget approved');
  await panel.getByRole('button', { name: 'Add note' }).click();
  await panel.getByText('Budget approved').waitFor();
  await panel.getByLabel('Move to stage').selectOption({ label: 'Contact made' });
  await panel.locator('.timeline li', { hasText: 'Entered Contact made' }).waitFor();
  // Each change of the expected close date is part of the deal's history.
  await panel.getByLabel('Expected close').fill('2027-03-31');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await panel.locator('.timeline li', { hasText: 'Expected close set to Mar 31, 2027' }).waitFor();
  await panel.getByLabel('Expected close').fill('');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await panel.locator('.timeline li', { hasText: 'Expected close cleared' }).waitFor();
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the stage table saves every edited row at once and a save or a move keeps other rows\' edits', async () => {
  const { context, page, problems } = await freshBoard();
  await page.goto(`${APP_URL}#/settings`);
  await page.getByLabel('Probability of stage Qualified').fill('15');
  await page.getByLabel('Name of stage Demo scheduled').fill('Demo done');
  // Reordering another stage is a save of its own: the two edits stay.
  await page.getByRole('button', { name: 'Move stage Proposal made up' }).click();
  assert.equal(await page.getByLabel('Probability of stage Qualified').inputValue(), '15');
  assert.equal(await page.getByLabel('Name of stage Demo scheduled').inputValue(), 'Demo done');
  await page.getByRole('button', { name: 'Save 2 stages' }).click();
  await page.getByText('2 stages saved').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save stages' }).isDisabled(), true);
  await page.goto(`${APP_URL}#/board`);
  const stages = await page.getByTestId('stage-column').evaluateAll((els) => els.map((e) => e.dataset.stage));
  assert.deepEqual(stages, ['Qualified', 'Contact made', 'Proposal made', 'Demo done', 'Negotiations started']);
  // A bad row is named and nothing is saved.
  await page.goto(`${APP_URL}#/settings`);
  await page.getByLabel('Probability of stage Qualified').fill('150');
  await page.getByLabel('Name of stage Contact made').fill('Called');
  await page.getByRole('button', { name: 'Save 2 stages' }).click();
  await page.locator('[data-testid="stage-row"][data-stage="Qualified"]').getByText('is not a whole number from 0 to 100').waitFor();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  assert.equal(await page.getByLabel('Name of stage Contact made').inputValue(), 'Contact made');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a stage added in Settings appears on the board in its place', async () => {
  const { context, page, problems } = await freshBoard();
  await page.goto(`${APP_URL}#/settings`);
  await page.getByLabel('New stage name').fill('Contract sent');
  await page.getByLabel('New stage probability').fill('90');
  await page.getByLabel('New stage rotting days').fill('7');
  await page.getByRole('button', { name: 'Add stage', exact: true }).click();
  await page.locator('[data-testid="stage-row"][data-stage="Contract sent"]').waitFor();
  await page.getByLabel('New stage probability').fill('150');
  await page.getByLabel('New stage name').fill('Bad');
  await page.getByRole('button', { name: 'Add stage', exact: true }).click();
  await page.getByText('Probability: “150” is not a whole number from 0 to 100').waitFor();
  await page.getByRole('button', { name: 'Move stage Contract sent up' }).click();
  await page.goto(`${APP_URL}#/board`);
  const stages = await page.getByTestId('stage-column').evaluateAll((els) => els.map((e) => e.dataset.stage));
  assert.deepEqual(stages, ['Qualified', 'Contact made', 'Demo scheduled', 'Proposal made', 'Contract sent', 'Negotiations started']);
  await quickAddDeal(page, 'Contract sent', 'Nearly there', '1000');
  assert.match(await column(page, 'Contract sent').locator('.stage-meta').textContent(), /\$900 weighted/);
  assert.deepEqual(problems, []);
  await context.close();
});
