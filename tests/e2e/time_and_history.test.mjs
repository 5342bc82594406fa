// The simulated clock, the outbox, the audit log and Undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, openPage, actAs, deactivate, rowActions } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const clock = (page) => page.getByRole('group', { name: 'Simulated clock' });
const simulatedDate = (page) => page.getByTestId('simulated-date').innerText();

test('the clock moves forward by the buttons and the date picker, never back', async () => {
  const page = await openPage(env);
  assert.equal(await simulatedDate(page), '2026-11-23');
  await clock(page).getByRole('button', { name: '+7 days' }).click();
  assert.equal(await simulatedDate(page), '2026-11-30');
  await clock(page).getByRole('button', { name: '+1 day' }).click();
  assert.equal(await simulatedDate(page), '2026-12-01');
  await clock(page).getByLabel('Go to date').fill('2027-01-15');
  await page.getByText('The simulated date is now 2027-01-15').waitFor();
  await clock(page).getByLabel('Go to date').fill('2026-12-24');
  await page.getByText('Time never goes backwards').waitFor();
  assert.equal(await simulatedDate(page), '2027-01-15');
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.equal(await simulatedDate(page), '2027-01-15');
  await page.context().close();
});

test('with every partner employee gone, 61 days end the relationship and mail the partner', async () => {
  const page = await openPage(env);
  await actAs(page, 'Jeroen van Dijk — Super Admin');
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  await deactivate(page, 'Ola Hansen');
  await deactivate(page, 'Kari Nordmann');
  await clock(page).getByRole('button', { name: '+61 days' }).click();
  await page.getByRole('link', { name: /Outbox .*unread/ }).click();
  await page.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
  await page.getByRole('rowheader', { name: /^Your managed relationship with Van Dijk Retail.* ended$/ }).first().waitFor();
  await actAs(page, 'Kari Nordmann — Super Admin');
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  await page.getByRole('row', { name: /Van Dijk Retail.*Ended on/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an access link 30 days old can no longer be approved', async () => {
  const page = await openPage(env);
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('tab', { name: 'Employees' }).click();
  await rowActions(page, 'Noor Visser').click();
  await page.getByRole('button', { name: 'Copy access link' }).click();
  const link = page.getByLabel('Access link for Noor Visser');
  await link.waitFor();
  const path = new URL(await link.inputValue()).pathname;
  await clock(page).getByRole('button', { name: '+30 days' }).click();
  await page.getByRole('row', { name: /Noor Visser .* Expired/ }).waitFor();
  await actAs(page, 'Jeroen van Dijk — Super Admin');
  await page.goto(env.base + path);
  await page.getByRole('heading', { name: 'This access link can no longer be used' }).waitFor();
  await page.getByText(/expired/i).first().waitFor();
  await page.context().close();
});

test('Undo restores a deactivated user, and the audit log records both', async () => {
  const page = await openPage(env, '/accounts/10/audit-log');
  // Before any change the log says it is empty, not that filters hide all.
  await page.getByText(/^Nothing is recorded yet/).waitFor();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users & Teams' }).click();
  await deactivate(page, 'Erik Lund');
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await page.getByText(/^Undid: /).waitFor();
  await page.getByRole('row', { name: /Erik Lund.*Partner seat.*Active/ }).waitFor();

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  await page.getByRole('rowheader', { name: /^Undid: / }).waitFor();
  await page.getByLabel('Affected user').fill('erik');
  await page.getByText('Showing 2 of').waitFor();
  await page.getByLabel('Who').selectOption({ label: 'Automatic' });
  await page.getByText('No entries match your search and filters.').waitFor();
  await page.getByLabel('Who').selectOption({ label: 'Henrik Dahl' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\n');
  assert.equal(lines.length, 3, csv);
  assert.match(lines[0], /^When \(UTC\),Who,Acting in,Category,What,Affected users$/);
  await page.context().close();
});

test('dormant employees are listed, and deactivated once the partner opts in', async () => {
  const page = await openPage(env);
  await actAs(page, 'Sofie Jansen — Super Admin');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Partner settings' }).click();
  // Noor has been away from Fjord for 100 days.
  await page.getByRole('row', { name: /Noor Visser\s+Fjord Outdoor AS/ }).waitFor();
  assert.equal(await page.getByRole('row', { name: /Erik Lund\s+Fjord Outdoor AS/ }).count(), 0);
  await clock(page).getByRole('button', { name: '+61 days' }).click();
  await clock(page).getByRole('button', { name: '+30 days' }).click();
  await page.getByRole('row', { name: /Erik Lund\s+Fjord Outdoor AS/ }).waitFor();
  await page.getByLabel(/Deactivate employees automatically/).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/Changed the partner settings of BrightPath Digital/).waitFor();
  await clock(page).getByRole('button', { name: '+1 day' }).click();
  await page.getByText('No employee has been inactive in a client for 90 days.').waitFor();
  await actAs(page, 'Henrik Dahl — Super Admin');
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  await page.getByRole('row', { name: /Henrik Dahl.*Active/ }).waitFor();
  await page.context().close();
});
