// Browser benchmarks in headless Chromium with a large stored state, each
// next to a reference measured in the same run, timed with the page's own
// clock (performance.now). Prints a table: median, spread, ratio.
// Usage: node bench/browser.mjs big.json [runs] [audit.json]
// (dist/ must be built; audit.json, a state with a long audit log, is too
// large for localStorage and is brought in through Import.)
import { readFileSync } from 'node:fs';
import { start } from '../tests/e2e/harness.mjs';

const KEY = 'partner-access-studio/document';
const file = process.argv[2];
const runs = Number(process.argv[3] || 5);
const json = readFileSync(file, 'utf8');
const doc = JSON.parse(json);
const fjord = doc.state.accounts.find((a) => a.id === 10);
const rows = fjord.users.map((u) => [u.name, u.email, u.seat, u.set ? JSON.stringify(u.set) : 'Custom', u.status]);
const env = await start();

const figures = new Map();
const record = (name, ms) => { if (!figures.has(name)) figures.set(name, []); figures.get(name).push(ms); };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/// Runs `act` in the page and resolves with the ms until `done` holds, one
/// frame later (so that style and layout are included).
function timed(page, act, done) {
  return page.evaluate(({ act, done }) => new Promise((resolve) => {
    const cond = new Function(`return (${done});`);
    const t0 = performance.now();
    const finish = () => requestAnimationFrame(() => resolve(performance.now() - t0));
    const mo = new MutationObserver(() => { if (cond()) { mo.disconnect(); finish(); } });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    new Function(act)();
    if (cond()) { mo.disconnect(); finish(); }
  }), { act, done });
}

/// A context whose localStorage holds the large state as the app stores it
/// (a head and parts), brought in through Import like a person would.
async function seeded() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(({ key }) => {
    // Time every write of the document: its head (under `key`) and the
    // parts a save writes before it.
    const set = Storage.prototype.setItem;
    window.__saves = [];
    window.__writes = [];
    Storage.prototype.setItem = function (k, v) {
      const t0 = performance.now();
      set.call(this, k, v);
      if (k.startsWith('partner-access-studio/')) window.__writes.push(performance.now() - t0);
      if (k === key) window.__saves.push({ took: window.__writes.reduce((a, b) => a + b, 0), bytes: v.length });
      if (k === key) window.__writes = [];
    };
  }, { key: KEY });
  const page = await context.newPage();
  await page.goto(env.base + '/data');
  await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
  await page.getByLabel('Import', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Replace current data' }).click({ timeout: 300000 });
  await page.getByText(/Imported /).waitFor({ timeout: 300000 });
  await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('"parts"'), KEY);
  await page.close();
  return context;
}

/// Notes, on the page's own clock, when the Accounts heading is first in the
/// document and one frame later (drawn): the cold start. Reading the clock
/// after Playwright has seen the heading would add its polling and a round
/// trip (30–70 ms here) to the figure. Also notes when the Acting as
/// control holds more than the person acted as (with many accounts it is
/// filled just after the first screen is drawn).
function noteAccountsShown() {
  const mo = new MutationObserver(() => {
    const h = document.querySelector('h1');
    if (h && h.textContent.trim() === 'Accounts' && window.__heading === undefined) {
      window.__heading = performance.now();
      requestAnimationFrame(() => { window.__shown = performance.now(); });
    }
    const acting = document.getElementById('acting-as');
    if (acting && acting.options.length > 1) {
      mo.disconnect();
      requestAnimationFrame(() => { window.__listed = performance.now(); });
    }
  });
  mo.observe(document, { subtree: true, childList: true, characterData: true });
}

/// Waits for the Accounts heading and the Acting as options, and gives
/// the times each was drawn.
async function shownAt(page) {
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor({ timeout: 120000 });
  await page.waitForFunction(() => window.__shown !== undefined && window.__listed !== undefined);
  return page.evaluate(() => [window.__shown, window.__listed]);
}

