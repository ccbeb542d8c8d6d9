// Team sync against a real CouchDB-compatible server (PouchDB Server, started here on a
// free port and stopped after): two browser contexts as two signed-in members.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openFresh, appReady, APP_URL, quickAddDeal, card, column, stageOf, saved } from './harness.mjs';
import { PASSWORD, signIn as teamSignIn, synced, makeTeam } from './team-harness.mjs';
import { startSyncServer } from '../../scripts/sync-server.mjs';

let app;
let server;

before(async () => {
  app = await startApp();
  server = await startSyncServer({ origins: [new URL(APP_URL).origin] });
  for (const name of ['ana', 'ben', 'cleo', 'eve']) await server.addUser(name, PASSWORD);
  await server.addDatabase('sales', { admins: ['ana'], members: ['ben'] });
});
after(async () => {
  await app?.close();
  await server?.stop();
});

const signIn = (page, options) => teamSignIn(page, server, options);
const team = (database) => makeTeam(app, server, database);

test('a move on one board shows on the other within 2 s; Join keeps a backup; the password is never stored', { timeout: 180000 }, async () => {
  const { ana, ben } = await team('sales');
  // Join kept Ben's own workspace as a backup before taking the team's.
  const backups = await ben.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pipewright.backup.')).map((k) => localStorage.getItem(k)));
  assert.equal(backups.length, 1);
  for (const { page } of [ana, ben]) {
    const stored = await page.evaluate(() => Object.entries(localStorage).map(([k, v]) => k + v).join('\n'));
    assert.ok(!stored.includes(PASSWORD), 'the password is nowhere in local storage');
    assert.ok(!page.url().includes(PASSWORD));
  }
  await ana.page.goto(`${APP_URL}#/board`);
  await ben.page.goto(`${APP_URL}#/board`);
  await card(ben.page, 'Shared sales').waitFor();
  assert.equal(await card(ben.page, 'Ben alone').count(), 0);

  const stages = ['Contact made', 'Qualified'];
  const times = [];
  for (let i = 0; i < 20; i++) {
    const to = stages[i % 2];
    await card(ana.page, 'Shared sales').focus();
    const started = Date.now();
    await ana.page.keyboard.press(i % 2 === 0 ? 'Shift+ArrowRight' : 'Shift+ArrowLeft');
    await column(ben.page, to).locator('[data-deal="Shared sales"]').waitFor({ timeout: 5000 });
    times.push(Date.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = (times[9] + times[10]) / 2;
  console.log(`# team sync: a move appears in the other browser in ${median} ms (median of 20; slowest ${times[19]} ms)`);
  assert.ok(times[19] < 2000, `every move arrives within 2 s: ${times}`);

  // Undo takes back only one's own change: Ben adds a deal, Ana moves hers, Ben undoes.
  await quickAddDeal(ben.page, 'Qualified', 'Ben new', '300');
  await card(ana.page, 'Ben new').waitFor();
  await card(ana.page, 'Shared sales').focus();
  await ana.page.keyboard.press('Shift+ArrowRight');
  await column(ben.page, 'Contact made').locator('[data-deal="Shared sales"]').waitFor();
  await ben.page.locator('main').click({ position: { x: 5, y: 5 } });
  await ben.page.keyboard.press('Control+z');
  await card(ben.page, 'Ben new').waitFor({ state: 'detached' });
  await card(ana.page, 'Ben new').waitFor({ state: 'detached' });
  assert.equal(await stageOf(ben.page, 'Shared sales'), 'Contact made');

  // Who changed it last shows on the other person's deal panel.
  await card(ben.page, 'Shared sales').click();
  await ben.page.getByTestId('deal-last-changed').filter({ hasText: 'ana' }).waitFor();
  for (const { context, problems } of [ana, ben]) {
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('twenty changes made offline survive a reload and arrive once; a clashing edit keeps both values', { timeout: 180000 }, async () => {
  const { ana, ben } = await team('scratch');
  await ben.page.goto(`${APP_URL}#/board`);
  await ben.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await ben.context.setOffline(true);
  for (let i = 1; i <= 20; i++) await quickAddDeal(ben.page, 'Qualified', `Offline ${i}`, String(i * 100));
  await saved(ben.page);
  await ben.page.locator('[data-testid="sync-status"][data-state="offline"]').waitFor();
  await ben.page.reload();
  await appReady(ben.page, { firstRun: false });
  await card(ben.page, 'Offline 20').waitFor();
  await ben.context.setOffline(false);
  await synced(ben.page);
  await ana.page.goto(`${APP_URL}#/board`);
  for (let i = 1; i <= 20; i++) await card(ana.page, `Offline ${i}`).waitFor();
  const onServer = (await server.call('/scratch/_all_docs?include_docs=true')).body.rows
    .filter((r) => r.doc.type === 'deal' && r.doc.title.startsWith('Offline '));
  assert.equal(onServer.length, 20, 'each offline deal once on the server');

  // Both change the same deal's value while Ben is offline: Ben's later write wins,
  // Ana's value is kept in a note, and both are told.
  await ben.context.setOffline(true);
  for (const [page, value] of [[ben.page, '7777'], [ana.page, '3333']]) {
    await card(page, 'Offline 1').click();
    const panel = page.getByRole('dialog', { name: 'Offline 1' });
    await panel.getByLabel('Value', { exact: true }).fill(value);
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await saved(page);
    await panel.getByRole('button', { name: 'Close deal panel' }).click();
  }
  await synced(ana.page);
  await ben.context.setOffline(false);
  const told = /Edit conflict: ana's value \$3,333 was replaced by ben's \$7,777/;
  await ben.page.getByText(told).first().waitFor({ timeout: 10000 });
  await ana.page.getByText(told).first().waitFor({ timeout: 10000 });
  await synced(ben.page);
  await card(ana.page, 'Offline 1').click();
  const panel = ana.page.getByRole('dialog', { name: 'Offline 1' });
  await panel.locator('.note').filter({ hasText: told }).first().waitFor();
  await ana.page.waitForFunction(() => [...document.querySelectorAll('[role=dialog] label')].find((l) => l.textContent.startsWith('Value'))?.querySelector('input')?.value.replace(/[^0-9]/g, '').startsWith('7777'));

  // Ana deletes a deal Ben is changing offline: Ben is asked, restores it, and it is
  // back for both.
  await ana.page.keyboard.press('Escape');
  await ben.context.setOffline(true);
  await card(ben.page, 'Offline 2').click();
  const benPanel = ben.page.getByRole('dialog', { name: 'Offline 2' });
  await benPanel.getByLabel('Value', { exact: true }).fill('2222');
  await benPanel.getByRole('button', { name: 'Save changes' }).click();
  await saved(ben.page);
  await benPanel.getByRole('button', { name: 'Close deal panel' }).click();
  await card(ana.page, 'Offline 2').click();
  const anaPanel = ana.page.getByRole('dialog', { name: 'Offline 2' });
  await anaPanel.getByRole('button', { name: 'Delete', exact: true }).click();
  await anaPanel.getByRole('button', { name: 'Click again to delete' }).click();
  await card(ana.page, 'Offline 2').waitFor({ state: 'detached' });
  await synced(ana.page);
  await ben.context.setOffline(false);
  const ask = ben.page.getByRole('alert').filter({ hasText: 'Someone deleted the deal “Offline 2”' });
  await ask.getByRole('button', { name: 'Restore it' }).click();
  await card(ana.page, 'Offline 2').waitFor();
  await synced(ben.page);
  assert.equal(await card(ben.page, 'Offline 2').count(), 1);
  for (const { context } of [ana, ben]) await context.close();
});

test('a third and a fourth member join the same pipeline, each with a device number of its own', { timeout: 180000 }, async () => {
  await server.addDatabase('trio', { admins: ['ana'], members: ['ben', 'cleo'] });
  const ana = await openFresh(app.browser, '#/board');
  await quickAddDeal(ana.page, 'Qualified', 'Trio deal', '700');
  assert.equal(await signIn(ana.page, { user: 'ana', database: 'trio' }), null);
  await ana.page.getByRole('button', { name: 'Share this workspace with the team' }).click();
  await synced(ana.page);
  const joined = [];
  // Ben and Cleo join, then Ana joins again from a second browser: devices 1, 2, 3.
  for (const user of ['ben', 'cleo', 'ana']) {
    const member = await openFresh(app.browser, '#/board');
    assert.equal(await signIn(member.page, { user, database: 'trio' }), null);
    await member.page.getByRole('button', { name: "Join the team's pipeline" }).click();
    await member.page.getByRole('button', { name: 'Join and replace my workspace' }).click();
    await synced(member.page);
    await member.page.goto(`${APP_URL}#/board`);
    await card(member.page, 'Trio deal').waitFor();
    joined.push(member);
  }
  const devices = (await server.call('/trio/_all_docs?startkey="device:"&endkey="device:\ufff0"&include_docs=true')).body.rows.map((r) => [r.doc.device, r.doc.author]);
  assert.deepEqual(devices, [[0, 'ana'], [1, 'ben'], [2, 'cleo'], [3, 'ana']]);
  // A deal Cleo adds gets an id of her own block and reaches everyone once.
  await quickAddDeal(joined[1].page, 'Qualified', 'From Cleo', '900');
  await synced(joined[1].page);
  for (const { page } of [ana, joined[0], joined[2]]) {
    await page.goto(`${APP_URL}#/board`);
    await card(page, 'From Cleo').waitFor({ timeout: 10000 });
    assert.equal(await card(page, 'From Cleo').count(), 1);
  }
  for (const { context } of [ana, ...joined]) await context.close();
});

test('a wrong password, a non-member, a missing database and a server that is not CouchDB are refused with a message', { timeout: 120000 }, async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/board');
  assert.match(await signIn(page, { user: 'ana', password: 'wrong' }), /Wrong user name or password/);
  assert.match(await signIn(page, { user: 'eve' }), /do not have access to this database/);
  assert.match(await signIn(page, { user: 'ana', database: 'nothere' }), /does not exist/);
  assert.match(await signIn(page, { user: 'ana', address: APP_URL.replace(/\/$/, '') }), /did not answer like CouchDB/);
  assert.match(await signIn(page, { user: 'ana', address: 'ftp://example.com' }), /must start with https:\/\//);
  await page.locator('[data-testid="sync-status"][data-state="off"]').waitFor();
  // The browser reports refused requests (401, 404) as console errors: expected here.
  assert.deepEqual(problems.filter((p) => !/status of 40[14]|Failed to load resource/.test(p)), []);
  await context.close();
});

test('a team document with a script payload renders as text', { timeout: 120000 }, async () => {
  const { ana, ben } = await team('hostile');
  const evil = '<img src=x onerror=alert(1)>';
  // Written straight into the database by a member, as a broken or hostile client could.
  const existing = (await server.call('/hostile/_all_docs?include_docs=true')).body.rows.find((r) => r.doc.type === 'deal');
  const doc = { ...existing.doc, title: evil, author: 'admin' };
  const put = await server.call(`/hostile/${encodeURIComponent(doc._id)}`, { method: 'PUT', body: doc });
  assert.ok(put.status < 300, JSON.stringify(put.body));
  await ben.page.goto(`${APP_URL}#/board`);
  await card(ben.page, evil).waitFor();
  assert.equal(await card(ben.page, evil).locator('.deal-title').textContent(), evil);
  assert.equal(await ben.page.locator('img[src="x"]').count(), 0);
  // A document that passes the server's rules but does not decode here is skipped and
  // named; the rest of the board is untouched and the document stays on the server.
  const odd = { ...existing.doc, _id: `deal:${existing.doc.id + 1000}`, id: existing.doc.id + 1000, title: 'Odd date', expected_close: 'soon', author: 'admin' };
  delete odd._rev;
  assert.ok((await server.call(`/hostile/${odd._id}`, { method: 'PUT', body: odd })).status < 300);
  await ben.page.getByText(/A change from the team was skipped: “deal:\d+” could not be read/).waitFor();
  assert.equal(await card(ben.page, 'Odd date').count(), 0);
  await card(ben.page, evil).waitFor();
  assert.equal((await server.call(`/hostile/${odd._id}`)).status, 200);
  // A document that is not Pipewright's is refused by the server's own rules.
  const bad = await server.call('/hostile/deal:999', { method: 'PUT', body: { type: 'deal', title: 1 } });
  assert.equal(bad.status, 403);
  await ben.page.waitForTimeout(200);
  for (const { context, problems } of [ana, ben]) {
    assert.deepEqual(problems, []);
    await context.close();
  }
});
