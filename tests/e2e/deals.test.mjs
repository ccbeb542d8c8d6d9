// The deals list: every deal (open, won, lost), sorted, filtered, paged, titles as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openFresh, APP_URL, quickAddDeal, card, seriousA11yViolations, openDemo } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const freshBoard = () => openFresh(app.browser, '#/board');

test('the deals list shows open, won and lost deals, sorts, filters and renders titles as text', async () => {
  const { context, page, problems } = await freshBoard();
  const evil = '<img src=x onerror=alert(1)>';
  await quickAddDeal(page, 'Qualified', 'Zeta', '100');
  await quickAddDeal(page, 'Qualified', 'Alpha', '300');
  await quickAddDeal(page, 'Qualified', evil, '200');
  await card(page, 'Alpha').click();
  await page.getByRole('dialog', { name: 'Alpha' }).getByRole('button', { name: '✓ Won' }).click();
  await page.goto(`${APP_URL}#/deals`);
  await page.getByTestId('deal-row').first().waitFor();
  const titles = () => page.getByTestId('deal-row').evaluateAll((rows) => rows.map((r) => r.dataset.deal));
  assert.deepEqual(await titles(), [evil, 'Alpha', 'Zeta']);
  await page.getByRole('button', { name: 'Value' }).click();
  assert.deepEqual(await titles(), ['Zeta', evil, 'Alpha']);
  await page.getByRole('button', { name: 'Value' }).click();
  assert.deepEqual(await titles(), ['Alpha', evil, 'Zeta']);
  await page.getByLabel('Status').selectOption('won');
  assert.deepEqual(await titles(), ['Alpha']);
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Search deals').fill('zet');
  assert.deepEqual(await titles(), ['Zeta']);
  await page.getByLabel('Search deals').fill('');
  assert.equal(await page.getByRole('button', { name: evil }).textContent(), evil);
  await page.getByRole('button', { name: evil }).click();
  assert.equal(await page.getByRole('dialog', { name: evil }).locator('h2').textContent(), evil);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the owner filter shows one owner\'s open deals, the same ones the deals list counts', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/board');
  const total = async () => Number((await page.getByTestId('board-total').textContent()).match(/^(\d+) deals?/)[1]);
  const everyone = await total();
  await page.getByRole('combobox', { name: 'Owner' }).selectOption('Ana Silva');
  const ana = await total();
  assert.ok(ana > 0 && ana < everyone, `${ana} of ${everyone}`);
  assert.equal(await page.getByTestId('deal-card').count(), ana);
  await page.getByRole('link', { name: 'Deals', exact: true }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('open');
  await page.getByRole('combobox', { name: 'Owner' }).selectOption('Ana Silva');
  // The board shows one pipeline; the list, every pipeline until one is chosen.
  const allPipelines = Number((await page.getByTestId('deal-count').textContent()).match(/^(\d+) deals?/)[1]);
  assert.ok(allPipelines >= ana, `${allPipelines} open deals of Ana in every pipeline, ${ana} on the Sales board`);
  await page.getByRole('combobox', { name: 'Pipeline' }).selectOption({ label: 'Sales' });
  assert.match(await page.getByTestId('deal-count').textContent(), new RegExp(`^${ana} deals? ·`));
  assert.deepEqual(problems, []);
  await context.close();
});

test('long lists show a page of rows and say how many more there are', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/deals');
  const rows = page.getByTestId('deal-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 200);
  await page.getByRole('button', { name: 'Show more (100 not shown)' }).click();
  assert.equal(await rows.count(), 300);
  assert.equal(await page.getByRole('button', { name: /^Show more/ }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the filtered list exports only the deals it shows', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/deals');
  await page.getByLabel('Status').selectOption('won');
  const shown = Number((await page.getByTestId('deal-count').textContent()).match(/^([\d,]+) deal/)[1].replace(/,/g, ''));
  assert.ok(shown > 0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Export these ${shown} deals (CSV)` }).click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
  const status = lines[0].split(',').indexOf('Status');
  assert.ok(status >= 0, lines[0]);
  assert.equal(lines.length - 1, shown);
  // Titles hold no commas in the demo, so a plain split finds the column.
  assert.ok(lines.slice(1).every((l) => l.split(',')[status] === 'won'), 'only won deals');
  assert.deepEqual(problems, []);
  await context.close();
});

test('filters live in the address: a reload, a shared link and Back keep them; a bad one is named', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/deals');
  const countText = () => page.getByTestId('deal-count').textContent();
  const all = await countText();
  await page.getByLabel('Status').selectOption('won');
  const owner = await page.getByLabel('Owner').locator('option').nth(1).textContent();
  await page.getByLabel('Owner').selectOption({ label: owner });
  await page.waitForFunction(() => /owner=/.test(location.hash));
  const filtered = await countText();
  assert.notEqual(filtered, all);
  assert.match(page.url(), /#\/deals\?status=won&owner=/);
  // Reloaded: the same list, and the controls say which filters are on.
  await page.reload();
  await page.getByTestId('deal-count').waitFor();
  await page.waitForFunction((t) => document.querySelector('[data-testid="deal-count"]')?.textContent === t, filtered);
  assert.equal(await page.getByLabel('Status').inputValue(), 'won');
  assert.equal(await page.getByLabel('Owner').inputValue(), owner);
  // To the board and Back: the filtered list again.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Board', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Board' }).waitFor();
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector('[data-testid="deal-count"]')?.textContent === t, filtered);
  // A link with a value that cannot be read says so and shows the rest.
  const shared = page.url().replace(/#.*$/, '#/deals?status=maybe');
  const other = await context.newPage();
  await other.goto(shared);
  await other.getByText('The filter status=“maybe” in the address was not understood and is left out.').waitFor();
  await other.waitForFunction((t) => document.querySelector('[data-testid="deal-count"]')?.textContent === t, all);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an open deal lives in the address: reload and a shared link open it, Back closes it, Forward opens it again', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/deals');
  await page.getByLabel('Status').selectOption('won');
  await page.waitForFunction(() => /status=won/.test(location.hash));
  const row = page.getByTestId('deal-row').first();
  const title = await row.getAttribute('data-deal');
  await row.getByRole('button', { name: title, exact: true }).click();
  const panel = page.getByRole('dialog', { name: title });
  await panel.waitFor();
  await page.waitForFunction(() => /status=won&deal=\d+/.test(location.hash));
  const address = page.url();
  // Reloaded: the filter and the panel both come back.
  await page.reload();
  await panel.waitFor();
  assert.equal(await page.getByLabel('Status').inputValue(), 'won');
  // Back closes the panel and keeps the filter; Forward opens it again.
  await page.goBack();
  await panel.waitFor({ state: 'detached' });
  assert.match(page.url(), /#\/deals\?status=won$/);
  await page.goForward();
  await panel.waitFor();
  // Closing with ✕ steps back too: the address no longer names the deal.
  await panel.getByRole('button', { name: 'Close deal panel' }).click();
  await panel.waitFor({ state: 'detached' });
  await page.waitForFunction(() => !/deal=/.test(location.hash));
  // A link to it opens the deal in another tab; a link to a deleted deal says so.
  const other = await context.newPage();
  await other.goto(address);
  await other.getByRole('dialog', { name: title }).waitFor();
  const stale = await context.newPage();
  await stale.goto(address.replace(/deal=\d+/, 'deal=987654321'));
  await stale.getByText('The deal in this address does not exist (it may have been deleted).').waitFor();
  assert.equal(await stale.locator('#deal-panel-title').count(), 0);
  assert.ok(!/deal=/.test(new URL(stale.url()).hash), 'the address no longer names it');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"and N more in Deals" on the dashboard opens the list of exactly those deals', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/dashboard');
  const more = page.getByRole('link', { name: /^and \d+ more in Deals$/ }).first();
  await more.waitFor();
  const n = Number((await more.textContent()).match(/\d+/)[0]);
  await more.click();
  await page.getByTestId('only-ids').waitFor();
  assert.match(await page.getByTestId('only-ids').textContent(), new RegExp(`Only the ${n} deals? named on the dashboard`));
  assert.match(await page.getByTestId('deal-count').textContent(), new RegExp(`^${n} deals? · `));
  await page.getByRole('button', { name: 'Show all deals' }).click();
  await page.getByTestId('only-ids').waitFor({ state: 'detached' });
  assert.doesNotMatch(page.url(), /ids=/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('saved views: the current filters under a name, applied again in one click, kept after a reload', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/deals');
  const countText = () => page.getByTestId('deal-count').textContent();
  const all = await countText();
  await page.getByLabel('Status').selectOption('lost');
  await page.waitForFunction((t) => document.querySelector('[data-testid="deal-count"]').textContent !== t, all);
  const lost = await countText();
  await page.getByLabel('View name').fill('Lost deals');
  await page.getByRole('button', { name: 'Save view', exact: true }).click();
  await page.locator('[data-testid="saved-view"][data-view="Lost deals"]').waitFor();
  // The same name again is refused with a reason.
  await page.getByLabel('View name').fill('lost DEALS');
  await page.getByRole('button', { name: 'Save view', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'exists already' }).waitFor();
  await page.getByLabel('Status').selectOption('');
  await page.waitForFunction((t) => document.querySelector('[data-testid="deal-count"]').textContent === t, all);
  await page.reload();
  await page.getByRole('button', { name: 'Lost deals', exact: true }).click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="deal-count"]').textContent === t, lost);
  assert.equal(await page.getByLabel('Status').inputValue(), 'lost');
  assert.match(page.url(), /status=lost/);
  await page.getByRole('button', { name: 'Delete the view “Lost deals”' }).click();
  await page.locator('[data-testid="saved-view"]').first().waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('bulk select: change owner, move, lose with a reason, export and delete several deals at once, each one undo step', async () => {
  const { context, page, problems } = await freshBoard();
  for (const title of ['Bulk A', 'Bulk B', 'Bulk C', 'Other D']) await quickAddDeal(page, 'Qualified', title, '1000');
  await page.goto(`${APP_URL}#/deals?status=open`);
  const row = (title) => page.locator(`[data-testid="deal-row"][data-deal="${title}"]`);
  const bar = page.getByTestId('bulk-bar');
  assert.equal(await bar.count(), 0, 'no bar without a selection');
  await page.getByLabel('Select all 4 deals in the list').check();
  await bar.getByText('4 deals selected').waitFor();
  await page.getByLabel('Select Other D').uncheck();
  await bar.getByText('3 deals selected').waitFor();

  await bar.getByLabel('Move to stage').selectOption({ label: 'Demo scheduled' });
  await bar.getByRole('button', { name: 'Move' }).click();
  await page.getByText('Move 3 deals to Demo scheduled: done.', { exact: false }).waitFor();
  for (const title of ['Bulk A', 'Bulk B', 'Bulk C']) assert.match(await row(title).textContent(), /Demo scheduled/);
  assert.match(await row('Other D').textContent(), /Qualified/);

  // Lost needs a reason: refused for each, with why; then with one, the open list drops them.
  await bar.getByRole('button', { name: 'Mark lost' }).click();
  await page.getByText('3 left as they are: a lost deal needs a reason (3)').waitFor();
  await bar.getByLabel('Lost reason').selectOption('Price');
  await bar.getByRole('button', { name: 'Mark lost' }).click();
  await row('Bulk A').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('deal-row').count(), 1);
  assert.equal(await bar.count(), 0, 'nothing selected is listed any more');
  // One undo brings all three back, open.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+z');
  await row('Bulk C').waitFor();
  assert.equal(await page.getByTestId('deal-row').count(), 4);

  // Export only the selection.
  await bar.getByText('3 deals selected').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), bar.getByRole('button', { name: 'Export selected (CSV)' }).click()]);
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
  assert.equal(lines.length - 1, 3);
  assert.ok(!lines.some((l) => l.includes('Other D')));

  // Delete asks once more, then removes the three; undo restores them.
  await bar.getByRole('button', { name: 'Delete' }).click();
  await bar.getByRole('button', { name: 'Click again to delete 3 deals' }).click();
  await row('Bulk B').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('deal-row').count(), 1);
  await page.keyboard.press('Control+z');
  await row('Bulk B').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