/// Everything the app keeps in localStorage for the document: head and parts.
const STORED = `Object.keys(localStorage).filter((k) => k === 'partner-access-studio/document' || k.startsWith('partner-access-studio/part/')).map((k) => localStorage.getItem(k))`;

for (let i = 0; i < runs; i++) {
  // The same start with nothing stored: what booting the app costs alone.
  {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(noteAccountsShown);
    const page = await context.newPage();
    await page.goto(env.base + '/');
    record('cold start with nothing stored (demo data)', (await shownAt(page))[0]);
    await context.close();
  }
  const context = await seeded();
  await context.addInitScript(noteAccountsShown);
  const page = await context.newPage();
  await page.goto(env.base + '/');
  const [shown, listed] = await shownAt(page);
  record('cold start to interactive (navigation → accounts drawn)', shown);
  record('  Acting as filled with every account (just after)', listed);
  record('  reference: JSON.parse of the stored text', await page.evaluate((stored) => {
    const texts = new Function(`return ${stored}`)(); const t0 = performance.now(); for (const t of texts) JSON.parse(t); return performance.now() - t0;
  }, STORED));
  record('load of the stored state (read, parse, check)', await page.evaluate(() => performance.getEntriesByName('load')[0].duration));
  record('  reference: JSON.parse of the same text', figures.get('  reference: JSON.parse of the stored text').at(-1));

  // Users & Teams, reached inside the running app.
  record('Users & Teams first render, 10,000 users', await timed(page,
    `document.querySelector('a[href="/accounts/10/settings/users"]').click()`,
    `document.querySelectorAll('.user-table tbody tr').length >= 50`));
  record('  reference: vanilla JS renders the 10,000 rows', await page.evaluate((rows) => {
    const host = document.createElement('div');
    document.body.append(host);
    const t0 = performance.now();
    const table = document.createElement('table');
    const body = table.createTBody();
    for (const r of rows) { const tr = body.insertRow(); for (const c of r) tr.insertCell().textContent = c; }
    host.append(table);
    void table.offsetHeight;
    const took = performance.now() - t0;
    host.remove();
    return took;
  }, rows));
  const before = await page.locator('.count').innerText();
  record('filter by a typed letter', await timed(page,
    `const s = document.querySelector('input[type=search]'); s.value = 'k'; s.dispatchEvent(new Event('input', { bubbles: true }))`,
    `document.querySelector('.count').textContent !== ${JSON.stringify(before)}`));
  await page.evaluate(() => { const s = document.querySelector('input[type=search]'); s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true })); });

  // Create user wizard: open, then Send at the end.
  record('Create user wizard opens', await timed(page,
    `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Create user').click()`,
    `!!document.querySelector('dialog[open] textarea')`));
  const wizard = page.getByRole('dialog', { name: 'Create user' });
  // Through the steps to the last, where Send is.
  const fillWizard = async (email) => {
    await wizard.locator('textarea').fill(email);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Assign seat').selectOption({ label: 'View-only seat' });
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
  };
  const lastSave = () => page.evaluate(() => performance.getEntriesByName('save').at(-1).duration);
  await fillWizard(`bench${i}@fjordoutdoor.no`);
  let saves = await page.evaluate(() => window.__saves.length);
  record('Create user: Send → dialog closed', await timed(page,
    `[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Send').click()`,
    `!document.querySelector('dialog[open]')`));

  // The first save after a start also compiles the save code (V8 compiles
  // a wasm function when it is first called); a second command gives the
  // figure of every save after it, which the budget is about.
  await page.waitForFunction((n) => window.__saves.length > n, saves);
  record('first save after the start (includes compiling it)', await lastSave());
  await page.getByRole('button', { name: 'Create user' }).click();
  await fillWizard(`bench${i}b@fjordoutdoor.no`);
  saves = await page.evaluate(() => window.__saves.length);
  await wizard.getByRole('button', { name: 'Send' }).click();
  await page.waitForFunction((n) => window.__saves.length > n, saves);
  const save = await page.evaluate(() => window.__saves[window.__saves.length - 1]);
  record('save after one command (serialize + setItem)', await lastSave());
  record('  of which planning (compare, serialise)', await page.evaluate(() => performance.getEntriesByName('save: plan').at(-1).duration));
  record('  of which setItem of the changed parts and the head', save.took);
  record('  reference: raw setItem of as many characters', await page.evaluate((k) => {
    // The save wrote only what changed: as many characters as it wrote.
    const n = window.__lastSaveBytes;
    const text = localStorage.getItem(k).repeat(Math.ceil(n / localStorage.getItem(k).length)).slice(0, n);
    // The mean of ten new keys: one setItem is near the clock's 0.1 ms step.
    const t0 = performance.now();
    for (let j = 0; j < 10; j++) localStorage.setItem(`bench/copy${j}`, text);
    const took = (performance.now() - t0) / 10;
    for (let j = 0; j < 10; j++) localStorage.removeItem(`bench/copy${j}`);
    return took;
  }, KEY));
  record('  characters written by the save (a count, not ms)', await page.evaluate(() => window.__lastSaveBytes));

  // The partner with 500 clients and 2,000 employees.
  await page.getByLabel('Acting as').selectOption({ label: 'Lars Nielsen — Custom' });
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor({ timeout: 60000 });
  await page.getByRole('tab', { name: 'Employees' }).click();
  await page.locator('#panel-employees').waitFor();
  record('Clients tab render, 500 clients (first page)', await timed(page,
    `document.querySelector('#tab-clients').click()`,
    `document.querySelectorAll('#panel-clients tbody tr').length >= 100`));
  record('Clients tab search, one typed letter', await timed(page,
    `const s = document.querySelector('#panel-clients input[type=search]'); s.value = '7'; s.dispatchEvent(new Event('input', { bubbles: true }))`,
    `document.querySelectorAll('#panel-clients tbody tr').length < 100`));
  record('Employees tab render, 2,000 employees (first page)', await timed(page,
    `document.querySelector('#tab-employees').click()`,
    `document.querySelectorAll('#panel-employees > table:first-of-type tbody tr').length >= 100`));
  await context.close();
}
// The audit log of 50,000 entries, imported (it does not fit localStorage).
const auditFile = process.argv[4];
if (auditFile) {
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(env.base + '/data');
    await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
    const t0 = Date.now();
    await page.getByLabel('Import', { exact: true }).setInputFiles(auditFile);
    await page.getByRole('button', { name: 'Replace current data' }).waitFor({ timeout: 300000 });
    record('import of the 50,000-entry state (file chosen → summary)', Date.now() - t0);
    await page.getByRole('button', { name: 'Replace current data' }).click();
    await page.getByText(/Imported /).waitFor({ timeout: 300000 });
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor({ timeout: 300000 });
    await page.locator('table.audit tbody tr').first().waitFor({ timeout: 300000 });
    record('audit log filter, 50,000 entries (one typed character)', await timed(page,
      `const s = document.querySelector('.filters input[type=search]'); s.value = 'user4711@'; s.dispatchEvent(new Event('input', { bubbles: true }))`,
      `document.querySelectorAll('table.audit tbody tr').length < 50`));
    await context.close();
  }
}
await env.stop();

const pad = (s, n) => String(s).padEnd(n);
// Two decimals below 10 ms, where a tenth is a large part of the figure.
const ms = (x) => x.toFixed(x < 10 ? 2 : 1);
console.log(`\nBrowser benchmarks (${file}, ${runs} runs, headless Chromium)`);
console.log(pad('figure', 58) + pad('median ms', 11) + pad('min–max ms', 16) + 'ours ÷ reference');
let last = null;
for (const [name, xs] of figures) {
  const s = [...xs].sort((a, b) => a - b);
  const m = median(xs);
  const isRef = name.startsWith('  reference');
  const ratio = isRef && last ? `${(last / m).toFixed(2)}` : '';
  console.log(pad(name, 58) + pad(ms(m), 11) + pad(`${ms(s[0])}–${ms(s[s.length - 1])}`, 16) + ratio);
  if (!name.startsWith('  ')) last = m;
}
