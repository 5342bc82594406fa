// Partner > Client Access Manager journeys (R-CAM-*), found by role and name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, actAs, rowActions } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

/// Partner settings of BrightPath Digital, as its Super Admin.
async function openPartnerSettings() {
  const page = await openPage(env);
  await actAs(page, 'Sofie Jansen — Super Admin');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Partner settings' }).click();
  await page.getByRole('heading', { name: 'Partner settings', level: 1 }).waitFor();
  return page;
}

async function clientAction(page, client, action) {
  await page.getByRole('tab', { name: 'Clients' }).click();
  await rowActions(page, client).click();
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

test('the Clients tab filters by access type and searches by name', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('row', { name: /Fjord Outdoor \(Bergen HQ\).*Official name: Fjord Outdoor AS/ }).waitFor();
  await page.getByRole('row', { name: /Lindqvist Bygg/ }).waitFor();
  // Only clients where an employee is Partner admin.
  for (const t of ['Super Admin', 'Other permission sets', 'Deactivated']) {
    await page.getByRole('group', { name: 'Access types' }).getByLabel(t).uncheck();
  }
  await page.getByRole('row', { name: /Fjord Outdoor/ }).waitFor();
  await page.getByRole('row', { name: /Lindqvist Bygg/ }).waitFor();
  await page.getByRole('group', { name: 'Access types' }).getByLabel('Partner admin').uncheck();
  await page.getByText('No clients match the access types and search.').waitFor();
  await page.getByRole('group', { name: 'Access types' }).getByLabel('Super Admin').check();
  await page.getByRole('searchbox', { name: 'Search clients' }).fill('lindq');
  await page.getByRole('row', { name: /Lindqvist Bygg/ }).waitFor();
  assert.equal(await page.getByRole('row', { name: /Fjord Outdoor/ }).count(), 0);
  await page.context().close();
});

