// Never lose or corrupt a record (issue #20): each case as a user meets it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startApp, openPage, openFresh, openDemo, appReady, APP_URL, quickAddDeal, card, saved } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/** Fills the origin's local storage to the last character, as another app could. */
async function fillStorage(page) {
  await page.evaluate(() => {
    let i = 0;
    for (let size = 4 * 1024 * 1024; size >= 1; ) {
      try {
        localStorage.setItem(`filler${i++}`, 'x'.repeat(size));
      } catch {
        size = Math.floor(size / 2);
      }
    }
  });
}

test('with storage full, freeing space is enough: the change is saved without another edit, and leaving before asks', async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/board');
  await quickAddDeal(page, 'Qualified', 'Before full');
  await saved(page);
  await fillStorage(page);
  await quickAddDeal(page, 'Qualified', 'While full');
  const banner = page.getByTestId('storage-banner');
  await banner.waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.unsaved), 'true');

  // Leaving now would lose the change: the browser asks first (and the page stays when
  // the user says no).
  page.removeAllListeners('dialog');
  const question = new Promise((resolve) =>
    page.once('dialog', async (dialog) => {
      resolve(dialog.type());
      await dialog.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  assert.equal(await question, 'beforeunload');
  assert.equal(page.isClosed(), false, 'dismissing the question keeps the page');

  // Space is freed elsewhere; no further edit, no click: the retry saves it.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler')).forEach((k) => localStorage.removeItem(k)));
  await banner.waitFor({ state: 'detached', timeout: 15000 });
  await saved(page);
  await page.reload();
  await appReady(page, { firstRun: false });
  await card(page, 'While full').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an open deal panel closes when the user navigates, and Back does not bring a stale one', async () => {
  const { context, page, problems } = await openDemo(app.browser, '#/board');
  await page.getByTestId('deal-card').first().click();
  const panel = page.locator('.drawer');
  await panel.first().waitFor();
  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.waitForFunction(() => location.hash === '#/leads');
  assert.equal(await panel.count(), 0, 'the deal panel closed on navigation');
  await page.getByTestId('lead-row').first().getByRole('button').first().click();
  assert.equal(await panel.count(), 1, 'only the lead panel is open');
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#/board');
  assert.equal(await panel.count(), 0, 'Back closed the panel too');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an exported CSV never holds a spreadsheet formula, and imports back as written', async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/board');
  const formula = '=HYPERLINK("http://x","y")';
  await quickAddDeal(page, 'Qualified', formula, '10');
  await saved(page);
  await page.goto(`${APP_URL}#/settings`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = await readFile(file, 'utf8');
  assert.ok(csv.includes(`"'=HYPERLINK(""http://x"",""y"")"`), csv);
  // Into a fresh workspace, the title comes back exactly.
  const other = await openFresh(app.browser, '#/settings');
  await other.page.getByLabel('Import CSV…').setInputFiles(file);
  await other.page.getByRole('button', { name: 'Import 1 row' }).click();
  await other.page.getByTestId('csv-preview').waitFor({ state: 'detached' });
  await other.page.goto(`${APP_URL}#/board`);
  await card(other.page, formula).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await context.close();
});
