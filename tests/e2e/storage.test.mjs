// Durable storage: two tabs, full storage, blocked storage, unreadable data, undo,
// flush on close, export and import. In none of them is user data lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, openPage, appReady, APP_URL, quickAddDeal, card, saved, fillStorage } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

async function open(context, hash = '#/board') {
  const page = await context.newPage();
  await page.goto(`${APP_URL}${hash}`);
  await appReady(page);
  return page;
}

test('a change in one tab shows in the other, and alternating edits all survive', async () => {
  const { context, page: a, problems } = await openPage(app.browser);
  await a.goto(`${APP_URL}#/board`);
  await appReady(a);
  const b = await open(context);
  await quickAddDeal(a, 'Qualified', 'From tab A');
  await card(b, 'From tab A').waitFor({ timeout: 1000 });
  await quickAddDeal(b, 'Qualified', 'From tab B');
  await card(a, 'From tab B').waitFor({ timeout: 1000 });
  await quickAddDeal(a, 'Contact made', 'A again');
  await quickAddDeal(b, 'Contact made', 'B again');
  await saved(a);
  const c = await open(context);
  for (const title of ['From tab A', 'From tab B', 'A again', 'B again']) {
    await card(c, title).waitFor({ timeout: 1000 });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('full storage keeps the change in memory, says so, and saves once space is freed', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  await quickAddDeal(page, 'Qualified', 'Before full');
  await saved(page);
  // Fill the origin's quota with another key, the way another app on it could.
  await fillStorage(page);
  await quickAddDeal(page, 'Qualified', 'While full');
  const banner = page.getByTestId('storage-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Saving failed: the browser's storage is full/);
  assert.equal(await card(page, 'While full').count(), 1, 'the change stays in memory');
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler')).forEach((k) => localStorage.removeItem(k)));
  await banner.getByRole('button', { name: 'Try again' }).click();
  await banner.waitFor({ state: 'detached' });
  await page.reload();
  await appReady(page);
  await card(page, 'While full').waitFor();
  await card(page, 'Before full').waitFor();
  // The only console errors allowed are none; a failed save is handled, not thrown.
  assert.deepEqual(problems, []);
  await context.close();
});

test('blocked local storage runs in memory with a clear banner', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  const banner = page.getByTestId('storage-banner');
  assert.match(await banner.textContent(), /Not saving: .*SecurityError.*lost when this tab closes/);
  await quickAddDeal(page, 'Qualified', 'In memory');
  assert.equal(await card(page, 'In memory').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('unreadable stored data is never overwritten: download it, start fresh, the backup stays', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  const stored = '{"app":"pipewright","schema_version":999,"workspace":{}}';
  await saved(page); // the first-run choice is saved first; then the stored text goes bad
  await page.evaluate((s) => localStorage.setItem('pipewright.workspace', s), stored);
  await page.reload();
  const screen = page.getByTestId('storage-error');
  await screen.waitFor();
  assert.match(await screen.textContent(), /newer Pipewright \(schema 999/);
  assert.equal(await page.evaluate(() => localStorage.getItem('pipewright.workspace')), stored);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    screen.getByRole('button', { name: 'Download the stored data' }).click(),
  ]);
  // The download keeps the unreadable manifest and every stored part it could name.
  const kept = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(kept.stored_manifest, stored);
  assert.ok(Object.keys(kept.stored_parts).length > 0, 'the parts are in the download');
  await screen.getByRole('button', { name: 'Start fresh (keep a backup)' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.goto(`${APP_URL}#/settings`);
  await page.getByText(/pipewright\.backup\.\d{8}T\d{6} \(\d+ characters\)/).waitFor();
  const backupKey = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('pipewright.backup.')));
  assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), backupKey)).stored_manifest, stored);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pipewright.part.') && !k.includes('.meta.'))), [], 'old parts are gone, kept in the backup');
  assert.deepEqual(problems, []);
  await context.close();
});

test('undo and redo by keyboard and buttons', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  await quickAddDeal(page, 'Qualified', 'Undo me');
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('Control+z');
  await card(page, 'Undo me').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+Shift+Z');
  await card(page, 'Undo me').waitFor();
  await page.getByRole('button', { name: /^Undo: Add deal/ }).click();
  await card(page, 'Undo me').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: /^Redo: Add deal/ }).click();
  await card(page, 'Undo me').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a change made right before the tab closes is kept', async () => {
  const { context, page } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  await quickAddDeal(page, 'Qualified', 'Warm-up');
  await saved(page);
  const qualified = page.locator('[data-testid="stage-column"][data-stage="Qualified"]');
  await qualified.getByRole('button', { name: '+ Add deal' }).click();
  await qualified.getByLabel('Deal title').fill('Last second');
  const before = await page.evaluate(() => localStorage.getItem('pipewright.revision'));
  await qualified.getByLabel('Deal title').press('Enter');
  // Not stored yet (the ordinary save waits 250 ms): only the close can store it.
  const now = await page.evaluate(() => [localStorage.getItem('pipewright.revision'), document.documentElement.dataset.unsaved]);
  assert.deepEqual(now, [before, 'true']);
  await page.close({ runBeforeUnload: true });
  const again = await open(context);
  await card(again, 'Last second').waitFor();
  await context.close();
});

