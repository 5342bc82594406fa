// Client account journeys on Settings > Users & Teams.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, actAs, openDetails } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

async function openWizard(page) {
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.waitFor();
  return dialog;
}

test('create one user: emails, seat, template, review, Send', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  const dialog = await openWizard(page);
  await dialog.getByLabel('Add email address(es)').fill('lena.fors@fjordoutdoor.no');
  await dialog.getByRole('button', { name: 'Next' }).click();
  // Not a partner employee: no Partner seat, and the reason is given.
  assert.equal(await dialog.getByRole('option', { name: 'Partner seat' }).count(), 0);
  await dialog.getByText(/Partner seat is not offered/).waitFor();
  await dialog.getByLabel('Assign seat').selectOption({ label: 'View-only seat' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('radio', { name: 'Start with a template' }).check();
  await dialog.getByLabel('Template', { exact: true }).selectOption({ label: 'Marketer' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByText('lena.fors@fjordoutdoor.no: You were added to Fjord Outdoor AS').waitFor();
  await dialog.getByRole('button', { name: 'Send' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const row = page.getByRole('row', { name: /lena\.fors@fjordoutdoor\.no/ });
  await row.waitFor();
  assert.match(await row.innerText(), /View-only seat\s+Marketer\s+Active/);
  // It survives a reload.
  await page.reload();
  await page.getByRole('row', { name: /lena\.fors@fjordoutdoor\.no/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a batch with a bad address shows each reason and creates nothing', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  const dialog = await openWizard(page);
  await dialog.getByLabel('Add email address(es)').fill('ok.one@fjordoutdoor.no, broken-address\nastrid.moe@fjordoutdoor.no');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByText(/Row 2: "broken-address" has no @/).waitFor();
  // The field says it is invalid, and is described by the reasons.
  const field = dialog.getByLabel('Add email address(es)');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const description = await field.evaluate((f) => f.getAttribute('aria-describedby').split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  assert.match(description, /"broken-address" has no @/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Showing 9 of 9 users').waitFor();
  await page.context().close();
});

test('a batch where one address is ineligible gets no Partner seat', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  const dialog = await openWizard(page);
  await dialog.getByLabel('Add email address(es)').fill('ingrid.berg@brightpath.io lars.nielsen@brightpath.io friend@gmail.com');
  await dialog.getByRole('button', { name: 'Next' }).click();
  assert.equal(await dialog.getByRole('option', { name: 'Partner seat' }).count(), 0);
  await dialog.getByText(/Not eligible: friend@gmail\.com/).waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Showing 9 of 9 users').waitFor();
  await page.context().close();
});

test('the Create user wizard can be completed with the keyboard alone', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  await page.getByRole('button', { name: 'Create user' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.waitFor();
  await dialog.getByLabel('Add email address(es)').focus();
  await page.keyboard.type('kb.user@fjordoutdoor.no');
  const next = dialog.getByRole('button', { name: 'Next' });
  // Tab from the text area reaches Next without the mouse.
  for (let i = 0; i < 10 && !(await next.evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  // The Assign seat dropdown, by keyboard: typing picks View-only seat.
  await dialog.getByLabel('Assign seat').focus();
  await page.keyboard.type('View');
  assert.equal(await dialog.getByLabel('Assign seat').evaluate((s) => s.selectedOptions[0].textContent), 'View-only seat');
  await dialog.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Send' }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('row', { name: /kb\.user@fjordoutdoor\.no/ }).waitFor();
  // Escape closes the wizard and focus returns to its button.
  await page.getByRole('button', { name: 'Create user' }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Create user');
  await page.context().close();
});

test('a View-only user added by mistake moves to a Partner seat: hover over the user, Edit permissions', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  const row = page.getByRole('row', { name: /Noor Visser/ });
  await row.hover();
  const edit = row.getByRole('button', { name: 'Edit permissions' });
  // Described by whose permissions they are, for screen readers.
  assert.equal(await edit.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby')).textContent), 'Noor Visser');
  await edit.click();
  const dialog = page.getByRole('dialog', { name: 'Noor Visser' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'edit-seat');
  await dialog.getByLabel('Assign seat').selectOption({ label: 'Partner seat' });
  await dialog.getByText('Seat: View-only seat → Partner seat').waitFor();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Edited permissions of noor.visser@brightpath.io').first().waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.match(await page.getByRole('row', { name: /noor\.visser/ }).innerText(), /Partner seat/);
  await page.context().close();
});

test('the last Super Admin cannot be demoted or deactivated', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  const dialog = await openDetails(page, 'Henrik Dahl');
  await dialog.getByRole('radio', { name: 'Start with a template' }).check();
  await dialog.getByText(/Henrik Dahl is the only Super Admin of Fjord Outdoor AS; make someone else Super Admin first\. \(R-CL-4\)/).first().waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Save' }).isDisabled(), true);
  // Deactivate is not offered; the details say why, for this user.
  assert.equal(await dialog.getByRole('button', { name: 'Deactivate' }).count(), 0);
  await dialog.getByText(/only Super Admin.*\(R-CL-4\)/).first().waitFor();
  assert.match(await page.getByRole('row', { name: /henrik\.dahl/ }).innerText(), /Active/);
  await page.context().close();
});

test('deactivate then remove a user, reassigning what they own', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  const dialog = await openDetails(page, 'Astrid Moe');
  await dialog.getByText('Records: 312 deals', { exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate this user?' });
  await confirm.getByText(/Sequence: Spring outreach/).waitFor();
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await dialog.getByRole('button', { name: 'Reactivate' }).waitFor();
  await dialog.getByLabel('Give owned assets to').selectOption({ label: 'Henrik Dahl (henrik.dahl@fjordoutdoor.no)' });
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove this user?' }).getByRole('button', { name: 'Remove' }).click();
  await page.getByText('Removed astrid.moe@fjordoutdoor.no').first().waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('row', { name: /astrid\.moe/ }).count(), 0);
  await page.reload();
  await page.getByText('Showing 8 of 8 users').waitFor();
  const henrik = await openDetails(page, 'Henrik Dahl');
  await henrik.getByText('Records: 312 deals', { exact: true }).waitFor();
  await page.context().close();
});

test('the client changes a partner employee Super Admin to partner admin, keeping billing', async () => {
  const page = await openPage(env);
  await actAs(page, 'Karin Lindqvist — Super Admin');
  const dialog = await openDetails(page, 'Sofie Jansen');
  await dialog.getByLabel('Keep billing permissions').check();
  await dialog.getByRole('button', { name: 'Change to partner admin' }).click();
  await page.getByText('Changed sofie.jansen@brightpath.io to partner admin').first().waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.match(await page.getByRole('row', { name: /sofie\.jansen/ }).innerText(), /Partner seat\s+Partner admin/);
  await page.context().close();
});

test('a CSV with a bad row is refused with its row, and a good one creates every user', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  const dialog = await openWizard(page);
  const csv = (rows) => ({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) });
  await dialog.getByLabel(/upload a CSV/).setInputFiles(csv('email,name\ncsv.one@fjordoutdoor.no,One\nnot-an-address,Two\n'));
  await dialog.getByText('CSV loaded: users.csv').waitFor();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByText(/Row 3: "not-an-address" has no @/).waitFor();
  await dialog.getByRole('button', { name: 'Remove CSV' }).click();
  await dialog.getByLabel(/upload a CSV/).setInputFiles(csv('email,name\ncsv.one@fjordoutdoor.no,Csv One\ncsv.two@fjordoutdoor.no,Csv Two\n'));
  await dialog.getByText('CSV loaded: users.csv').waitFor();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByLabel('Assign seat').selectOption({ label: 'View-only seat' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Send' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Csv One', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Csv Two', exact: true }).waitFor();
  await page.context().close();
});

test('the search, filters and open user are in the address: a link shows them, Back undoes them', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('@brightpath.io');
  await page.getByLabel('Seat', { exact: true }).selectOption({ label: 'Partner seat' });
  await page.waitForURL(/[?&]seat=Partner/);
  const filtered = new URL(page.url());
  // Encoded in the address (`@` is %40) and read back as typed.
  assert.match(filtered.search, /q=%40brightpath\.io/);
  assert.equal(filtered.searchParams.get('q'), '@brightpath.io');
  const rows = await page.locator('tbody tr').count();
  assert.ok(rows > 0);

  // Opened in another browser, the link shows the same rows.
  const other = await openPage(env, filtered.pathname + filtered.search);
  assert.equal(await other.getByRole('searchbox', { name: 'Search by name or email' }).inputValue(), '@brightpath.io');
  assert.equal(await other.getByLabel('Seat', { exact: true }).inputValue(), 'Partner');
  assert.equal(await other.locator('tbody tr').count(), rows);

  // Opening a user is a step of its own: Back closes them, Forward opens them again.
  const name = (await other.locator('tbody tr th').first().innerText()).trim();
  await other.getByRole('button', { name, exact: true }).click();
  const dialog = other.getByRole('dialog', { name });
  await dialog.waitFor();
  assert.match(other.url(), /[?&]user=\d+/);
  await other.goBack();
  await dialog.waitFor({ state: 'hidden' });
  await other.goForward();
  await dialog.waitFor();
  // Closed with its button, the user leaves the address; the filters stay.
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await dialog.waitFor({ state: 'hidden' });
  assert.doesNotMatch(other.url(), /user=/);
  assert.match(other.url(), /seat=Partner/);

  // Back on the first page, Back undoes the seat filter (the search stays).
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('seat='));
  assert.equal(await page.getByLabel('Seat', { exact: true }).inputValue(), '');
  assert.equal(await page.getByRole('searchbox', { name: 'Search by name or email' }).inputValue(), '@brightpath.io');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
  await page.context().close();
  await other.context().close();
});
