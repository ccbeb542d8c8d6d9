// The Activities page as a rep meets it: today, overdue and upcoming for the team or one
// member; a call already made logged in one step from a deal; a meeting planned with a
// time, duration and assignee, then found and done in the week calendar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openDemo, openFresh, APP_URL, quickAddDeal, card } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const iso = (days) => new Date(Date.now() + days * 86400000 - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

test('the demo team’s activities by when they are due, filtered by owner and type', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/activities');
  await page.getByRole('heading', { level: 1, name: 'Activities' }).waitFor();
  const rows = page.getByTestId('agenda-row');
  await rows.first().waitFor();
  const all = await rows.count();
  assert.ok(all > 10, `the demo has activities: ${all}`);
  for (const section of ['overdue', 'today', 'upcoming', 'done']) {
    await page.locator(`[data-testid="agenda-section"][data-section="${section}"]`).waitFor();
  }
  // One member: every row is theirs, and fewer than the team's.
  const owner = await page.getByLabel('Owner').locator('option').nth(1).textContent();
  await page.getByLabel('Owner').selectOption({ label: owner });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="agenda-row"]').length < n, all);
  const owners = await page.locator('[data-testid="agenda-row"] .agenda-owner').allTextContents();
  assert.ok(owners.length > 0 && owners.every((o) => o === owner), `${owner}: ${[...new Set(owners)]}`);
  await page.getByLabel('Type').selectOption({ label: 'Call' });
  const kinds = await page.locator('[data-testid="agenda-row"] .agenda-kind').allTextContents();
  assert.ok(kinds.every((k) => k === 'Call'), String(new Set(kinds)));
  // A row's "Done" completes it; it moves to the done section.
  await page.getByLabel('Owner').selectOption({ label: 'Whole team' });
  const open = page.locator('[data-section="overdue"] [data-testid="agenda-row"]').first();
  const subject = await open.getAttribute('data-activity');
  const overdueBefore = await page.locator('[data-section="overdue"] [data-testid="agenda-row"]').count();
  await open.getByRole('button', { name: /^Mark .* done$/ }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-section="overdue"] [data-testid="agenda-row"]').length === n - 1, overdueBefore);
  await page.locator(`[data-section="done"] [data-activity="${subject}"]`).first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a call already made is logged from the deal in one step; a meeting is planned, seen in the week and done there', async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/board');
  await quickAddDeal(page, 'Qualified', 'Acme renewal', '5000');
  await card(page, 'Acme renewal').click();
  const panel = page.getByRole('dialog', { name: 'Acme renewal' });
  // Bad input is named, nothing is added.
  await panel.getByLabel('Activity subject').fill('Offsite');
  await panel.getByLabel('Duration in minutes').fill('2000');
  await panel.getByRole('button', { name: 'Add activity' }).click();
  await panel.getByRole('alert').filter({ hasText: '1 to 1,440 minutes' }).waitFor();
  await panel.getByLabel('Duration in minutes').fill('');
  await panel.getByLabel('Due date').fill(iso(3));
  await panel.getByLabel('Already done').check();
  await panel.getByRole('button', { name: 'Log activity' }).click();
  await panel.getByRole('alert').filter({ hasText: 'logged as done happened on or before today' }).waitFor();
  assert.equal(await panel.getByTestId('activity-row').count(), 0);
  // Logged after the fact: yesterday's call, done in one step.
  await panel.getByLabel('Activity subject').fill('Called about budget');
  await panel.getByLabel('Due date').fill(iso(-1));
  await panel.getByRole('button', { name: 'Log activity' }).click();
  await panel.getByTestId('activity-row').filter({ hasText: 'Called about budget' }).filter({ hasText: `done ${iso(-1)}` }).waitFor();
  // Planned: a meeting in two days at 14:30 for 45 minutes.
  await panel.getByLabel('Activity type').selectOption('Meeting');
  await panel.getByLabel('Activity subject').fill('Contract walkthrough');
  await panel.getByLabel('Due date').fill(iso(2));
  await panel.getByLabel('Time').fill('14:30');
  await panel.getByLabel('Duration in minutes').fill('45');
  await panel.getByRole('button', { name: 'Add activity' }).click();
  await panel.getByTestId('activity-row').filter({ hasText: 'Contract walkthrough' }).filter({ hasText: '45 min' }).waitFor();
  await panel.getByRole('link', { name: 'All activities →' }).click();
  await page.getByRole('heading', { level: 1, name: 'Activities' }).waitFor();
  const planned = page.locator('[data-section="upcoming"] [data-activity="Contract walkthrough"]');
  await planned.waitFor();
  assert.match(await planned.textContent(), /14:30 · 45 min/);
  await page.locator('[data-section="done"] [data-activity="Called about budget"]').waitFor();
  // The week holding the meeting shows it on its day; Done there completes it.
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  const day = page.locator(`[data-testid="week-day"][data-day="${iso(2)}"]`);
  if (!(await day.count())) await page.getByRole('button', { name: 'Next week →' }).click();
  const item = day.locator('[data-activity="Contract walkthrough"]');
  await item.waitFor();
  await item.getByRole('button', { name: 'Mark “Contract walkthrough” done' }).click();
  await page.waitForFunction((d) => document.querySelector(`[data-day="${d}"] [data-activity="Contract walkthrough"]`)?.classList.contains('done'), iso(2));
  // The link on a row opens the deal it is about.
  await page.getByRole('button', { name: 'List', exact: true }).click();
  await page.locator('[data-section="done"] [data-activity="Called about budget"]').getByRole('button', { name: 'Acme renewal' }).click();
  await page.getByRole('dialog', { name: 'Acme renewal' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
