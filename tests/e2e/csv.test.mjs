// CSV import with preview and per-row errors; 10,000 rows with progress; export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, openPage, appReady, APP_URL, card, column } from './harness.mjs';

let app;
let dir;
before(async () => {
  app = await startApp();
  dir = await mkdtemp(join(tmpdir(), 'pw-csv-'));
});
after(async () => {
  await app?.close();
});

test('a Pipedrive export previews its bad rows by line, imports the rest, and nothing changes before', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const file = join(dir, 'pipedrive.csv');
  await writeFile(
    file,
    '\uFEFFDeal - Title;Deal - Value;Deal - Stage;Deal - Organization;Deal - Expected close date\n' +
      '"Acme; the big one";"12.500,00";Demo scheduled;"Acme\nInc";2026-12-01\n' +
      'Broken value;abc;Qualified;X;\n' +
      'Unknown date;100;Qualified;Y;someday\n',
  );
  await page.getByLabel('Import CSV…').setInputFiles(file);
  const preview = page.getByTestId('csv-preview');
  await preview.waitFor();
  assert.equal(await preview.getByLabel('Field for column Deal - Value').inputValue(), 'Value');
  assert.match(await page.getByTestId('csv-summary').textContent(), /1 row ready, 2 with problems/);
  await preview.getByText('Line 4: value: “abc” is not a number').waitFor();
  await preview.getByText('Line 5: expected close: “someday” is not a date written year first').waitFor();
  await page.goto(`${APP_URL}#/board`);
  assert.equal(await page.getByTestId('deal-card').count(), 0, 'nothing imported before confirming');
  await page.goto(`${APP_URL}#/settings`);
  await page.getByLabel('Import CSV…').setInputFiles(file);
  await page.getByRole('button', { name: 'Import 1 row' }).click();
  await page.getByTestId('csv-preview').waitFor({ state: 'detached' });
  await page.goto(`${APP_URL}#/board`);
  await column(page, 'Demo scheduled').locator('[data-deal="Acme; the big one"]').waitFor();
  assert.match(await card(page, 'Acme; the big one').textContent(), /\$12\.5K/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a spreadsheet whose dates read two ways imports after the user says day first', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const file = join(dir, 'spreadsheet.csv');
  await writeFile(file, 'Title,Value,Expected close date\nFirst,100,01-03-17\nSecond,200,12-11-16\n');
  await page.getByLabel('Import CSV…').setInputFiles(file);
  const preview = page.getByTestId('csv-preview');
  await preview.getByText(/read both day first and month first .*choose its date layout/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Import 0 rows' }).isDisabled(), true);
  assert.equal(await page.getByTestId('csv-summary').textContent(), 'Nothing can be imported yet.');
  const layout = preview.getByLabel('Date layout of column Expected close date');
  assert.equal(await layout.inputValue(), '', 'nothing is guessed');
  await layout.selectOption('day-first');
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await preview.waitFor({ state: 'detached' });
  await page.goto(`${APP_URL}#/deals`);
  await page.getByRole('row', { name: /First .*2017-03-01/ }).waitFor();
  await page.getByRole('row', { name: /Second .*2016-11-12/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a spreadsheet with DD-MM-YY dates and Won/Lost/other stages imports after choosing the layout and creating the stages', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const file = join(dir, 'stages.csv');
  await writeFile(
    file,
    'Title,Value,Stage,Created,Closed on\n' +
      'Alpha,1000,Won,01-02-26,05-03-26\n' +
      'Beta,2000,Lost,02-02-26,06-03-26\n' +
      'Gamma,3000,Discovery,03-02-26,\n' +
      'Delta,4000,Legal review,04-02-26,\n' +
      'Epsilon,500,discovery,05-02-26,\n',
  );
  await page.getByLabel('Import CSV…').setInputFiles(file);
  const preview = page.getByTestId('csv-preview');
  await preview.getByText(/read both day first and month first/).waitFor();
  await preview.getByLabel('Date layout of column Created').selectOption('day-first');
  await preview.getByLabel('Date layout of column Closed on').selectOption('day-first');
  // The stages the pipeline lacks, with their counts, to be created in the order set.
  const values = page.getByTestId('csv-stage-value');
  await values.first().waitFor();
  assert.deepEqual(await values.locator('span').allTextContents(), ['“Discovery”: 2 deals in Sales', '“Legal review”: 1 deal in Sales']);
  await page.getByRole('button', { name: 'Create Legal review earlier' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="csv-stage-value"] span')?.textContent.startsWith('“Legal review”'));
  await page.getByRole('button', { name: 'Import 5 rows' }).click();
  await preview.waitFor({ state: 'detached' });
  await page.getByText('Imported 5 of 5 rows').waitFor();
  await page.goto(`${APP_URL}#/board`);
  await card(page, 'Gamma').waitFor();
  const stages = await page.locator('[data-testid="stage-column"]').evaluateAll((els) => els.map((el) => el.dataset.stage));
  assert.deepEqual(stages.slice(-2), ['Legal review', 'Discovery']);
  assert.equal(await column(page, 'Discovery').getByTestId('deal-card').count(), 2);
  assert.equal(await column(page, 'Legal review').getByTestId('deal-card').count(), 1);
  // Won and lost are statuses; the dates read day first.
  await page.goto(`${APP_URL}#/deals?status=won`);
  await page.getByRole('row', { name: /Alpha.*won.*2026-02-01/ }).waitFor();
  await page.goto(`${APP_URL}#/deals?status=lost`);
  await page.getByRole('row', { name: /Beta.*lost.*2026-02-02/ }).waitFor();
  // One undo step takes the whole import back, the new stages with it.
  await page.goto(`${APP_URL}#/board`);
  await card(page, 'Gamma').waitFor();
  await page.keyboard.press('Control+z');
  await column(page, 'Discovery').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('deal-card').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('importing the same export again updates the deals it made and says how many are new, changed and unchanged', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const first = join(dir, 'export-1.csv');
  await writeFile(first, 'Deal - ID,Deal - Title,Deal - Value,Deal - Stage\n1,Alpha,100,Qualified\n2,Beta,200,Qualified\n');
  await page.getByLabel('Import CSV…').setInputFiles(first);
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.getByTestId('csv-preview').waitFor({ state: 'detached' });
  const second = join(dir, 'export-2.csv');
  await writeFile(second, 'Deal - ID,Deal - Title,Deal - Value,Deal - Stage\n1,Alpha,100,Demo scheduled\n2,Beta,200,Qualified\n3,Gamma,300,Qualified\n');
  await page.getByLabel('Import CSV…').setInputFiles(second);
  assert.equal(
    await page.getByTestId('csv-summary').textContent(),
    '2 rows ready, 0 with problems (skipped on import). 1 new, 1 imported before and changed, 1 unchanged (left as they are).',
  );
  await page.getByRole('button', { name: 'Import 2 rows', exact: true }).click();
  await page.getByTestId('csv-preview').waitFor({ state: 'detached' });
  await page.goto(`${APP_URL}#/board`);
  await card(page, 'Gamma').waitFor();
  assert.equal(await page.getByTestId('deal-card').count(), 3);
  await column(page, 'Demo scheduled').locator('[data-deal="Alpha"]').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a mapping and date layout chosen by hand are remembered for the next file with the same headers', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const first = join(dir, 'weekly-1.csv');
  await writeFile(first, 'Name of deal,Amount,Closed,Status\nA,100,01-03-17,won\nB,200,12-11-16,won\n');
  await page.getByLabel('Import CSV…').setInputFiles(first);
  const preview = page.getByTestId('csv-preview');
  await preview.getByLabel('Field for column Name of deal').selectOption('Title');
  await preview.getByLabel('Field for column Closed').selectOption('Won/lost date');
  await preview.getByLabel('Date layout of column Closed').selectOption('day-first');
  assert.equal(await page.getByTestId('csv-remembered').count(), 0);
  await page.getByRole('button', { name: 'Import 2 rows', exact: true }).click();
  await preview.waitFor({ state: 'detached' });
  const second = join(dir, 'weekly-2.csv');
  await writeFile(second, 'Name of deal,Amount,Closed,Status\nC,300,02-03-17,won\n');
  await page.getByLabel('Import CSV…').setInputFiles(second);
  await page.getByTestId('csv-remembered').waitFor();
  assert.equal(await preview.getByLabel('Field for column Name of deal').inputValue(), 'Title');
  assert.equal(await preview.getByLabel('Field for column Closed').inputValue(), 'Won/lost date');
  assert.equal(await preview.getByLabel('Date layout of column Closed').inputValue(), 'day-first');
  assert.match(await page.getByTestId('csv-summary').textContent(), /^1 row ready, 0 with problems/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Excel\'s Windows CSV (Windows-1252, semicolons) and a UTF-16 tab-separated file import with their accents', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const windows = join(dir, 'excel-windows.csv');
  // "Café Müller" and "Škoda — €" as Windows-1252 bytes.
  await writeFile(windows, Buffer.from('Title;Value\r\nCaf\xE9 M\xFCller;100\r\n\x8Akoda \x97 \x80;200\r\n', 'latin1'));
  await page.getByLabel('Import CSV…').setInputFiles(windows);
  const preview = page.getByTestId('csv-preview');
  await preview.getByText('2 data rows, Windows-1252 text').waitFor();
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await preview.waitFor({ state: 'detached' });
  const utf16 = join(dir, 'unicode-text.txt');
  await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\tValue\r\nZoë Ltd\t300\r\n', 'utf16le')]));
  await page.getByLabel('Import CSV…').setInputFiles(utf16);
  await preview.getByText('1 data row, UTF-16 text').waitFor();
  await page.getByRole('button', { name: 'Import 1 row' }).click();
  await preview.waitFor({ state: 'detached' });
  await page.goto(`${APP_URL}#/deals`);
  for (const title of ['Café Müller', 'Škoda — €', 'Zoë Ltd']) {
    await page.getByRole('row', { name: new RegExp(title) }).waitFor();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Pipedrive export with created and won dates gives the dashboard its real cycle and win rate', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const ago = (days) => new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
  // Won after 30 and 50 days, one lost: win rate 2 of 3, mean cycle 40 days.
  const file = join(dir, 'pipedrive-history.csv');
  await writeFile(
    file,
    'Deal - Title,Deal - Value,Deal - Status,Deal - Deal created,Deal - Won time\n' +
      `Thirty,1000,won,${ago(40)} 09:00:00,${ago(10)} 17:00:00\n` +
      `Fifty,3000,won,${ago(70)} 09:00:00,${ago(20)} 12:00:00\n` +
      `Lost one,500,lost,${ago(30)} 09:00:00,${ago(20)} 12:00:00\n`,
  );
  await page.getByLabel('Import CSV…').setInputFiles(file);
  assert.equal(await page.getByLabel('Field for column Deal - Deal created').inputValue(), 'Created date');
  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  await page.getByTestId('csv-preview').waitFor({ state: 'detached' });
  await page.goto(`${APP_URL}#/dashboard`);
  const kpi = (id) => page.locator(`[data-testid="kpi"][data-kpi="${id}"] .kpi-value`);
  await page.waitForFunction(() => document.querySelector('[data-kpi="cycle-days"] .kpi-value')?.textContent === '40.0 days');
  assert.equal(await kpi('win-rate').textContent(), '66.7 %');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a team a few months in: the learned forecast says how far back its records go', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const ago = (days) => new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
  // 24 deals closed (every other one won) after 30 days, the first created 100 days ago —
  // 3 whole months of records — and two open.
  const rows = ['Deal - Title,Deal - Value,Deal - Status,Deal - Deal created,Deal - Won time'];
  for (let i = 0; i < 24; i++) {
    rows.push(`Closed ${i},${1000 + i * 10},${i % 2 ? 'lost' : 'won'},${ago(100 - i)} 09:00:00,${ago(70 - i)} 12:00:00`);
  }
  rows.push(`Open one,2000,open,${ago(20)} 09:00:00,`, `Open two,3000,open,${ago(5)} 09:00:00,`);
  const file = join(dir, 'young-team.csv');
  await writeFile(file, rows.join('\n') + '\n');
  await page.getByLabel('Import CSV…').setInputFiles(file);
  await page.getByRole('button', { name: 'Import 26 rows' }).click();
  await page.getByTestId('csv-preview').waitFor({ state: 'detached' });
  await page.goto(`${APP_URL}#/forecast`);
  const status = page.getByTestId('forecast-methods').getByTestId('learned-status');
  await status.getByText(/^Learned from 24 deals closed in the last 12 months\. The records start 3 months back, so deals that take longer than that to close are not known yet/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('10,000 rows import with visible progress, and the export re-imports', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page);
  const rows = ['Title,Value,Stage,Status,Organization'];
  const stages = ['Qualified', 'Contact made', 'Demo scheduled', 'Proposal made', 'Negotiations started'];
  for (let i = 0; i < 10000; i++) rows.push(`Deal ${i},${(i % 97) * 100 + 500},${stages[i % 5]},open,Org ${i % 300}`);
  const file = join(dir, 'big.csv');
  await writeFile(file, rows.join('\n'));
  await page.getByLabel('Import CSV…').setInputFiles(file);
  await page.getByRole('button', { name: 'Import 10000 rows' }).click({ timeout: 30000 });
  await page.getByLabel('Import progress').waitFor();
  const started = Date.now();
  await page.getByTestId('csv-preview').waitFor({ state: 'detached', timeout: 120000 });
  console.log(`# 10,000-row import took ${Date.now() - started} ms after confirming`);
  await page.goto(`${APP_URL}#/deals`);
  await page.getByText(/^10000 deals · /).waitFor({ timeout: 30000 });
  await page.goto(`${APP_URL}#/settings`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const exported = await readFile(await download.path(), 'utf8');
  assert.equal(exported.trim().split('\r\n').length, 10001);
  assert.match(exported, /^Title,Value,Currency,Pipeline,Stage,Status,Probability,Created date,Expected close date,Won\/lost date,Organization,Contact person,Owner,Source,Lost reason,Source ID\r\n/);
  // …and re-imports: into a fresh profile, every row is ready and lands.
  const other = await openPage(app.browser);
  await other.page.goto(`${APP_URL}#/settings`);
  await appReady(other.page);
  await other.page.getByLabel('Import CSV…').setInputFiles(await download.path());
  assert.match(await other.page.getByTestId('csv-summary').textContent(), /^10000 rows ready, 0 with problems/);
  await other.page.getByRole('button', { name: 'Import 10000 rows' }).click({ timeout: 30000 });
  await other.page.getByTestId('csv-preview').waitFor({ state: 'detached', timeout: 120000 });
  await other.page.goto(`${APP_URL}#/deals`);
  await other.page.getByText(/^10000 deals · /).waitFor({ timeout: 30000 });
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});
