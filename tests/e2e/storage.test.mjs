// Storage as a person meets it: two tabs, export and import, data from a
// newer release, a full localStorage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, actAs, openDetails, deactivate } from './harness.mjs';

const DOC = 'partner-access-studio/document';
let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

async function newTab(context, path = '/') {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(env.base + path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

test('a change in one tab shows in the other', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const a = await newTab(context, '/accounts/10/settings/users');
  const b = await newTab(context, '/accounts/10/settings/users');
  await deactivate(a, 'Erik Lund');
  await a.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  await b.getByText('Updated with a change saved in another tab.').waitFor();
  await b.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  assert.deepEqual([...a.errors, ...b.errors], []);
  await context.close();
});

test('a tab that missed the other tab\'s save is refused, not saved over it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const a = await newTab(context, '/accounts/10/settings/users');
  // Tab b is asleep: it does not hear the storage event (a capturing
  // listener registered before the app's stops it).
  const b = await context.newPage();
  await b.addInitScript(() => window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true));
  await b.goto(env.base + '/accounts/10/settings/users');
  await b.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();

  await deactivate(a, 'Erik Lund');
  await a.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  const saved = await a.evaluate((k) => localStorage.getItem(k), DOC);

  // (Not the deactivate helper: this change is refused, so it never shows.)
  const maja = await openDetails(b, 'Maja Holm');
  await maja.getByRole('button', { name: 'Deactivate' }).click();
  await b.getByRole('dialog', { name: 'Deactivate this user?' }).getByRole('button', { name: 'Deactivate' }).click();
  await b.getByText('This data was changed in another tab, so your change was not made.').first().waitFor();
  // b now shows a's change, and a's document was not overwritten.
  await b.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  assert.equal(await b.getByRole('row', { name: /Maja Holm.*Deactivated/ }).count(), 0);
  assert.equal(await a.evaluate((k) => localStorage.getItem(k), DOC), saved);
  await context.close();
});

test('Export downloads the state; Import shows a summary, then replaces it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await newTab(context, '/accounts/10/settings/users');
  await deactivate(page, 'Erik Lund');
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Your data' }).click();
  await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'pas-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.schema_version, 4);

  // A bad file is refused with its problem, and nothing changes.
  const bad = join(dir, 'bad.json');
  const broken = structuredClone(exported);
  for (const acc of broken.state.accounts) for (const u of acc.users) u.set = null;
  await writeFile(bad, JSON.stringify(broken));
  await page.getByLabel('Import', { exact: true }).setInputFiles(bad);
  await page.getByText(/bad\.json cannot be imported: .*no active Super Admin \(R-CL-4\).*Nothing was changed\./).waitFor();

  // Reset, then import the export: Erik is deactivated again.
  await page.getByRole('button', { name: 'Reset demo data' }).click();
  await page.getByRole('dialog', { name: 'Reset demo data?' }).getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Your data' }).click();
  await page.getByLabel('Import', { exact: true }).setInputFiles(file);
  await page.getByText(/is valid\. Replace the current data with it\?/).waitFor();
  await page.getByRole('row', { name: /Users/ }).first().waitFor();
  await page.getByRole('button', { name: 'Replace current data' }).click();
  await page.getByText(/Imported /).waitFor();
  await page.getByRole('button', { name: 'Undo import' }).waitFor();
  await page.goto(env.base + '/accounts/10/settings/users');
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('data from a newer release is left untouched until the person chooses', async () => {
  const context = await env.browser.newContext();
  const newer = '{"schema_version": 99, "revision": 3, "state": {}}';
  await context.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('partner-access-studio/document', text);
    }
  }, newer);
  const page = await newTab(context, '/');
  const banner = page.getByRole('alert').filter({ hasText: 'newer release' });
  await banner.waitFor();
  await actAs(page, 'Kari Nordmann — Super Admin');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), DOC), newer);
  await banner.getByRole('button', { name: 'Start with demo data' }).click();
  await page.waitForFunction((k) => localStorage.getItem(k).includes('"schema_version":4'), DOC);
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('partner-access-studio/unreadable/0')));
  assert.equal(kept.head, newer);
  await context.close();
});

test('a full localStorage: the change stays, a banner offers Export, the next save clears it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await newTab(context, '/accounts/10/settings/users');
  // Fill the quota with another key, leaving too little for the document.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; ; i++) {
      try { localStorage.setItem('filler/' + i, chunk); } catch { break; }
    }
    let small = 'x'.repeat(1024);
    for (let i = 0; ; i++) {
      try { localStorage.setItem('filler-small/' + i, small); } catch { break; }
    }
  });
  await deactivate(page, 'Erik Lund');
  const banner = page.getByRole('alert').filter({ hasText: 'Your latest change is not saved in this browser' });
  await banner.waitFor();
  await banner.getByRole('button', { name: 'Export' }).waitFor();
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  // Free space; the next change saves both.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler')) localStorage.removeItem(k);
  });
  const dialog = await openDetails(page, 'Erik Lund');
  await dialog.getByRole('button', { name: 'Reactivate' }).click();
  await banner.waitFor({ state: 'hidden' });
  // Both changes are stored: a reload shows Erik active again, with the
  // deactivation and the reactivation in the audit log.
  await page.reload();
  await page.getByRole('row', { name: /Erik Lund.*Active/ }).waitFor();
  const parts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('partner-access-studio/part/')));
  assert.ok(parts.length > 0, 'the users live in parts of their own');
  await context.close();
});

