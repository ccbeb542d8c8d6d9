// The live dashboard and forecast: tiles and charts follow every change, periods
// change the figures, and no name ever runs as HTML in a chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, appReady, APP_URL, quickAddDeal, card, saved, seriousA11yViolations, openDemo } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const kpi = (page, id) => page.locator(`[data-testid="kpi"][data-kpi="${id}"] .kpi-value`);

/** The data of one series of a rendered chart, read from ECharts itself. */
async function seriesData(page, chart, index) {
  return page.evaluate(
    ([name, i]) => {
      const el = document.querySelector(`[data-chart="${name}"] .chart-canvas`);
      const instance = window.echarts.getInstanceByDom(el);
      return instance.getOption().series[i].data.map((d) => (typeof d === 'object' ? d.value : d));
    },
    [chart, index],
  );
}

test('winning a deal on the board shows in the win-rate tile and the won-per-month chart', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  await quickAddDeal(page, 'Proposal made', 'Will win', '4000');
  await quickAddDeal(page, 'Proposal made', 'Will lose', '1000');
  await page.goto(`${APP_URL}#/dashboard`);
  assert.equal(await kpi(page, 'win-rate').textContent(), '—');
  await page.getByText('No deal was won or lost in the last 12 months.').waitFor();
  await page.goto(`${APP_URL}#/board`);
  await card(page, 'Will win').dragTo(page.getByTestId('drop-won'));
  await card(page, 'Will lose').click();
  await page.getByRole('dialog', { name: 'Will lose' }).getByRole('button', { name: '✕ Lost' }).click();
  await page.getByLabel('Lost reason').selectOption('Price');
  await page.getByRole('button', { name: 'Mark as lost' }).click();
  await page.goto(`${APP_URL}#/dashboard`);
  assert.equal(await kpi(page, 'win-rate').textContent(), '50.0 %');
  assert.equal(await kpi(page, 'win-loss').textContent(), '1 : 1');
  assert.equal(await kpi(page, 'avg-deal-size').textContent(), '$4K');
  await page.locator('[data-chart="won-lost"] .chart-canvas').waitFor();
  const won = await seriesData(page, 'won-lost', 0);
  const lost = await seriesData(page, 'won-lost', 1);
  assert.equal(won.length, 12);
  assert.equal(won[11], 1, 'won this month');
  assert.equal(lost[11], 1, 'lost this month');
  assert.deepEqual(await seriesData(page, 'lost-reasons', 0), [1]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('changing the period changes the tiles; every chart draws or says why not', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/dashboard`);
  await appReady(page, { firstRun: 'demo' });
  const tiles = async () => page.getByTestId('kpi').evaluateAll((els) => els.map((e) => e.querySelector('.kpi-value').textContent));
  const ninety = await tiles();
  assert.equal(ninety.length, 8);
  assert.ok(ninety.every((v) => v !== '—'), `demo data gives every tile a value: ${ninety}`);
  await page.getByLabel('Period').selectOption('year');
  await page.waitForFunction((before) => {
    const now = [...document.querySelectorAll('[data-testid="kpi"] .kpi-value')].map((e) => e.textContent);
    return now.join('|') !== before.join('|');
  }, ninety);
  await page.getByLabel('Period').selectOption('custom');
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  assert.equal(await kpi(page, 'win-rate').textContent(), '—', 'nothing closed in 2020');
  await page.getByLabel('Period').selectOption('90');
  for (const name of ['funnel', 'won-lost', 'revenue', 'lost-reasons', 'time-in-stage', 'lead-sources']) {
    const canvas = page.locator(`[data-chart="${name}"] canvas`);
    await canvas.first().waitFor();
  }
  assert.ok((await page.getByTestId('needs-attention').locator('li').count()) >= 3);
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('charts updated in place show what the same charts built fresh show', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/dashboard');
  const charts = ['funnel', 'won-lost', 'revenue', 'lost-reasons', 'time-in-stage', 'lead-sources'];
  for (const name of charts) await page.locator(`[data-chart="${name}"] canvas`).first().waitFor();
  // What ECharts holds for each chart: series (type, name, data) and category labels.
  const drawnOptions = () => page.evaluate((names) => names.map((name) => {
    const o = window.echarts.getInstanceByDom(document.querySelector(`[data-chart="${name}"] .chart-canvas`)).getOption();
    return {
      series: o.series.map((s) => ({ type: s.type, name: s.name, data: s.data.map((d) => (typeof d === 'object' ? d.value : d)) })),
      categories: [...(o.xAxis ?? []), ...(o.yAxis ?? [])].map((a) => a.data ?? null),
    };
  }), charts);
  const updated = () => page.evaluate(() => [...document.querySelectorAll('.chart-canvas')].map((c) => c.dataset.updated).join());
  const before = await drawnOptions();
  const handled = await updated();
  // The period changes the charts' figures; each chart takes them in place.
  await page.getByLabel('Period').selectOption('year');
  await page.waitForFunction((h) => [...document.querySelectorAll('.chart-canvas')].map((c) => c.dataset.updated).join() !== h, handled);
  await page.waitForTimeout(300);
  assert.notDeepEqual(await drawnOptions(), before, 'a year differs from 90 days');
  // Back to 90 days, in place: the same as the charts first built for 90 days.
  const again = await updated();
  await page.getByLabel('Period').selectOption('90');
  await page.waitForFunction((h) => [...document.querySelectorAll('.chart-canvas')].map((c) => c.dataset.updated).join() !== h, again);
  await page.waitForTimeout(300);
  assert.deepEqual(await drawnOptions(), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('another tab\'s change updates the dashboard without a reload', async () => {
  const { context, page: board, problems } = await openPage(app.browser);
  await board.goto(`${APP_URL}#/board`);
  await appReady(board);
  await quickAddDeal(board, 'Qualified', 'Remote win', '2000');
  await saved(board);
  const dash = await context.newPage();
  await dash.goto(`${APP_URL}#/dashboard`);
  await appReady(dash);
  assert.equal(await kpi(dash, 'win-rate').textContent(), '—');
  await card(board, 'Remote win').dragTo(board.getByTestId('drop-won'));
  await dash.waitForFunction(() => document.querySelector('[data-kpi="win-rate"] .kpi-value').textContent === '100.0 %', null, { timeout: 2000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('stage, deal and reason names made of HTML never run in charts, tooltips or legends', async () => {
  const evil = '<img src=x onerror=alert(1)>';
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  await page.getByLabel('Name of stage Qualified').fill(evil);
  await page.getByRole('button', { name: 'Save stages' }).click();
  await page.getByLabel('Lost reasons (one per line)').fill(`${evil}\nPrice`);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.goto(`${APP_URL}#/board`);
  for (const [title, won] of [[evil, true], ['Second', false]]) {
    await quickAddDeal(page, evil, title, '1000');
    if (won) {
      await card(page, title).dragTo(page.getByTestId('drop-won'));
    } else {
      await card(page, title).dragTo(page.getByTestId('drop-lost'));
      await page.getByLabel('Lost reason').selectOption(evil);
      await page.getByRole('button', { name: 'Mark as lost' }).click();
    }
  }
  await page.goto(`${APP_URL}#/dashboard`);
  // Every chart is drawn (none skipped), and the names reach ECharts as text: the
  // payload is read back, literally, from the texts the chart painted — its axis labels
  // or legend, then its tooltip.
  for (const name of ['funnel', 'lost-reasons', 'time-in-stage', 'won-lost']) {
    await page.locator(`[data-chart="${name}"] .chart-canvas[data-drawn]`).waitFor({ timeout: 20000 });
  }
  const painted = (name) =>
    page.evaluate((name) => {
      const chart = window.echarts.getInstanceByDom(document.querySelector(`[data-chart="${name}"] .chart-canvas`));
      chart.getZr().flush();
      return chart.getZr().storage.getDisplayList(true, true).map((e) => e.style?.text).filter((t) => typeof t === 'string');
    }, name);
  for (const name of ['funnel', 'lost-reasons', 'time-in-stage']) {
    const before = (await painted(name)).filter((t) => t.includes(evil)).length;
    assert.ok(before >= 1, `${name}: the name is painted as text (${JSON.stringify(await painted(name))})`);
    // The lost-reasons bars show their tooltip on a real hover only; the axis charts
    // show it for the first category on request, asked for at the middle of its row (a
    // bar's own point can lie on the plot's edge, where no tooltip is shown).
    if (name === 'lost-reasons') continue;
    await page.evaluate((name) => {
      const chart = window.echarts.getInstanceByDom(document.querySelector(`[data-chart="${name}"] .chart-canvas`));
      const plot = chart.getModel().getComponent('grid').coordinateSystem.getRect();
      const y = chart.convertToPixel({ yAxisIndex: 0 }, 0);
      chart.dispatchAction({ type: 'showTip', x: plot.x + plot.width / 2, y });
    }, name);
    await page.waitForFunction(
      ([name, evil, before]) => {
        const chart = window.echarts.getInstanceByDom(document.querySelector(`[data-chart="${name}"] .chart-canvas`));
        chart.getZr().flush();
        const texts = chart.getZr().storage.getDisplayList(true, true).map((e) => e.style?.text).filter((t) => typeof t === 'string');
        return texts.filter((t) => t.includes(evil)).length > before;
      },
      [name, evil, before],
      { timeout: 5000 },
    );
  }
  await page.goto(`${APP_URL}#/forecast`);
  await page.locator('[data-testid="chart"] .chart-canvas[data-drawn]').first().waitFor({ timeout: 20000 });
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(problems, []); // an alert() would be recorded as an unexpected dialog
  await context.close();
});

test('the forecast board moves a deal to another month by drag and drop', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/forecast`);
  await appReady(page, { firstRun: 'demo' });
  const columns = page.getByTestId('month-column');
  const first = columns.nth(1);
  const target = columns.nth(3);
  const title = await first.getByTestId('forecast-card').first().getAttribute('data-deal');
  const month = await target.getAttribute('data-month');
  // Aim at the column header, level with the first card, so no scrolling happens mid-drag.
  await first.getByTestId('forecast-card').first().dragTo(target, { targetPosition: { x: 40, y: 12 } });
  await target.locator(`[data-deal="${title.replace(/"/g, '\\"')}"]`).waitFor();
  await page.locator(`[data-testid="forecast-card"][data-deal="${title.replace(/"/g, '\\"')}"]`).first().click();
  const date = await page.getByRole('dialog').getByLabel('Expected close').inputValue();
  assert.ok(date.startsWith(month), `${date} is in ${month}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the forecast covers all pipelines or the one chosen', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/settings');
  await page.getByLabel('New pipeline name').fill('Partners');
  await page.getByRole('button', { name: 'Add pipeline' }).click();
  await page.getByRole('link', { name: 'Forecast', exact: true }).click();
  const weighted = page.locator('.kpi', { hasText: 'Weighted, next 6 months' }).locator('.kpi-value');
  const all = await weighted.textContent();
  assert.notEqual(all, '$0');
  const choose = page.getByRole('combobox', { name: 'Pipeline' });
  await choose.selectOption({ label: 'Partners' });
  await page.waitForFunction(() => document.querySelector('.kpi .kpi-value')?.textContent === '$0');
  assert.equal(await page.getByTestId('forecast-card').count(), 0, 'the new pipeline has no deals');
  await choose.selectOption({ label: 'All pipelines' });
  await page.waitForFunction((text) => document.querySelector('.kpi .kpi-value')?.textContent === text, all);
  assert.ok((await page.getByTestId('forecast-card').count()) > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a chart saved as PNG carries its title, the workspace and the day above the drawing', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/dashboard');
  const chart = page.locator('[data-testid="chart"]').filter({ has: page.locator('.chart-canvas[data-drawn]') }).first();
  await chart.waitFor();
  const title = await chart.locator('.chart-title').textContent();
  const canvas = await chart.locator('.chart-canvas').boundingBox();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    chart.getByRole('button', { name: `Save PNG of the ${title} chart` }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^pipewright-[a-z-]+\.png$/);
  const { readFile } = await import('node:fs/promises');
  const png = await readFile(await download.path());
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  // IHDR: width and height at bytes 16 and 20. Twice the drawing's size, plus the heading.
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  assert.ok(Math.abs(width - 2 * canvas.width) <= 2, `width ${width} for ${canvas.width}`);
  assert.ok(Math.abs(height - (2 * canvas.height + 120)) <= 2, `height ${height} for ${canvas.height}`);
  // The heading's pixels are not all background: the title is drawn there.
  const inked = await page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, 120];
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, 120).data;
    const [r, g, b] = data;
    let differ = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 60) differ++;
    return differ;
  }, `data:image/png;base64,${png.toString('base64')}`);
  assert.ok(inked > 200, `the heading has text (${inked} inked pixels)`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the forecast shows both methods side by side, and the one chosen feeds the totals and the main chart', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/forecast');
  const methods = page.getByTestId('forecast-methods');
  await methods.getByTestId('learned-status').getByText(/Learned from [\d,]+ deals closed in the last 12 months/).waitFor();
  // Six months, each with a figure from both methods, and both backtest errors.
  assert.equal(await methods.locator('tbody tr').count(), 6);
  for (const method of ['weighted', 'learned']) {
    const figures = await methods.locator(`tbody td[data-method="${method}"]`).allTextContents();
    assert.ok(figures.every((f) => /^\$[\d,.]+$/.test(f)), `${method}: ${figures}`);
    assert.match(await methods.getByTestId('backtest-errors').locator(`[data-method="${method}"]`).textContent(), /^\d+\.\d %$/);
  }
  // The learned figure's likely range each month, and how often it held in the backtest.
  const ranges = await methods.locator('tbody td[data-method="learned-range"]').allTextContents();
  assert.ok(ranges.every((r) => /^\$[\d.,]+[KM]? – \$[\d.,]+[KM]?$/.test(r)), `ranges: ${ranges}`);
  assert.match(await methods.getByTestId('backtest-errors').locator('[data-method="learned-range"]').textContent(), /^[0-6] of [1-6] months inside$/);
  // Beside it, the error chance alone would cost even a forecast that knew every chance.
  assert.match(await methods.getByTestId('chance-alone').locator('[data-method="learned"]').textContent(), /^\d+\.\d %$/);
  assert.equal(await kpi(page, 'forecast-weighted').count(), 1);
  assert.deepEqual(await seriousA11yViolations(page), []);
  await methods.getByLabel('Learned from history').check();
  await kpi(page, 'forecast-learned').waitFor();
  assert.equal(await kpi(page, 'forecast-weighted').count(), 0);
  // The main chart now stacks the learned figures: open deals and deals not created yet.
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-chart="forecast"] .chart-canvas');
    const series = el && window.echarts?.getInstanceByDom(el)?.getOption().series;
    return series?.some((s) => s.name === 'Open deals (learned)');
  }, null, { timeout: 10000 });
  // The choice is kept with the workspace.
  await saved(page);
  await page.goto(`${APP_URL}#/dashboard`);
  await page.goto(`${APP_URL}#/forecast`);
  await page.reload();
  await appReady(page, { firstRun: false });
  await kpi(page, 'forecast-learned').waitFor();
  assert.ok(await page.getByTestId('forecast-methods').getByLabel('Learned from history').isChecked());
  assert.deepEqual(problems, []);
  await context.close();
});
