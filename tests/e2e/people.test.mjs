// People: added and edited by hand, a deal's contact people (one primary), the person's
// page with their deals, activities and notes, and a converted lead's contact.
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

test('a person added by hand becomes a deal\'s primary contact; a second one is made primary', async () => {
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
  const contacts = panel.getByTestId('deal-contacts');
  await contacts.getByText('No contact people yet.').waitFor();
  await contacts.getByRole('button', { name: 'Add contact' }).click();
  await contacts.getByRole('alert').filter({ hasText: 'Choose a person to add' }).waitFor();
  await contacts.getByLabel('Person to add').selectOption({ label: 'Ada Lovelace · Acme' });
  await contacts.getByRole('button', { name: 'Add contact' }).click();
  const ada = contacts.getByTestId('deal-contact').filter({ hasText: 'Ada Lovelace' });
  await ada.getByText('Primary').waitFor();
  assert.equal(await ada.getByTestId('contact-reach').textContent(), 'ada@acme.test · +1 555 0100');

  // A new person, typed in the deal: a bad email is refused with its reason.
  await contacts.getByLabel("New contact's name").fill('Bo Berg');
  await contacts.getByLabel("New contact's email").fill('bo at acme');
  await contacts.getByRole('button', { name: 'Add new person' }).click();
  await contacts.getByRole('alert').filter({ hasText: '“bo at acme” is not an email address' }).waitFor();
  await contacts.getByLabel("New contact's email").fill('bo@acme.test');
  await contacts.getByRole('button', { name: 'Add new person' }).click();
  const bo = contacts.getByTestId('deal-contact').filter({ hasText: 'Bo Berg' });
  await bo.getByRole('button', { name: 'Make primary' }).click();
  await bo.getByText('Primary').waitFor();
  assert.equal(await contacts.getByTestId('deal-contact').first().getAttribute('data-primary'), 'true');
  assert.match(await contacts.getByTestId('deal-contact').first().textContent(), /Bo Berg/);

  // Each change is one undo step.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+z');
  await contacts.getByTestId('deal-contact').first().filter({ hasText: 'Ada Lovelace' }).waitFor();
  await page.keyboard.press('Control+Shift+z');
  await contacts.getByTestId('deal-contact').first().filter({ hasText: 'Bo Berg' }).waitFor();

  await page.reload();
  await card(page, 'Acme pilot').click();
  const names = await page.getByRole('dialog', { name: 'Acme pilot' }).getByTestId('deal-contact').locator('.link-button').allTextContents();
  assert.deepEqual(names, ['Bo Berg', 'Ada Lovelace'], 'kept after a reload, the primary first');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a person\'s page: edit them, see their deals, log a call and write a note; closing asks about unsaved edits', async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/board');
  await quickAddDeal(page, 'Qualified', 'Globex expansion', '5000');
  await card(page, 'Globex expansion').click();
  const deal = page.getByRole('dialog', { name: 'Globex expansion' });
  await deal.getByLabel("New contact's name").fill('Cleo Park');
  await deal.getByRole('button', { name: 'Add new person' }).click();
  await deal.getByTestId('deal-contact').getByRole('button', { name: 'Cleo Park', exact: true }).click();

  const person = page.getByRole('dialog', { name: 'Cleo Park' });
  await person.getByTestId('person-deals').getByRole('button', { name: 'Globex expansion' }).waitFor();
  await person.getByText('primary contact').waitFor();
  await person.getByLabel('Email').fill('cleo@');
  await person.getByRole('button', { name: 'Save changes' }).click();
  await person.getByRole('alert').filter({ hasText: 'is not an email address' }).waitFor();
  await person.getByLabel('Email').fill('cleo@globex.test');
  await person.getByLabel('Organization').fill('Globex');
  await person.getByRole('button', { name: 'Save changes' }).click();
  await person.getByText('Works at').waitFor();

  await person.getByLabel('Activity subject').fill('Intro call');
  await person.getByLabel('Already done').check();
  await person.getByRole('button', { name: 'Log activity' }).click();
  await person.getByTestId('activity-row').filter({ hasText: 'Call · Intro call' }).filter({ hasText: 'done' }).waitFor();
  await person.getByLabel('New note').fill('Decides with the CFO');
  await person.getByRole('button', { name: 'Add note' }).click();
  await person.locator('.note').filter({ hasText: 'Decides with the CFO' }).waitFor();

  // Escape with a typed, unsaved phone asks; the person panel closes before the deal's.
  await person.getByLabel('Phone').fill('+1 555 0199');
  await page.keyboard.press('Escape');
  await person.getByTestId('unsaved-prompt').getByRole('button', { name: 'Save and close' }).click();
  await person.waitFor({ state: 'detached' });
  assert.equal(await deal.getByTestId('contact-reach').textContent(), 'cleo@globex.test · +1 555 0199');

  // The Activities page names the person the call was about.
  await page.goto(`${APP_URL}#/activities`);
  await page.getByRole('button', { name: 'Cleo Park' }).first().waitFor();
  // The global search finds her and opens her panel where the user is.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search deals, leads, organizations and people' }).fill('cleo');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Cleo Park' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('converting a lead with an email and phone makes them the deal\'s contact person', async () => {
  const { context, page, problems } = await openFresh(app.browser, '#/leads');
  await page.getByLabel('Lead name').fill('Dana Ruiz');
  await page.getByLabel('Lead email').fill('dana@initech.test');
  await page.getByLabel('Lead phone').fill('+1 555 0142');
  await page.getByRole('button', { name: 'Add lead', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Dana Ruiz' });
  await panel.getByRole('button', { name: 'Convert' }).click();
  await panel.getByText(/Converted into the deal/).waitFor();
  await panel.getByRole('button', { name: 'Open the deal' }).click();
  const contact = page.getByTestId('deal-contact').filter({ hasText: 'Dana Ruiz' });
  await contact.getByText('Primary').waitFor();
  assert.equal(await contact.getByTestId('contact-reach').textContent(), 'dana@initech.test · +1 555 0142');
  assert.deepEqual(problems, []);
  await context.close();
});