test('many client accounts: the overview shows them a page at a time', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(env.base + '/data');
  await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'pas-'));
  const file = join(dir, 'many.json');
  await download.saveAs(file);
  const doc = JSON.parse(await readFile(file, 'utf8'));
  // 150 more client accounts, each a copy of the smallest client.
  const smallest = doc.state.accounts.filter((a) => a.kind === 'Client').sort((a, b) => a.users.length - b.users.length)[0];
  let nextUser = doc.state.next_user_id;
  for (let i = 0; i < 150; i++) {
    const copy = structuredClone(smallest);
    copy.id = 5000 + i;
    copy.name = `Copied Client ${String(i).padStart(3, '0')}`;
    for (const u of copy.users) u.id = nextUser++;
    doc.state.accounts.push(copy);
  }
  doc.state.next_user_id = nextUser;
  await writeFile(file, JSON.stringify(doc));
  await page.getByLabel('Import', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Replace current data' }).click();
  await page.getByText(/Imported /).waitFor();
  await page.getByRole('button', { name: 'Undo import' }).waitFor();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  const total = doc.state.accounts.length;
  assert.equal(await page.locator('tbody tr').count(), 100);
  await page.getByText(`Page 1 of ${Math.ceil(total / 100)}`).waitFor();
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next page' }).click();
  await page.getByRole('row', { name: /Copied Client 149/ }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), total - 100);
  // The links of the second page open their account.
  await page.getByRole('row', { name: /Copied Client 149/ }).getByRole('link').click();
  await page.getByText(/This screen belongs to Copied Client 149\./).waitFor();
  assert.match(page.url(), /\/accounts\/5149\//);
  // A fresh start: the first screen's Acting as holds the person acted as,
  // and every account just after.
  await page.reload();
  const acting = page.getByLabel('Acting as');
  assert.match(await acting.evaluate((s) => s.selectedOptions[0].textContent), / — /);
  await page.waitForFunction((n) => document.querySelectorAll('#acting-as optgroup').length === n, total);
  await acting.selectOption({ label: 'Kari Nordmann — Super Admin' });
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  await context.close();
});

test('a damaged part: the whole document is kept aside through two reloads and downloads as one file', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await newTab(context, '/accounts/10/settings/users');
  await deactivate(page, 'Erik Lund');
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  // Damage one users part, as the reproduction does.
  const before = await page.evaluate(() => {
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('partner-access-studio/part/'));
    const damaged = keys.find((k) => k.includes('/part/users-'));
    localStorage.setItem(damaged, 'x');
    return Object.fromEntries(
      [...keys, 'partner-access-studio/document'].map((k) => [k, localStorage.getItem(k)]));
  });
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Saved data could not be read' });
  await banner.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download raw data' }).click(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'pas-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const slots = JSON.parse(await readFile(file, 'utf8'));
  assert.deepEqual(Object.keys(slots), ['partner-access-studio/unreadable/0']);
  // Two more starts: the demo data is saved, the kept document stays whole.
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const slot = await page.evaluate(() => localStorage.getItem('partner-access-studio/unreadable/0'));
  assert.equal(slot, slots['partner-access-studio/unreadable/0'], 'the download is exactly what is kept');
  const kept = JSON.parse(slot);
  assert.equal(kept.head, before['partner-access-studio/document']);
  for (const [key, text] of Object.entries(before)) {
    if (key.includes('/part/')) assert.equal(kept.parts[key], text, key);
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Reset and Import keep what they replace: Undo reset puts it back', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await newTab(context, '/accounts/10/settings/users');
  await deactivate(page, 'Erik Lund');
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  await page.getByRole('button', { name: 'Reset demo data' }).click();
  await page.getByRole('dialog', { name: 'Reset demo data?' }).getByRole('button', { name: 'Reset' }).click();
  await page.getByText('The demo data was restored.').waitFor();
  assert.ok(await page.evaluate(() => localStorage.getItem('partner-access-studio/replaced')), 'the replaced data is kept');
  await page.getByRole('row', { name: /Erik Lund.*Active/ }).waitFor();
  await page.getByRole('button', { name: 'Undo reset' }).click();
  await page.getByText('The data from before is back.').waitFor();
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  // And it is what is stored: a reload shows it.
  await page.reload();
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
