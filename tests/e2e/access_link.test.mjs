// A partner copies an access link; the client approves it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, actAs, rowActions } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

async function copyLinkFor(page, employee) {
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('tab', { name: 'Employees' }).click();
  await rowActions(page, employee).click();
  await page.getByRole('button', { name: 'Copy access link' }).click();
  const link = page.getByLabel(`Access link for ${employee}`);
  await link.waitFor();
  return new URL(await link.inputValue()).pathname;
}

test('approving an access link makes the employee a Partner admin with a Partner seat', async () => {
  const page = await openPage(env);
  const path = await copyLinkFor(page, 'Noor Visser');
  await page.getByRole('row', { name: /Noor Visser .* Active/ }).waitFor();

  await actAs(page, 'Jeroen van Dijk — Super Admin');
  await page.goto(env.base + path);
  await page.getByRole('heading', { name: 'Noor Visser from BrightPath Digital asks for access' }).waitFor();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('radio', { name: 'Van Dijk Retail B.V.' }).check();
  await page.getByRole('button', { name: 'Confirm approval' }).click();
  await page.getByRole('heading', { name: 'Access approved' }).waitFor();
  await page.getByRole('link', { name: 'Go to Users & Teams' }).click();
  const row = page.getByRole('row', { name: /noor\.visser@brightpath\.io/ });
  await row.waitFor();
  assert.match(await row.innerText(), /Partner seat\s+Partner admin\s+Active\s+BrightPath Digital/);

  // The same link cannot be used twice for the same account, and the page
  // says exactly that (R-LINK-1).
  await page.goto(env.base + path);
  await page.getByText(/You cannot approve this link in any of your accounts: Van Dijk Retail B\.V\.: This access link was already used for Van Dijk Retail B\.V\. \(R-PA-1\)/).waitFor();

  // The partner sees the new client in the Clients tab, with access.
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.getByRole('row', { name: /Van Dijk Retail B\.V\.\s+Active\s+1\b/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('malformed, unknown and revoked links get a clear page', async () => {
  const page = await openPage(env, '/access-link/not valid!');
  await page.getByRole('heading', { name: 'This access link is not valid' }).waitFor();
  await page.goto(env.base + '/access-link/abcdefabcdefabcdef');
  await page.getByRole('heading', { name: 'This access link is not valid' }).waitFor();

  const path = await copyLinkFor(page, 'Erik Lund');
  await page.getByRole('button', { name: 'Revoke' }).first().click();
  // It asks first: a client may hold the link.
  const ask = page.getByRole('dialog', { name: 'Revoke this access link?' });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('row', { name: /Erik Lund .* Active/ }).waitFor();
  await page.getByRole('button', { name: 'Revoke' }).first().click();
  await ask.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('row', { name: /Erik Lund .* Revoked/ }).waitFor();
  await actAs(page, 'Jeroen van Dijk — Super Admin');
  await page.goto(env.base + path);
  await page.getByRole('heading', { name: 'This access link can no longer be used' }).waitFor();
  await page.getByText(/revoked by BrightPath Digital.*\(R-PA-1\)/).waitFor();
  await page.context().close();
});

test('a client user without the right is told why they cannot approve', async () => {
  const page = await openPage(env);
  const path = await copyLinkFor(page, 'Ingrid Berg');
  await actAs(page, 'Daan Bakker — Service agent');
  await page.goto(env.base + path);
  await page.getByRole('heading', { name: /Ingrid Berg from BrightPath Digital asks for access/ }).waitFor();
  // The true reason for the one account Daan could choose (R-LINK-1).
  await page.getByText(/You cannot approve this link in any of your accounts: Van Dijk Retail B\.V\.: .*Add and edit users.*\(R-CL-3\)/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0);
  await page.context().close();
});