test('export and import round-trip; a foreign file is rejected and nothing changes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-'));
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/board`);
  await appReady(page);
  await quickAddDeal(page, 'Qualified', 'Exported deal', '700');
  await page.goto(`${APP_URL}#/settings`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export workspace' }).click()]);
  const exported = await readFile(await download.path(), 'utf8');
  assert.match(exported, /"app":"pipewright"/);
  assert.match(exported, /Exported deal/);

  const foreign = join(dir, 'hubspot.json');
  await writeFile(foreign, '{"contacts": []}');
  await page.getByLabel('Import from file…').setInputFiles(foreign);
  await page.getByText('“hubspot.json” was not imported: it is not a Pipewright workspace').waitFor();
  const broken = join(dir, 'broken.json');
  await writeFile(broken, '{"app": "pipewright", ');
  await page.getByLabel('Import from file…').setInputFiles(broken);
  await page.getByText(/“broken.json” was not imported: it is not JSON/).waitFor();
  // Nothing changed: the stored data is the exported workspace, the deal is on the board.
  await saved(page);
  const stored = await page.evaluate(() => localStorage.getItem('pipewright.revision'));
  await page.goto(`${APP_URL}#/board`);
  await card(page, 'Exported deal').waitFor();
  assert.equal(await page.getByTestId('deal-card').count(), 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('pipewright.revision')), stored, 'no save after a rejected file');
  await page.goto(`${APP_URL}#/settings`);

  // Import the export into a fresh browser profile.
  const other = await openPage(app.browser);
  await other.page.goto(`${APP_URL}#/settings`);
  await appReady(other.page);
  const file = join(dir, 'export.json');
  await writeFile(file, exported);
  await other.page.getByLabel('Import from file…').setInputFiles(file);
  await other.page.getByText(/Replace this workspace \(0 deals.*with “export.json” \(1 deal,/).waitFor();
  await other.page.getByRole('button', { name: 'Replace my data' }).click();
  await other.page.goto(`${APP_URL}#/board`);
  await card(other.page, 'Exported deal').waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await context.close();
});

test('the storage meter follows each save, and a change rewrites only a few stored parts', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page); // starts empty
  await saved(page);
  // What the meter should say: every Pipewright key and value, in UTF-16 units (2 bytes).
  const expected = () =>
    page.evaluate(() => {
      const units = Object.keys(localStorage)
        .filter((k) => k.startsWith('pipewright.'))
        .reduce((sum, k) => sum + k.length + localStorage.getItem(k).length, 0);
      return `${((units * 2) / 1_000_000).toFixed(1)} MB of about 10 MB used`;
    });
  const meter = page.getByTestId('storage-used');
  assert.match(await meter.textContent(), new RegExp(`^${(await expected()).replace('.', '\\.')}`));
  // Still on Settings: load the demo data; once it is saved the meter shows it.
  await page.getByRole('button', { name: 'Reset to demo data…' }).click();
  await page.getByRole('button', { name: 'Yes, load demo data' }).click();
  await saved(page);
  const now = await expected();
  assert.notEqual(now, '0.0 MB of about 10 MB used');
  await page.waitForFunction((text) => document.querySelector('[data-testid="storage-used"]').textContent.startsWith(text), now);

  // The workspace is stored in parts; moving a deal rewrites two of them.
  const parts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pipewright.part.')).sort());
  const before = await parts();
  assert.ok(before.length > 10, `several parts: ${before.length}`);
  await page.goto(`${APP_URL}#/board`);
  await page.getByTestId('deal-card').first().focus();
  await page.keyboard.press('Shift+ArrowRight');
  await saved(page);
  const after = await parts();
  const replaced = before.filter((k) => !after.includes(k));
  assert.deepEqual(replaced.map((k) => k.split('.')[2]).sort(), ['deals', 'log'], `replaced: ${replaced}`);
  assert.equal(after.length, before.length);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Settings says whether the browser keeps the data, and can ask it to', async () => {
  const { context, page, problems } = await openPage(app.browser);
  await page.goto(`${APP_URL}#/settings`);
  await appReady(page, { firstRun: 'demo' });
  const status = page.getByTestId('keep-data');
  await status.waitFor();
  const ask = status.getByRole('button', { name: 'Ask the browser to keep it' });
  if (await ask.count()) {
    await ask.click();
    // The browser decides; either answer is said, never nothing.
    await page.getByText(/The browser (will keep this data|declined)/).first().waitFor();
  } else {
    assert.match(await status.textContent(), /The browser keeps this data/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
