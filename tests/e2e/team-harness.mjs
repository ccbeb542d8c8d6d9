// Shared by the team-sync end-to-end tests: signing in on Settings → Team, waiting for
// "synced", and a team of two (Ana shares, Ben joins) on a database of the given server.
import assert from 'node:assert/strict';
import { openFresh, openDemo, APP_URL, quickAddDeal, saved } from './harness.mjs';

export const PASSWORD = 'correct horse';

/** Fills Settings → Team and signs in; resolves with the error shown, if any. */
export async function signIn(page, server, { user, password = PASSWORD, database = 'sales', address = server.url }) {
  await page.goto(`${APP_URL}#/settings`);
  const form = page.getByRole('form', { name: 'Sign in to the team server' });
  await form.getByLabel('Server address').fill(address);
  await form.getByLabel('Database').fill(database);
  await form.getByLabel('User name').fill(user);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  return Promise.race([
    page.getByTestId('team-signed-in').waitFor({ timeout: 15000 }).then(() => null),
    page.getByTestId('team-error').waitFor({ timeout: 15000 }).then(() => page.getByTestId('team-error').textContent()),
  ]);
}

export async function synced(page, timeout = 20000) {
  await page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout });
}

/** Ana shares a workspace with one deal (and the demo team's 300 with `demo`); Ben
 * (with a deal of his own) joins it. */
export async function makeTeam(app, server, database, { demo = false } = {}) {
  await server.addDatabase(database, { admins: ['ana'], members: ['ben'] });
  const ana = demo ? await openDemo(app.browser, '#/board') : await openFresh(app.browser, '#/board');
  await quickAddDeal(ana.page, 'Qualified', `Shared ${database}`, '5000');
  assert.equal(await signIn(ana.page, server, { user: 'ana', database }), null);
  await ana.page.getByRole('button', { name: 'Share this workspace with the team' }).click();
  await synced(ana.page, 60000);
  const ben = await openFresh(app.browser, '#/board');
  await quickAddDeal(ben.page, 'Qualified', 'Ben alone', '100');
  await saved(ben.page);
  assert.equal(await signIn(ben.page, server, { user: 'ben', database }), null);
  await ben.page.getByRole('button', { name: "Join the team's pipeline" }).click();
  await ben.page.getByRole('button', { name: 'Join and replace my workspace' }).click();
  await synced(ben.page, 60000);
  return { ana, ben };
}

/** Imports `rows` deals named "<prefix> 1…n" from a CSV file on Settings. */
export async function importDeals(page, dir, prefix, rows) {
  const { writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const lines = ['Title,Value,Stage'];
  for (let i = 1; i <= rows; i++) lines.push(`${prefix} ${i},${i * 10},Qualified`);
  const file = join(dir, `${prefix}.csv`);
  await writeFile(file, lines.join('\n'));
  await page.goto(`${APP_URL}#/settings`);
  await page.getByLabel('Import CSV…').setInputFiles(file);
  await page.getByRole('button', { name: `Import ${rows} rows` }).click({ timeout: 30000 });
  await page.getByTestId('csv-preview').waitFor({ state: 'detached', timeout: 60000 });
}

/** The team database's living documents, by type. */
export async function documentsOnServer(server, database) {
  const rows = (await server.call(`/${database}/_all_docs?include_docs=true`)).body.rows;
  return rows.map((r) => r.doc);
}