test('add two employees to a client with a permission set', async () => {
  const page = await openPage(env);
  await actAs(page, 'Sofie Jansen — Super Admin');
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  // Seed 004: the panel on the right, the Employees and Permission set
  // dropdowns, Add.
  const dialog = await clientAction(page, 'Fjord Outdoor (Bergen HQ)', 'Add employees');
  await dialog.getByLabel('Employees', { exact: true }).selectOption([
    { label: 'Lars Nielsen (lars.nielsen@brightpath.io)' },
    { label: 'Ingrid Berg (ingrid.berg@brightpath.io)' },
  ]);
  await dialog.getByRole('combobox', { name: 'Permission set' }).selectOption({ label: 'Marketer' });
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const details = await clientAction(page, 'Fjord Outdoor (Bergen HQ)', 'Details');
  await details.getByRole('row', { name: /Lars Nielsen.*Partner seat.*Marketer.*Active/ }).waitFor();
  await details.getByRole('row', { name: /Ingrid Berg.*Partner seat.*Marketer.*Active/ }).waitFor();
  await page.keyboard.press('Escape');
  await page.reload();
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  const again = await clientAction(page, 'Fjord Outdoor (Bergen HQ)', 'Details');
  await again.getByRole('row', { name: /Ingrid Berg/ }).waitFor();
  await page.keyboard.press('Escape');
  await again.waitFor({ state: 'hidden' });
  // The client's name opens the same details.
  await page.getByRole('button', { name: 'Fjord Outdoor (Bergen HQ)', exact: true }).click();
  await page.getByRole('dialog').getByRole('row', { name: /Ingrid Berg/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a Partner admin without Reports changes a set: R-CAM-6 keeps and withholds exactly', async () => {
  const page = await openPage(env);
  await actAs(page, 'Kari Nordmann — Super Admin');
  const dialog = await clientAction(page, 'Van Dijk Retail', 'Details');
  await dialog.getByRole('checkbox', { name: 'Select Ola Hansen' }).check();
  await dialog.getByRole('button', { name: 'Change permission set' }).click();
  await dialog.getByRole('combobox', { name: 'Permission set' }).selectOption({ label: 'Marketer' });
  // Ola (Sales rep) already has View reports; Marketer would add Create and edit reports.
  const warning = dialog.getByText(/will not be granted \(\+\) or not be removed \(−\)/);
  await warning.waitFor();
  await dialog.getByText(/Ola Hansen: .*\+ Create and edit reports/).waitFor();
  assert.equal(await dialog.getByText(/Ola Hansen: .*View reports/).count(), 0, 'View reports is kept, not listed');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.getByRole('row', { name: /Ola Hansen.*Custom|Ola Hansen.*Marketer/ }).waitFor();
  await page.keyboard.press('Escape');

  // The client's history of Ola: the rest of Marketer arrived, View reports
  // stayed, Create and edit reports was not given.
  await actAs(page, 'Jeroen van Dijk — Super Admin');
  await page.getByRole('button', { name: 'Ola Hansen', exact: true }).click();
  const history = page.getByRole('dialog', { name: 'Ola Hansen' }).getByRole('region', { name: 'Permission history' });
  await history.getByText('+ Forms').waitFor();
  const text = await history.innerText();
  assert.doesNotMatch(text, /Create and edit reports/);
  assert.doesNotMatch(text, /− View reports/);
  await page.context().close();
});

test('someone who is not Partner admin there sees why a set cannot be changed, and cannot save', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  const dialog = await clientAction(page, 'Fjord Outdoor (Bergen HQ)', 'Details');
  await dialog.getByRole('checkbox', { name: 'Select Erik Lund' }).check();
  await dialog.getByRole('button', { name: 'Change permission set' }).click();
  await dialog.getByRole('combobox', { name: 'Permission set' }).selectOption({ label: 'Sales rep' });
  await dialog.getByRole('alert').filter({ hasText: '(R-CAM-9)' }).waitFor();
  assert.equal(await dialog.getByText(/will not be granted/).count(), 0);
  assert.equal(await dialog.getByRole('button', { name: 'Confirm' }).isDisabled(), true);
  await page.context().close();
});

test('remove one employee from two clients, reassigning what they own (keyboard only)', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('tab', { name: 'Employees' }).click();
  await rowActions(page, 'Sofie Jansen').click();
  await page.getByRole('button', { name: 'Remove employee from clients' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove Sofie Jansen from clients' });
  await dialog.waitFor();
  await dialog.getByText('Report: Quarterly board report').waitFor();
  await dialog.getByRole('checkbox', { name: 'Fjord Outdoor (Bergen HQ)' }).focus();
  await page.keyboard.press('Space');
  await dialog.getByRole('checkbox', { name: 'Lindqvist Bygg' }).focus();
  await page.keyboard.press('Space');
  await dialog.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByText('Step 2 of 2').waitFor();
  const receiver = dialog.getByLabel('Give owned assets to — Lindqvist Bygg');
  // Done without a receiver is refused, and the list to fix is marked.
  assert.equal(await receiver.getAttribute('aria-invalid'), 'false');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.getByText(/choose who receives it before removing\. \(R-CAM-7\)/).waitFor();
  assert.equal(await receiver.getAttribute('aria-invalid'), 'true');
  await receiver.focus();
  await receiver.selectOption({ label: 'Karin Lindqvist (karin@lindqvistbygg.se)' });
  assert.equal(await receiver.getAttribute('aria-invalid'), 'false');
  await dialog.getByRole('button', { name: 'Done' }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByText('Removed sofie.jansen@brightpath.io from 2 clients').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const sofie = page.getByRole('row', { name: /^Sofie Jansen/ });
  await page.waitForFunction(() => ![...document.querySelectorAll('tr')].some((r) => r.innerText.startsWith('Sofie Jansen') && /Fjord|Lindqvist/.test(r.innerText)));
  assert.doesNotMatch(await sofie.innerText(), /Fjord|Lindqvist/);

  await actAs(page, 'Karin Lindqvist — Super Admin');
  await page.getByRole('button', { name: 'Karin Lindqvist', exact: true }).click();
  await page.getByRole('dialog', { name: 'Karin Lindqvist' }).getByText('Report: Quarterly board report', { exact: true }).waitFor();
  await page.context().close();
});

test('remove all employees from a client (keyboard only): review, the end date 60 days after the last activity, then ended', async () => {
  const page = await openPage(env);
  await actAs(page, 'Kari Nordmann — Super Admin');
  await page.getByRole('tab', { name: 'Clients' }).click();
  await rowActions(page, 'Van Dijk Retail').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Details', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('checkbox', { name: 'Select all' }).focus();
  await page.keyboard.press('Space');
  await dialog.getByRole('button', { name: 'Remove partner employees' }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByText('Records: 120 companies').waitFor();
  await dialog.getByText('will end on 2027-01-22').waitFor();
  const receiver = dialog.getByLabel('Give owned assets to');
  await receiver.focus();
  await receiver.selectOption({ label: 'Jeroen van Dijk (jeroen@vandijkretail.nl)' });
  await dialog.getByRole('button', { name: 'Confirm removal' }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByText('Removed 2 partner employees from Van Dijk Retail B.V.').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('row', { name: /Van Dijk Retail.*Ending on 2027-01-22/ }).waitFor();
  await page.reload();
  await page.getByRole('row', { name: /Van Dijk Retail.*Ending on 2027-01-22/ }).waitFor();

  // 61 days later it has ended, and the partner was told both times.
  await page.getByRole('group', { name: 'Simulated clock' }).getByRole('button', { name: '+61 days' }).click();
  await page.getByRole('row', { name: /Van Dijk Retail.*Ended on 2027-01-22/ }).waitFor();
  await page.getByRole('link', { name: /Outbox/ }).click();
  await page.getByRole('rowheader', { name: 'Your managed relationship with Van Dijk Retail B.V. ends on 2027-01-22' }).waitFor();
  await page.getByRole('rowheader', { name: 'Your managed relationship with Van Dijk Retail B.V. ended' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Change to partner admin from the Clients tab: refused for the only Super Admin (R-CL-4), then done', async () => {
  const page = await openPage(env);
  // Karin steps down, leaving Sofie the only Super Admin of Lindqvist.
  await actAs(page, 'Karin Lindqvist — Super Admin');
  await page.getByRole('button', { name: 'Karin Lindqvist', exact: true }).click();
  const karin = page.getByRole('dialog', { name: 'Karin Lindqvist' });
  await karin.getByRole('radio', { name: 'Start with a template' }).check();
  await karin.getByLabel('Template', { exact: true }).selectOption({ label: 'Sales rep' });
  await karin.getByRole('button', { name: 'Save' }).click();
  await karin.getByRole('button', { name: 'Close' }).click();

  await actAs(page, 'Sofie Jansen — Super Admin');
  let dialog = await clientAction(page, 'Lindqvist Bygg', 'Change to partner admin');
  // Not offered, and the dialog says why for this client (R-CL-4).
  await dialog.getByText(/only Super Admin.*\(R-CL-4\)/).waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Confirm' }).count(), 0);
  await page.keyboard.press('Escape');

  // With Karin Super Admin again, it goes through, keeping billing.
  await actAs(page, 'Sofie Jansen — Super Admin');
  await page.goto(env.base + '/accounts/11/settings/users');
  await page.getByRole('button', { name: 'Act as a user of this account' }).click();
  await page.getByRole('button', { name: 'Karin Lindqvist', exact: true }).click();
  await karin.getByRole('radio', { name: 'Make Super Admin' }).check();
  await karin.getByRole('button', { name: 'Save' }).click();
  await karin.getByRole('button', { name: 'Close' }).click();
  await actAs(page, 'Sofie Jansen — Super Admin');
  dialog = await clientAction(page, 'Lindqvist Bygg', 'Change to partner admin');
  await dialog.getByLabel('Keep billing permissions').check();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.getByText('Changed sofie.jansen@brightpath.io to partner admin').waitFor();
  await page.keyboard.press('Escape');
  await actAs(page, 'Karin Lindqvist — Super Admin');
  await page.getByRole('row', { name: /Sofie Jansen.*Partner seat.*Partner admin/ }).waitFor();
  await page.context().close();
});

test('a Partner admin changes the client\'s other partner Super Admin to Partner admin (R-PA-4)', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  // Henrik, Super Admin of Fjord Outdoor, makes Erik (BrightPath) a Super Admin.
  await page.getByRole('button', { name: 'Erik Lund', exact: true }).click();
  const erik = page.getByRole('dialog', { name: 'Erik Lund' });
  await erik.getByRole('radio', { name: 'Make Super Admin' }).check();
  await erik.getByRole('button', { name: 'Save' }).click();
  await erik.getByText(/^Edited permissions of erik\.lund/).first().waitFor();
  await erik.getByRole('button', { name: 'Close' }).click();
  // Sofie, Partner admin there, changes him back from the Clients tab.
  await actAs(page, 'Sofie Jansen — Super Admin');
  const dialog = await clientAction(page, 'Fjord Outdoor (Bergen HQ)', 'Change to partner admin');
  await dialog.getByRole('button', { name: 'Change Erik Lund to partner admin' }).click();
  await dialog.getByText('Changed erik.lund@brightpath.io to partner admin').waitFor();
  await page.keyboard.press('Escape');
  await actAs(page, 'Henrik Dahl — Super Admin');
  await page.getByRole('row', { name: /Erik Lund.*Partner seat.*Partner admin/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('partner settings: a shared mail domain is refused, an own domain is added', async () => {
  const page = await openPartnerSettings();
  await page.getByLabel('Add domain').fill('gmail.com');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'R-ACC-3a' }).waitFor();
  await page.getByLabel('Add domain').fill('brightpath.dk');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('listitem').filter({ hasText: 'brightpath.dk' }).waitFor();
  // Undo takes the added domain away again.
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('status').filter({ hasText: 'Undid' }).waitFor();
  assert.equal(await page.getByRole('listitem').filter({ hasText: 'brightpath.dk' }).count(), 0);
  await page.context().close();
});

test('Get access link at the top of the Client Access Manager shows the link in a dialog, to copy (R-PA-1)', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('button', { name: 'Get access link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Get access link' });
  const field = dialog.getByLabel("Access link for Lars Nielsen");
  assert.match(await field.inputValue(), /^http:\/\/127\.0\.0\.1:\d+\/access-link\/\S+$/);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await dialog.getByRole('status').filter({ hasText: /./ }).waitFor();
  await dialog.getByText('Valid until 2026-12-23.').waitFor();
  const url = await field.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // Asked again, it shows the same link rather than making another.
  await page.getByRole('button', { name: 'Get access link' }).click();
  assert.equal(await field.inputValue(), url);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The link is listed with the partner's others, on the Employees tab.
  await page.getByRole('tab', { name: 'Employees' }).click();
  await page.getByRole('row', { name: /Lars Nielsen/ }).filter({ hasText: 'Active' }).first().waitFor();
  assert.equal(await page.getByRole('row', { name: /^Lars Nielsen \d/ }).count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an employee opened by name: their clients, and Actions > Copy access link (R-PA-2)', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('tab', { name: 'Employees' }).click();
  await page.getByRole('button', { name: 'Noor Visser', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Noor Visser' });
  await dialog.getByText('noor.visser@brightpath.io').waitFor();
  await dialog.getByText(/Fjord Outdoor \(Bergen HQ\)/).waitFor();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await dialog.getByRole('button', { name: 'Actions', exact: true }).click();
  await dialog.getByRole('button', { name: 'Copy access link' }).click();
  const link = dialog.getByLabel('Access link for Noor Visser');
  assert.match(await link.inputValue(), /\/access-link\/\S+$/);
  // Copy access link copies, and says so (seed 004), as Copy link does.
  await dialog.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await link.inputValue());
  // The other actions take the dialog's place.
  await dialog.getByRole('button', { name: 'Actions', exact: true }).click();
  await dialog.getByRole('button', { name: 'Link clients' }).click();
  await page.getByRole('dialog').getByRole('heading', { name: /Noor Visser/ }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a row\'s Actions menu opens by keyboard, says it is open, and Escape closes it back onto its button', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  const actions = rowActions(page, 'Fjord Outdoor (Bergen HQ)');
  await actions.focus();
  await page.keyboard.press('Enter');
  assert.equal(await actions.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Add employees');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('button', { name: 'Add employees', exact: true }).count(), 0);
  assert.equal(await actions.getAttribute('aria-expanded'), 'false');
  assert.equal(await actions.evaluate((b) => b === document.activeElement), true);
  // The same menu on the Employees tab.
  await page.getByRole('tab', { name: 'Employees' }).click();
  const noor = rowActions(page, 'Noor Visser');
  // Named as on screen, described by its row: the name finds the employee.
  assert.equal(await noor.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby')).textContent), 'Noor Visser');
  assert.equal(await page.getByRole('button', { name: 'Noor Visser' }).count(), 1);
  await noor.click();
  await page.getByRole('button', { name: 'Copy access link' }).focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('button', { name: 'Copy access link' }).count(), 0);
  assert.equal(await noor.evaluate((b) => b === document.activeElement), true);
  await page.context().close();
});

test('partner settings: days out of range are refused on the field that holds them (R-PA-1)', async () => {
  const page = await openPartnerSettings();
  const days = page.getByLabel('Access links stay valid for (days)');
  await days.fill('400');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'R-PA-1' }).waitFor();
  assert.equal(await days.getAttribute('aria-invalid'), 'true');
  assert.equal(await days.getAttribute('aria-describedby'), 'settings-problem');
  await days.fill('14');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Changed the partner settings of BrightPath Digital' }).waitFor();
  assert.equal(await days.getAttribute('aria-invalid'), 'false');
  assert.equal(await page.getByRole('alert').filter({ hasText: 'R-PA-1' }).count(), 0);
  // Undo puts the days back, in the field too.
  const saved = await page.evaluate(() => localStorage.getItem('partner-access-studio/document'));
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('status').filter({ hasText: 'Undid' }).waitFor();
  assert.equal(await days.inputValue(), '30');
  assert.notEqual(await page.evaluate(() => localStorage.getItem('partner-access-studio/document')), saved);
  await page.context().close();
});

test('the Clients and Employees tabs are one tab stop; arrow keys, Home and End switch them', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  const clients = page.getByRole('tab', { name: 'Clients' });
  const employees = page.getByRole('tab', { name: 'Employees' });
  const focused = (tab) => tab.evaluate((t) => t === document.activeElement);
  await clients.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await employees.getAttribute('aria-selected'), 'true');
  assert.equal(await focused(employees), true);
  await rowActions(page.getByRole('tabpanel'), 'Sofie Jansen').waitFor();
  // Tab leaves the tab list for the panel; Shift+Tab comes back to the selected tab only.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[role=tabpanel]')?.id), 'panel-employees');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(employees), true);
  await page.keyboard.press('Home');
  assert.equal(await clients.getAttribute('aria-selected'), 'true');
  assert.equal(await focused(clients), true);
  await page.keyboard.press('End');
  assert.equal(await focused(employees), true);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(clients), true);
  await page.getByRole('tabpanel').getByRole('searchbox', { name: 'Search clients' }).waitFor();
  await page.context().close();
});

test('a client\'s details: a bulk Deactivate is all or nothing, and a review locks the ticks', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  const dialog = await clientAction(page, 'Fjord Outdoor (Bergen HQ)', 'Details');
  await dialog.getByRole('checkbox', { name: 'Select Erik Lund' }).check();
  await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await dialog.getByText('Deactivated 1 user in Fjord Outdoor AS').waitFor();
  await dialog.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  // Erik is deactivated already: a selection with him changes nobody.
  await dialog.getByRole('checkbox', { name: 'Select all' }).check();
  await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await dialog.getByText(/Nothing was changed: 1 of \d+ cannot be changed\. erik\.lund@brightpath\.io: /).waitFor();
  await dialog.getByRole('row', { name: /Sofie Jansen.*Active/ }).waitFor();
  // While the removal is reviewed, the selection it names cannot change.
  await dialog.getByRole('button', { name: 'Remove partner employees' }).click();
  await dialog.getByRole('heading', { name: 'Review: employees and affected assets' }).waitFor();
  assert.ok(await dialog.getByRole('checkbox', { name: 'Select Erik Lund' }).isDisabled());
  assert.ok(await dialog.getByRole('checkbox', { name: 'Select all' }).isDisabled());
  await dialog.getByRole('button', { name: 'Back' }).click();
  assert.ok(await dialog.getByRole('checkbox', { name: 'Select Erik Lund' }).isEnabled());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Employees tab: search and filters, Link clients by its dropdown, Deactivate in every client', async () => {
  const page = await openPage(env);
  await actAs(page, 'Sofie Jansen — Super Admin');
  await page.getByRole('tab', { name: 'Employees' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByLabel('Search employees').fill('noor');
  await panel.getByText('Showing 1 of 6 employees').waitFor();
  await panel.getByRole('rowheader', { name: 'Noor Visser' }).waitFor();
  await panel.getByLabel('Search employees').fill('');
  await panel.getByRole('combobox', { name: 'Partner email domain' }).selectOption({ label: 'Not on an approved domain' });
  await panel.getByText('Showing 1 of 6 employees').waitFor();
  await panel.getByRole('rowheader', { name: 'Maja Holm' }).waitFor();

  // Seed 004: Actions > Link clients, a client from the dropdown, Confirm.
  await rowActions(panel, 'Maja Holm').click();
  await page.getByRole('button', { name: 'Link clients' }).click();
  const link = page.getByRole('dialog', { name: /Maja Holm/ });
  await link.getByLabel('Client', { exact: true }).selectOption({ label: 'Fjord Outdoor (Bergen HQ)' });
  await link.getByRole('button', { name: 'Confirm' }).click();
  await link.waitFor({ state: 'hidden' });
  await panel.getByRole('row', { name: /Maja Holm.*Fjord Outdoor \(Bergen HQ\)/ }).waitFor();

  await panel.getByRole('combobox', { name: 'Partner email domain' }).selectOption({ label: 'All' });
  await panel.getByRole('combobox', { name: 'Client', exact: true }).selectOption({ label: 'Lindqvist Bygg' });
  await panel.getByText('Showing 2 of 6 employees').waitFor();
  await panel.getByRole('combobox', { name: 'Client', exact: true }).selectOption({ label: 'All clients' });

  // Deactivate from an employee's row: the confirmation lists the clients.
  await rowActions(panel, 'Erik Lund').click();
  await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Deactivate this employee in every client?' });
  await ask.getByText(/Erik Lund is deactivated in: Fjord Outdoor \(Bergen HQ\)\./).waitFor();
  await ask.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByText('Deactivated erik.lund@brightpath.io in 1 client').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the open tab is in the address: a link opens it, Back returns to the other', async () => {
  const page = await openPage(env);
  await actAs(page, 'Sofie Jansen — Super Admin');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Client Access Manager' }).click();
  await page.getByRole('tab', { name: 'Employees' }).click();
  await page.waitForURL(/\?tab=employees$/);
  assert.equal(await page.getByRole('tab', { name: 'Employees' }).getAttribute('aria-selected'), 'true');
  await page.reload();
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Employees' }).getAttribute('aria-selected'), 'true');
  await page.goBack();
  await page.waitForURL((u) => u.search === '');
  assert.equal(await page.getByRole('tab', { name: 'Clients' }).getAttribute('aria-selected'), 'true');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
