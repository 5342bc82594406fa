// The app shell: loading, Acting as, navigation, persistence, routes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, actAs } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('the app loads with no console errors and shows the accounts', async () => {
  const page = await openPage(env);
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  await page.getByRole('row', { name: /BrightPath Digital/ }).waitFor();
  // The page says it is loading until the app is in place, then not.
  const html = await (await page.request.get(env.base + '/')).text();
  assert.match(html, /role="status">Loading Partner Access Studio…</);
  assert.equal(await page.getByText('Loading Partner Access Studio…').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('acting as a partner user shows the Client Access Manager, a client user Users & Teams', async () => {
  const page = await openPage(env);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await actAs(page, 'Lars Nielsen — Custom');
  await nav.getByRole('link', { name: 'Client Access Manager' }).waitFor();
  // The partner account's own Users & Teams, where its employees are added.
  assert.equal(await nav.getByRole('link', { name: 'Users & Teams' }).getAttribute('href'), '/accounts/1/settings/users');
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();

  await actAs(page, 'Henrik Dahl — Super Admin');
  await nav.getByRole('link', { name: 'Users & Teams' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Client Access Manager' }).count(), 0);
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Acting as options are grouped per account with its kind', async () => {
  const page = await openPage(env);
  const groups = await page.locator('#acting-as optgroup').evaluateAll((gs) => gs.map((g) => g.label));
  assert.ok(groups.includes('BrightPath Digital (Solutions Partner)'));
  assert.ok(groups.includes('Nordlys Integrations (Provider)'));
  assert.ok(groups.includes('Fjord Outdoor AS (Client)'));
  await page.context().close();
});

test('a reload shows the same screen as the same person', async () => {
  const page = await openPage(env);
  await actAs(page, 'Kari Nordmann — Super Admin');
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  const url = page.url();
  await page.reload();
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  assert.equal(page.url(), url);
  const chosen = await page.getByLabel('Acting as').evaluate((s) => s.selectedOptions[0].textContent);
  assert.equal(chosen, 'Kari Nordmann — Super Admin');
  await page.getByRole('row', { name: /Van Dijk Retail/ }).waitFor();
  await page.context().close();
});

test('links move between screens without a reload; Back and Forward follow, and the current link is marked', async () => {
  const page = await openPage(env);
  await actAs(page, 'Henrik Dahl — Super Admin');
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  // A marker on window survives only if the page is never reloaded.
  await page.evaluate(() => { window.__sameDocument = true; });
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  const current = () => nav.locator('a[aria-current="page"]').allTextContents();
  assert.deepEqual(await current(), ['Users & Teams']);

  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  assert.match(page.url(), /\/accounts\/\d+\/audit-log$/);
  assert.deepEqual(await current(), ['Audit log']);
  // Focus moves to the new screen, as it would after a page load, and the
  // page starts at its top: the top bar (Acting as, the clock) stays in view.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'content');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.getByLabel('Acting as').waitFor();
  assert.ok((await page.getByLabel('Acting as').boundingBox()).y >= 0);

  await nav.getByRole('link', { name: 'Your data' }).click();
  await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();

  await page.goBack();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  assert.deepEqual(await current(), ['Audit log']);
  await page.goBack();
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();

  // The skip link moves within the page and leaves the screen as it is.
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  assert.match(page.url(), /\/audit-log#content$/);

  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an unknown route shows the not-found page', async () => {
  const page = await openPage(env, '/no/such/screen');
  await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Go to the accounts overview' }).click();
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  const missing = await openPage(env, '/accounts/999/settings/users');
  await missing.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
  await page.context().close();
  await missing.context().close();
});

test('a user without the right cannot open the Client Access Manager and is told why', async () => {
  const page = await openPage(env);
  await actAs(page, 'Erik Lund — Sales rep');
  await page.getByRole('heading', { name: "You can't open the Client Access Manager", level: 1 }).waitFor();
  await page.getByText('(R-CAM-1)').waitFor();
  await page.context().close();
});

test('Reset demo data asks first, and Cancel keeps everything', async () => {
  const page = await openPage(env);
  await actAs(page, 'Kari Nordmann — Super Admin');
  await page.getByRole('button', { name: 'Reset demo data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset demo data?' });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.getByLabel('Acting as').evaluate((s) => s.selectedOptions[0].textContent), 'Kari Nordmann — Super Admin');
  await page.getByRole('button', { name: 'Reset demo data' }).click();
  await dialog.getByRole('button', { name: 'Reset' }).click();
  await page.getByText('The demo data was restored.').waitFor();
  assert.equal(await page.getByLabel('Acting as').evaluate((s) => s.selectedOptions[0].textContent), 'Henrik Dahl — Super Admin');
  await page.context().close();
});

test('Users & Teams filters by a typed letter and by seat', async () => {
  const page = await openPage(env, '/accounts/10/settings/users');
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('brightpath');
  await page.getByText('Showing 3 of 9 users').waitFor();
  await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('');
  await page.getByLabel('Seat', { exact: true }).selectOption({ label: 'Partner seat' });
  await page.getByText('Showing 2 of 9 users').waitFor();
  const rows = page.getByRole('row', { name: /Partner seat/ });
  assert.equal(await rows.count(), 2);
  await page.context().close();
});

test('corrupted storage: the app starts with the demo, says so, and keeps the text aside', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('partner-access-studio/document', '{"schema_version": 1, "state": tru');
    }
  });
  const page = await context.newPage();
  await page.goto(env.base + '/');
  await page.getByRole('alert').filter({ hasText: 'Saved data could not be read' }).waitFor();
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('partner-access-studio/unreadable/0')));
  assert.equal(kept.head, '{"schema_version": 1, "state": tru');
  await context.close();
});

test('at 320 CSS pixels (400 % zoom) no screen scrolls sideways; only wide tables scroll inside', async () => {
  const page = await openPage(env);
  await page.setViewportSize({ width: 320, height: 640 });
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  assert.equal(await sideways(), 0, 'Accounts');
  await actAs(page, 'Henrik Dahl — Super Admin');
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  assert.equal(await sideways(), 0, 'Users & Teams');
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  assert.equal(await sideways(), 0, 'Client Access Manager');
  // The navigation is still one click away, above the screen.
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  assert.equal(await sideways(), 0, 'Audit log');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the browser tab is named after the screen shown', async () => {
  const page = await openPage(env);
  assert.equal(await page.title(), 'Accounts — Partner Access Studio');
  await actAs(page, 'Henrik Dahl — Super Admin');
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Users & Teams — Partner Access Studio');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Audit log — Partner Access Studio');
  await page.goBack();
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Users & Teams — Partner Access Studio');
  await page.goto(env.base + '/no/such/screen');
  await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Page not found — Partner Access Studio');
  await page.context().close();
});
