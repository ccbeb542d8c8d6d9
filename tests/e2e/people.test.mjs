// People by hand and as a deal's contact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openFresh, APP_URL, quickAddDeal, card } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test('a person added by hand becomes a deal\'s contact, with how to reach them', async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/organizations');
  const form = page.getByRole('form', { name: 'Add a person' });
  await form.getByRole('button', { name: 'Add person' }).click();
  await page.getByRole('alert').filter({ hasText: 'name must not be empty' }).waitFor();
  await form.getByLabel("New person's name").fill('Ada Lovelace');
  await form.getByLabel("New person's email").fill('ada@acme.test');
  await form.getByLabel("New person's phone").fill('+1 555 0100');
  await form.getByLabel("New person's organization").fill('Acme');
  await form.getByRole('button', { name: 'Add person' }).click();
  await page.getByTestId('person-row').filter({ hasText: 'Ada Lovelace' }).waitFor();
  await page.getByRole('button', { name: 'Acme' }).first().waitFor();

  await page.goto(`${APP_URL}#/board`);
  await quickAddDeal(page, 'Qualified', 'Acme pilot', '2000');
  await card(page, 'Acme pilot').click();
  const panel = page.getByRole('dialog', { name: 'Acme pilot' });
  await panel.getByLabel('Contact person').selectOption({ label: 'Ada Lovelace · Acme' });
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await panel.getByTestId('contact-reach').filter({ hasText: 'ada@acme.test · +1 555 0100' }).waitFor();
  await panel.getByRole('button', { name: 'Close deal panel' }).click();
  await page.reload();
  await card(page, 'Acme pilot').click();
  assert.equal(await page.getByRole('dialog', { name: 'Acme pilot' }).getByTestId('contact-reach').textContent(), 'ada@acme.test · +1 555 0100');
  assert.deepEqual(problems, []);
  await context.close();
});
