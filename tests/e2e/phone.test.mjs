// A phone (390×844, touch): nothing wider than the screen, lists as readable stacked
// rows, the bottom navigation reaching every page, one board stage at a time, panels
// over the whole screen, and no serious accessibility violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, appReady, APP_URL, seriousA11yViolations } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const PHONE = { width: 390, height: 844 };
const PAGES = ['board', 'deals', 'leads', 'activities', 'organizations', 'dashboard', 'forecast', 'settings'];

async function openPhone(route, viewport = PHONE) {
  const opened = await openPage(app.browser, { viewport, touch: true });
  await opened.page.goto(`${APP_URL}?scenario=demo${route}`);
  await appReady(opened.page, { firstRun: false });
  return opened;
}

/** Long-presses at `from`, carries the card to the board's right edge until the board
 *  turns, then over the next column (`over` shows it marked), and lifts the finger. */
async function carryToNextColumn(page, touch, [x, y], over) {
  await touch('touchStart', [{ x, y }]);
  await page.waitForTimeout(700);
  await touch('touchMove', [{ x: x + 4, y: y + 30 }]);
  await page.locator('.deal-card.touch-carried').waitFor();
  const board = page.locator('.board').filter({ has: page.locator('.touch-carried') });
  for (let i = 0; i < 6 && (await board.evaluate((b) => b.scrollLeft)) < 100; i++) {
    await touch('touchMove', [{ x: 385, y: y + 30 + i }]);
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(400);
  await touch('touchMove', [{ x: 195, y: y + 60 }]);
  await page.locator(over).waitFor();
  await touch('touchEnd', []);
}

const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('no page scrolls sideways at 360 or 390 px wide', async () => {
  for (const viewport of [{ width: 360, height: 740 }, PHONE]) {
    const { context, page, problems } = await openPhone('#/board', viewport);
    for (const name of PAGES) {
      await page.goto(`${APP_URL}#/${name}`);
      await page.locator('h1').first().waitFor();
      await page.waitForTimeout(150);
      assert.equal(await sideways(page), 0, `#/${name} at ${viewport.width} px scrolls sideways`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('list rows show their whole title on at most three lines, with the rest below', async () => {
  const { context, page, problems } = await openPhone('#/deals');
  for (const [route, row] of [['#/deals', 'deal-row'], ['#/leads', 'lead-row'], ['#/organizations', 'organization-row']]) {
    await page.goto(`${APP_URL}${route}`);
    const first = page.getByTestId(row).first();
    await first.waitFor();
    const lines = await first.locator('.title-cell .link-button').evaluate((el) => {
      const style = getComputedStyle(el);
      return Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight || '20'));
    });
    assert.ok(lines >= 1 && lines <= 3, `${route}: the title takes ${lines} lines`);
    const [title, row_] = await Promise.all([first.locator('.title-cell').boundingBox(), first.boundingBox()]);
    assert.ok(title.width > row_.width * 0.7, `${route}: the title has the row's width (${title.width} of ${row_.width})`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the add-lead form waits behind "New lead" and the filters behind "Filters", so the list starts on the first screen', async () => {
  const { context, page, problems } = await openPhone('#/leads');
  const toggle = page.getByRole('button', { name: 'New lead' });
  await toggle.waitFor();
  assert.equal(await page.getByLabel('Lead name').isVisible(), false);
  // Its filters beside the search fold away too, as the deals' do.
  assert.equal(await page.getByLabel('Filter by status').isVisible(), false);
  assert.equal((await page.getByRole('button', { name: /^Filters/ }).textContent()).trim(), 'Filters');
  const firstRow = await page.getByTestId('lead-row').first().boundingBox();
  // With the form open it was at about 680 px, its details behind the bottom bar.
  assert.ok(firstRow.y < 560, `the first lead is well inside the first screen (at ${firstRow.y} px)`);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.getByLabel('Lead name').fill('Ines Ortega');
  await page.getByRole('button', { name: 'Add lead', exact: true }).click();
  await page.getByRole('dialog', { name: 'Ines Ortega' }).waitFor();
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the deals\' filters fold behind "Filters", which counts those in use', async () => {
  const { context, page, problems } = await openPhone('#/deals');
  const toggle = page.getByRole('button', { name: /^Filters/ });
  await toggle.waitFor();
  assert.equal(await page.getByLabel('Status').isVisible(), false);
  assert.ok(await page.getByLabel('Search deals').isVisible());
  const firstRow = await page.getByTestId('deal-row').first().boundingBox();
  // With every filter in view it was at about 600 px.
  assert.ok(firstRow.y < 480, `the first deal is well inside the first screen (at ${firstRow.y} px)`);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.getByLabel('Status').selectOption('open');
  await page.getByRole('checkbox', { name: 'Rotting' }).check();
  assert.equal((await toggle.textContent()).trim(), 'Filters (2)');
  assert.match(await page.getByTestId('deal-count').textContent(), /^\d+ deals? · /);
  await toggle.click();
  assert.equal(await page.getByLabel('Status').isVisible(), false);
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the board\'s filters fold behind "Filters", and its hint says how a finger moves a card', async () => {
  const { context, page, problems } = await openPhone('#/board');
  const toggle = page.getByRole('button', { name: /^Filters/ });
  await toggle.waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Rotting only' }).isVisible(), false);
  assert.ok(await page.getByText('Press and hold a card to carry it to another stage').isVisible());
  assert.equal(await page.getByText(/press Shift\+→/).isVisible(), false);
  await toggle.click();
  await page.getByRole('checkbox', { name: 'Rotting only' }).check();
  assert.equal((await toggle.textContent()).trim(), 'Filters (1)');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the two forecasts stack month by month, every figure in view and named', async () => {
  const { context, page, problems } = await openPhone('#/forecast');
  const methods = page.getByTestId('forecast-methods');
  await methods.getByTestId('learned-status').getByText(/Learned from/).waitFor();
  const december = methods.locator('tbody tr').first();
  await december.scrollIntoViewIfNeeded();
  const screen = { left: 0, right: PHONE.width };
  for (const method of ['weighted', 'learned', 'learned-range']) {
    const cell = december.locator(`td[data-method="${method}"]`);
    const box = await cell.boundingBox();
    assert.ok(box.x >= screen.left && box.x + box.width <= screen.right, `${method} is in view: ${JSON.stringify(box)}`);
    // Its column's name, shown before the figure on the same line.
    const label = await cell.evaluate((el) => getComputedStyle(el, '::before').content);
    assert.match(label, /^"(Weighted|Learned|Likely range)"$/);
  }
  // One figure a line, under the month.
  const [month, weighted, learned] = await Promise.all([
    december.locator('th').boundingBox(),
    december.locator('td[data-method="weighted"]').boundingBox(),
    december.locator('td[data-method="learned"]').boundingBox(),
  ]);
  assert.ok(month.y < weighted.y && weighted.y < learned.y, 'the month, then a figure a line');
  assert.equal(await sideways(page), 0);
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the bottom bar reaches every page, the rest under More; a panel takes the whole screen', async () => {
  const { context, page, problems } = await openPhone('#/board');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const bar = await nav.boundingBox();
  assert.ok(bar.y + bar.height >= PHONE.height - 2 && bar.height <= 80, `the navigation sits at the bottom: ${JSON.stringify(bar)}`);
  for (const name of ['Deals', 'Leads', 'Activities', 'Dashboard', 'Board']) {
    await nav.getByRole('link', { name, exact: true }).tap();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.ok(page.url().endsWith(`#/${name.toLowerCase()}`), page.url());
  }
  for (const name of ['Organizations', 'Forecast', 'Settings']) {
    await nav.getByText('More', { exact: true }).tap();
    const link = nav.getByRole('link', { name, exact: true });
    await link.tap();
    await page.waitForFunction((n) => location.hash === `#/${n}`, name.toLowerCase());
    assert.equal(await link.isVisible(), false, 'the menu closes after choosing');
  }
  const header = await page.locator('.topbar').boundingBox();
  assert.ok(header.height <= 64, `the top bar is one row: ${header.height}px`);

  await nav.getByRole('link', { name: 'Board', exact: true }).tap();
  await page.getByTestId('deal-card').first().tap();
  const panel = await page.locator('.drawer').boundingBox();
  assert.equal(Math.round(panel.width), PHONE.width, 'the panel takes the whole width');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the board shows one stage at a time; the stage row names each with its figures and brings it into view', async () => {
  const { context, page, problems } = await openPhone('#/board');
  const switcher = page.getByRole('navigation', { name: 'Go to stage' });
  const chip = switcher.getByRole('button').filter({ hasText: 'Proposal made' });
  assert.match(await chip.textContent(), /Proposal made\s*\d+ · \$[\d.]+K?/);
  const column = page.locator('[data-testid="stage-column"][data-stage="Proposal made"]');
  const inView = async () => {
    const box = await column.boundingBox();
    return box.x >= 0 && box.x + box.width <= PHONE.width + 1;
  };
  assert.equal(await inView(), false, 'another stage is showing first');
  await chip.tap();
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="stage-column"][data-stage="Proposal made"]');
    const box = el.getBoundingClientRect();
    return box.x >= 0 && box.right <= window.innerWidth + 1;
  });
  const width = (await column.boundingBox()).width;
  assert.ok(width > PHONE.width * 0.85, `one column fills the screen (${width}px)`);
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.goto(`${APP_URL}#/deals`);
  await page.getByTestId('deal-row').first().waitFor();
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a tablet the top bar is two tight rows with every place in view, the board scrolls within itself with each stage header in view, and charts sit two per row', async () => {
  const { context, page, problems } = await openPhone('#/board', { width: 820, height: 1180 });
  const board = page.locator('.board');
  await page.getByTestId('deal-card').first().waitFor();
  // The top bar: two tight rows, every place in the navigation in view.
  const bar = await page.locator('.topbar').boundingBox();
  assert.ok(bar.height <= 96, `the top bar is ${bar.height} px tall`);
  const links = await page.locator('nav[aria-label="Main"] .nav-link').evaluateAll((els) =>
    els.filter((e) => e.offsetParent).map((e) => [e.textContent.trim(), e.getBoundingClientRect().right]));
  assert.ok(links.length >= 8 && links.every(([, right]) => right <= 820), `every place in view: ${JSON.stringify(links)}`);
  await board.evaluate((b) => { b.scrollTop = 600; });
  await page.waitForFunction(() => document.querySelector('.board').scrollTop > 0);
  const [boardBox, head] = await Promise.all([board.boundingBox(), page.locator('.stage-head').first().boundingBox()]);
  assert.ok(Math.abs(head.y - boardBox.y) <= 12, `the stage header stays at the top of the board (${head.y} vs ${boardBox.y})`);
  assert.equal(await sideways(page), 0);
  await page.goto(`${APP_URL}#/dashboard`);
  const charts = page.getByTestId('chart');
  await charts.nth(1).waitFor();
  const [first, second] = await Promise.all([charts.nth(0).boundingBox(), charts.nth(1).boundingBox()]);
  assert.equal(Math.round(first.y), Math.round(second.y), 'two charts on one row');
  assert.equal(await sideways(page), 0);
  // A table wider than the tablet scrolls within itself, and a keyboard reaches it.
  await page.goto(`${APP_URL}#/forecast`);
  await page.getByTestId('forecast-methods').getByTestId('learned-status').getByText(/Learned from/).waitFor();
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long press picks a card up; the finger carries it to the next stage (the board turns at its edge), and it stays there after a reload', async () => {
  const { context, page, problems } = await openPhone('#/board');
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  const card = page.locator('[data-testid="stage-column"][data-stage="Qualified"] [data-testid="deal-card"]').first();
  const title = await card.getAttribute('data-deal');
  const middle = async () => {
    const box = await card.boundingBox();
    return [box.x + box.width / 2, box.y + 20];
  };
  let [x, y] = await middle();

  // A quick swipe is a scroll, not a drag: nothing is picked up or moved.
  await touch('touchStart', [{ x, y }]);
  await touch('touchMove', [{ x, y: y - 60 }]);
  await page.waitForTimeout(600);
  assert.equal(await page.locator('.deal-card.touch-carried').count(), 0);
  await touch('touchEnd', []);
  assert.equal(await page.getByRole('button', { name: 'Nothing to undo' }).count(), 1, 'nothing changed');

  [x, y] = await middle();
  await carryToNextColumn(page, touch, [x, y], '[data-testid="stage-column"][data-stage="Contact made"].drop-over');
  const moved = page.locator(`[data-testid="stage-column"][data-stage="Contact made"] [data-deal="${title}"]`);
  await moved.waitFor();
  assert.equal(await page.locator('.drawer').count(), 0, 'a drag does not open the deal');
  await page.reload();
  await appReady(page, { firstRun: false });
  await moved.waitFor();
  assert.equal(await page.locator(`[data-testid="stage-column"][data-stage="Qualified"] [data-deal="${title}"]`).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on the forecast board a finger carries a deal to the next month', async () => {
  const { context, page, problems } = await openPhone('#/forecast');
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  const first = page.getByTestId('month-column').first();
  const second = page.getByTestId('month-column').nth(1);
  const next = await second.getAttribute('data-month');
  const card = first.getByTestId('forecast-card').first();
  await card.scrollIntoViewIfNeeded();
  const title = await card.getAttribute('data-deal');
  const there = () => second.locator(`[data-deal="${title}"]`).count();
  const before = await there();
  const box = await card.boundingBox();
  await carryToNextColumn(page, touch, [box.x + box.width / 2, box.y + 15], `[data-testid="month-column"][data-month="${next}"].drop-over`);
  await page.waitForFunction(([month, t, n]) => document.querySelectorAll(`[data-month="${month}"] [data-deal="${t}"]`).length === n, [next, title, before + 1]);
  await page.getByRole('button', { name: 'Undo: Change expected close date (Ctrl+Z)' }).waitFor({ state: 'attached' });
  assert.deepEqual(problems, []);
  await context.close();
});
