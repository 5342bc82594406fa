// Every procedure of the help articles (../shared/seeds), followed step by
// step from the demo data, finding each control by its role and visible
// name: once in English and once in each language the procedure's article
// is written in (000 and 001 Dutch, 002 Danish, 003 Norwegian, 004 Swedish).
//
// A procedure is written once, against the label keys of the catalogues
// (`locales/<lang>.json` for screens, `locales/domain/<lang>.json` for what
// the core names: seats, sets, access types). Where an article names a
// control, `words` pins the article's own word for it, so a catalogue that
// drifts from the article fails here before the steps run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const LOCALES = { en: 'en-GB', nl: 'nl-NL', da: 'da-DK', nb: 'nb-NO', sv: 'sv-SE' };

function readCatalogue(path) {
  return JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
}

/// `{{ name }}` placeholders filled from `args`.
function fill(template, args) {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => {
    assert.ok(k in args, `no value for {{ ${k} }} in "${template}"`);
    return String(args[k]);
  });
}

/// The words of one language: `t` for screen labels, `d` for the core's.
function wordsOf(lang) {
  const ui = readCatalogue(`locales/${lang}.json`);
  const domain = readCatalogue(`locales/domain/${lang}.json`);
  const look = (catalogue, kind) => (key, args = {}) => {
    assert.ok(key in catalogue, `locales/${kind}${lang}.json has no "${key}"`);
    return fill(catalogue[key], args);
  };
  return { lang, t: look(ui, ''), d: look(domain, 'domain/') };
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/// A pattern matching the given texts in this order, anything between.
const inOrder = (...parts) => new RegExp(parts.map(escape).join('.*'), 's');

/// A fresh context whose browser speaks `lang`, on `path`.
async function openIn(lang, path = '/') {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: LOCALES[lang] });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(env.base + path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  return page;
}

/// `Acting as` the user named `name` whose access in their account reads
/// as the domain text `access` (`set.super_admin`, `set.custom`, …).
async function actAs(page, w, name, access) {
  await page.getByLabel(w.t('acting_as')).selectOption({ label: `${name} — ${w.d(access)}` });
}

/// The table row whose header names `name`.
function rowOf(scope, name) {
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  return scope.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
}

/// A row's `Actions` > the action named by the label key `action`.
async function rowAction(scope, w, name, action) {
  const row = rowOf(scope, name);
  await row.getByRole('button', { name: w.t('actions'), exact: true }).click();
  await row.getByRole('button', { name: w.t(action), exact: true }).click();
}

/// Settings > Users & Teams, by the navigation.
async function goToUsersAndTeams(page, w) {
  await page.getByRole('navigation', { name: w.t('main_navigation') })
    .getByRole('link', { name: w.t('nav_users_and_teams'), exact: true }).click();
  await page.getByRole('heading', { name: w.t('users_title'), level: 1 }).waitFor();
}

/// Partner > Client Access Manager, by the navigation, on the tab asked for.
async function goToClientAccessManager(page, w, tab) {
  await page.getByRole('navigation', { name: w.t('main_navigation') })
    .getByRole('link', { name: w.t('nav_client_access_manager'), exact: true }).click();
  await page.getByRole('heading', { name: w.t('cam_title'), level: 1 }).waitFor();
  await page.getByRole('tab', { name: w.t(tab) }).click();
  return page.getByRole('tabpanel');
}

/// The users table row of `email` on Users & Teams.
const userRow = (page, email) => page.getByRole('row', { name: new RegExp(escape(email)) });

/// Create user, in the wizard's four steps; `seat` and `set` are domain keys.
async function createUser(page, w, email, seat, set) {
  await page.getByRole('button', { name: w.t('create_user'), exact: true }).click();
  const wizard = page.getByRole('dialog', { name: w.t('create_user_title') });
  await wizard.getByLabel(w.t('step_emails')).fill(email);
  await wizard.getByRole('button', { name: w.t('next'), exact: true }).click();
  await wizard.getByLabel(w.t('assign_seat')).selectOption({ label: w.d(seat) });
  await wizard.getByRole('button', { name: w.t('next'), exact: true }).click();
  await wizard.getByRole('radio', { name: w.t('start_with_template') }).check();
  await wizard.getByLabel(w.t('template'), { exact: true }).selectOption({ label: w.d(set) });
  await wizard.getByRole('button', { name: w.t('next'), exact: true }).click();
  await wizard.getByRole('button', { name: w.t('send'), exact: true }).click();
  await wizard.waitFor({ state: 'hidden' });
}

/// A client's details in the Client Access Manager: Clients tab, the
/// client's row, Actions > Details.
async function clientDetails(page, w, client) {
  const panel = await goToClientAccessManager(page, w, 'tab_clients');
  await rowAction(panel, w, client, 'details');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

/// The link an employee would send, copied from the Employees tab.
async function copyAccessLinkFor(page, w, employee) {
  const panel = await goToClientAccessManager(page, w, 'tab_employees');
  await rowAction(panel, w, employee, 'copy_access_link');
  const field = page.getByLabel(w.t('access_link_label', { name: employee }));
  await field.waitFor();
  return new URL(await field.inputValue()).pathname;
}

const PROCEDURES = [
  {
    articles: { '000': 'nl', '002': 'da' },
    title: 'assign the Partner seat in the client\'s account (Create user)',
    words: {
      nl: { create_user: 'Gebruiker maken', next: 'Volgende', send: 'Verzenden' },
      da: { create_user: 'Opret bruger', step_emails: 'Tilføj e-mailadresse(r)', assign_seat: 'Pladsfordeling', next: 'Næste', send: 'Send' },
    },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Henrik Dahl', 'set.super_admin');
      await goToUsersAndTeams(page, w);
      await createUser(page, w, 'ingrid.berg@brightpath.io', 'seat.partner', 'set.marketer');
      const row = userRow(page, 'ingrid.berg@brightpath.io');
      assert.match(await row.innerText(), inOrder(w.d('seat.partner'), w.d('set.marketer'), w.d('status.active')));
      return page;
    },
  },
  {
    articles: { '000': 'nl', '002': 'da' },
    title: 'change a user\'s seat to the Partner seat in the client\'s account (Edit permissions)',
    words: {
      nl: { edit_permissions: 'Machtigingen bewerken', save: 'Opslaan' },
      da: { edit_permissions: 'Rediger tilladelser', save: 'Gem' },
    },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Henrik Dahl', 'set.super_admin');
      await goToUsersAndTeams(page, w);
      // "Hover over the user and click Edit permissions."
      const row = userRow(page, 'noor.visser@brightpath.io');
      await row.hover();
      await row.getByRole('button', { name: w.t('edit_permissions') }).click();
      const dialog = page.getByRole('dialog', { name: 'Noor Visser' });
      await dialog.getByLabel(w.t('assign_seat')).selectOption({ label: w.d('seat.partner') });
      await dialog.getByRole('radio', { name: w.t('start_with_template') }).check();
      await dialog.getByLabel(w.t('template'), { exact: true }).selectOption({ label: w.d('set.service_agent') });
      await dialog.getByRole('button', { name: w.t('save'), exact: true }).click();
      await dialog.getByRole('button', { name: w.t('close'), exact: true }).click();
      await page.waitForFunction((seat) => [...document.querySelectorAll('tr')]
        .some((r) => r.innerText.includes('noor.visser@') && r.innerText.includes(seat)), w.d('seat.partner'));
      assert.match(await row.innerText(), inOrder(w.d('seat.partner'), w.d('set.service_agent')));
      return page;
    },
  },
  {
    articles: { '000': 'nl', '002': 'da' },
    title: 'the Partner seat from the partner\'s account: a Partner admin changes the permissions',
    words: {},
    async run(w) {
      // Noor was added to Fjord Outdoor on a View-only seat; Sofie is
      // Partner admin there and changes Noor's set from BrightPath.
      const page = await openIn(w.lang);
      await actAs(page, w, 'Sofie Jansen', 'set.super_admin');
      const dialog = await clientDetails(page, w, 'Fjord Outdoor (Bergen HQ)');
      await rowAction(dialog, w, 'Noor Visser', 'change_permission_set');
      await dialog.getByRole('combobox', { name: w.t('col_set') }).selectOption({ label: w.d('set.marketer') });
      await dialog.getByRole('button', { name: w.t('confirm'), exact: true }).click();
      // No extra step: the seat is the Partner seat (R-SEAT-7).
      await dialog.getByRole('row', { name: inOrder('Noor Visser', w.d('seat.partner'), w.d('set.marketer')) }).waitFor();
      return page;
    },
  },
  {
    articles: { '001': 'nl', '003': 'nb' },
    title: 'give Partner admin by approving an access link',
    words: {
      nl: { approve: 'Goedkeuren' },
      nb: { approve: 'Godkjenn' },
    },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Lars Nielsen', 'set.custom');
      const path = await copyAccessLinkFor(page, w, 'Noor Visser');
      // The client clicks the link, Approve, and chooses the account.
      await actAs(page, w, 'Jeroen van Dijk', 'set.super_admin');
      await page.goto(env.base + path);
      await page.getByRole('heading', { name: w.t('link_request_title', { name: 'Noor Visser', partner: 'BrightPath Digital' }) }).waitFor();
      await page.getByRole('button', { name: w.t('approve'), exact: true }).click();
      await page.getByRole('radio', { name: 'Van Dijk Retail B.V.' }).check();
      await page.getByRole('button', { name: w.t('confirm_approval'), exact: true }).click();
      await page.getByRole('heading', { name: w.t('approved_title') }).waitFor();
      await page.getByRole('link', { name: w.t('go_to_users') }).click();
      const row = userRow(page, 'noor.visser@brightpath.io');
      await row.waitFor();
      assert.match(await row.innerText(), inOrder(w.d('seat.partner'), w.d('set.partner_admin'), w.d('status.active'), 'BrightPath Digital'));
      return page;
    },
  },
  {
    articles: { '001': 'nl', '003': 'nb' },
    title: 'migrate a Super Admin to Partner admin by editing their permissions',
    words: {},
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Karin Lindqvist', 'set.super_admin');
      await goToUsersAndTeams(page, w);
      const row = userRow(page, 'sofie.jansen@brightpath.io');
      await row.hover();
      await row.getByRole('button', { name: w.t('edit_permissions') }).click();
      const dialog = page.getByRole('dialog', { name: 'Sofie Jansen' });
      // A Partner admin needs the Partner seat first.
      await dialog.getByLabel(w.t('assign_seat')).selectOption({ label: w.d('seat.partner') });
      await dialog.getByRole('radio', { name: w.t('start_with_template') }).check();
      await dialog.getByLabel(w.t('template'), { exact: true }).selectOption({ label: w.d('set.partner_admin') });
      await dialog.getByRole('button', { name: w.t('save'), exact: true }).click();
      await dialog.getByRole('button', { name: w.t('close'), exact: true }).click();
      await page.waitForFunction((set) => [...document.querySelectorAll('tr')]
        .some((r) => r.innerText.includes('sofie.jansen@') && r.innerText.includes(set)), w.d('set.partner_admin'));
      assert.match(await row.innerText(), inOrder(w.d('seat.partner'), w.d('set.partner_admin')));
      return page;
    },
  },
  {
    articles: { '001': 'nl', '003': 'nb' },
    title: 'create a Partner admin directly (Create user)',
    words: {
      nl: { start_with_template: 'Start met een sjabloon', next: 'Volgende' },
      nb: { create_user: 'Opprett bruker', start_with_template: 'Start med en mal', next: 'Neste', send: 'Inviter' },
    },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Henrik Dahl', 'set.super_admin');
      await goToUsersAndTeams(page, w);
      await createUser(page, w, 'lars.nielsen@brightpath.io', 'seat.partner', 'set.partner_admin');
      const row = userRow(page, 'lars.nielsen@brightpath.io');
      assert.match(await row.innerText(), inOrder(w.d('seat.partner'), w.d('set.partner_admin'), w.d('status.active')));
      return page;
    },
  },
  {
    articles: { '004': 'sv' },
    title: 'get the access link and copy it',
    words: { sv: { get_access_link: 'Hämta åtkomstlänk', copy_link: 'Kopiera länk' } },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Lars Nielsen', 'set.custom');
      await goToClientAccessManager(page, w, 'tab_clients');
      await page.getByRole('button', { name: w.t('get_access_link'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w.t('get_access_link') });
      await dialog.getByRole('button', { name: w.t('copy_link'), exact: true }).click();
      await dialog.getByRole('status').filter({ hasText: w.t('link_copied') }).waitFor();
      const link = await dialog.getByLabel(w.t('access_link_label', { name: 'Lars Nielsen' })).inputValue();
      assert.match(link, /\/access-link\/\S+$/);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
      return page;
    },
  },
  {
    articles: { '004': 'sv' },
    title: 'send an access link on an employee\'s behalf',
    words: { sv: { tab_employees: 'Anställda', actions: 'Åtgärder', copy_access_link: 'Kopiera åtkomstlänk' } },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Lars Nielsen', 'set.custom');
      const panel = await goToClientAccessManager(page, w, 'tab_employees');
      // "Click the name of an employee. Click Actions, Copy access link."
      await panel.getByRole('button', { name: 'Noor Visser', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Noor Visser' });
      await dialog.getByRole('button', { name: w.t('actions'), exact: true }).click();
      await dialog.getByRole('button', { name: w.t('copy_access_link'), exact: true }).click();
      await dialog.getByRole('status').filter({ hasText: w.t('link_copied') }).waitFor();
      const link = await dialog.getByLabel(w.t('access_link_label', { name: 'Noor Visser' })).inputValue();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
      return page;
    },
  },
  {
    articles: { '004': 'sv' },
    title: 'add employees to a client',
    words: { sv: { tab_clients: 'Klienter', add_employees: 'Lägg till anställda', employees_label: 'Anställda', col_set: 'Behörighetsuppsättning' } },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Sofie Jansen', 'set.super_admin');
      const panel = await goToClientAccessManager(page, w, 'tab_clients');
      await rowAction(panel, w, 'Fjord Outdoor (Bergen HQ)', 'add_employees');
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(w.t('employees_label'), { exact: true }).selectOption([
        { label: 'Lars Nielsen (lars.nielsen@brightpath.io)' },
        { label: 'Ingrid Berg (ingrid.berg@brightpath.io)' },
      ]);
      await dialog.getByRole('combobox', { name: w.t('col_set') }).selectOption({ label: w.d('set.marketer') });
      await dialog.getByRole('button', { name: w.t('add'), exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const details = await clientDetails(page, w, 'Fjord Outdoor (Bergen HQ)');
      for (const name of ['Lars Nielsen', 'Ingrid Berg']) {
        await details.getByRole('row', { name: inOrder(name, w.d('seat.partner'), w.d('set.marketer'), w.d('status.active')) }).waitFor();
      }
      return page;
    },
  },
  {
    articles: { '004': 'sv' },
    title: 'link an existing employee to a client',
    words: { sv: { link_clients: 'Länka klienter', confirm: 'Bekräfta' } },
    async run(w) {
      // Maja works for BrightPath from her own mail domain and is already a
      // user of Fjord Outdoor: linking gives the partner managed credit.
      const page = await openIn(w.lang);
      await actAs(page, w, 'Lars Nielsen', 'set.custom');
      const panel = await goToClientAccessManager(page, w, 'tab_employees');
      await rowAction(panel, w, 'Maja Holm', 'link_clients');
      const dialog = page.getByRole('dialog', { name: w.t('link_clients_for', { name: 'Maja Holm' }) });
      await dialog.getByLabel(w.t('client'), { exact: true }).selectOption({ label: 'Fjord Outdoor (Bergen HQ)' });
      await dialog.getByRole('button', { name: w.t('confirm'), exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await panel.getByRole('row', { name: inOrder('Maja Holm', 'Fjord Outdoor (Bergen HQ)') }).waitFor();
      return page;
    },
  },
  {
    articles: { '004': 'sv' },
    title: 'change an employee\'s permission set in a client',
    words: { sv: { details: 'Detaljer', change_permission_set: 'Ändra behörighetsuppsättning', confirm: 'Bekräfta' } },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Sofie Jansen', 'set.super_admin');
      const dialog = await clientDetails(page, w, 'Fjord Outdoor (Bergen HQ)');
      await rowAction(dialog, w, 'Erik Lund', 'change_permission_set');
      await dialog.getByRole('combobox', { name: w.t('col_set') }).selectOption({ label: w.d('set.sales_rep') });
      await dialog.getByRole('button', { name: w.t('confirm'), exact: true }).click();
      await dialog.getByRole('row', { name: inOrder('Erik Lund', w.d('seat.partner'), w.d('set.sales_rep')) }).waitFor();
      return page;
    },
  },
  {
    articles: { '004': 'sv' },
    title: 'remove an employee from clients, reviewing what they own',
    words: { sv: { remove_from_clients: 'Ta bort medarbetaren från klienter', next: 'Nästa', done: 'Klar' } },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Sofie Jansen', 'set.super_admin');
      const panel = await goToClientAccessManager(page, w, 'tab_employees');
      await rowAction(panel, w, 'Erik Lund', 'remove_from_clients');
      const dialog = page.getByRole('dialog', { name: w.t('remove_from_clients_title', { name: 'Erik Lund' }) });
      // Every client where Erik is a user, with what he owns there.
      await dialog.getByText('Campaign ROI', { exact: false }).waitFor();
      await dialog.getByRole('checkbox', { name: 'Fjord Outdoor (Bergen HQ)' }).check();
      await dialog.getByRole('button', { name: w.t('next'), exact: true }).click();
      await dialog.getByLabel(`${w.t('reassign_to')} — Fjord Outdoor (Bergen HQ)`)
        .selectOption({ label: 'Henrik Dahl (henrik.dahl@fjordoutdoor.no)' });
      await dialog.getByRole('button', { name: w.t('done'), exact: true }).click();
      await dialog.getByRole('button', { name: w.t('close'), exact: true }).click();
      await page.waitForFunction(() => ![...document.querySelectorAll('tr')]
        .some((r) => r.innerText.startsWith('Erik Lund') && r.innerText.includes('Fjord')));
      return page;
    },
  },
  {
    articles: { '004': 'sv' },
    title: 'remove all employees from a client',
    words: { sv: { access_types: 'Åtkomsttyper', remove_partner_employees: 'Ta bort partnermedarbetare', confirm_removal: 'Bekräfta borttagning' } },
    async run(w) {
      const page = await openIn(w.lang);
      await actAs(page, w, 'Kari Nordmann', 'set.super_admin');
      const panel = await goToClientAccessManager(page, w, 'tab_clients');
      // "Click the Access types filter and check every box."
      const types = panel.getByRole('group', { name: w.t('access_types') });
      for (const key of ['access_type.partner_admin', 'access_type.super_admin', 'access_type.other_set', 'access_type.deactivated']) {
        await types.getByLabel(w.d(key), { exact: true }).check();
      }
      // "Click the name of the client."
      await panel.getByRole('button', { name: 'Van Dijk Retail', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('checkbox', { name: w.t('select_all') }).check();
      await dialog.getByRole('button', { name: w.t('remove_partner_employees'), exact: true }).click();
      await dialog.getByText('120 companies', { exact: false }).waitFor();
      await dialog.getByLabel(w.t('reassign_to')).selectOption({ label: 'Jeroen van Dijk (jeroen@vandijkretail.nl)' });
      await dialog.getByRole('button', { name: w.t('confirm_removal'), exact: true }).click();
      await dialog.getByRole('button', { name: w.t('confirm_removal') }).waitFor({ state: 'hidden' });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // The relationship ends 60 days after the last partner activity.
      await panel.getByRole('row', { name: inOrder('Van Dijk Retail', w.t('relationship_ending', { date: '2027-01-22' })) }).waitFor();
      return page;
    },
  },
  {
    articles: { '004': 'sv' },
    title: 'change to partner admin, keeping billing permissions',
    words: { sv: { change_to_partner_admin: 'Ändra till partneradministratör', keep_billing: 'Behåll faktureringsbehörighet', confirm: 'Bekräfta' } },
    async run(w) {
      // Sofie is Super Admin of Lindqvist Bygg beside Karin.
      const page = await openIn(w.lang);
      await actAs(page, w, 'Sofie Jansen', 'set.super_admin');
      const panel = await goToClientAccessManager(page, w, 'tab_clients');
      await rowAction(panel, w, 'Lindqvist Bygg', 'change_to_partner_admin');
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(w.t('keep_billing')).check();
      await dialog.getByRole('button', { name: w.t('confirm'), exact: true }).click();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await actAs(page, w, 'Karin Lindqvist', 'set.super_admin');
      const row = userRow(page, 'sofie.jansen@brightpath.io');
      await row.waitFor();
      assert.match(await row.innerText(), inOrder(w.d('seat.partner'), w.d('set.partner_admin')));
      return page;
    },
  },
];

for (const procedure of PROCEDURES) {
  const langs = ['en', ...new Set(Object.values(procedure.articles))];
  const from = Object.keys(procedure.articles).join(', ');
  for (const lang of langs) {
    test(`article ${from}: ${procedure.title} (${lang})`, async () => {
      const w = wordsOf(lang);
      for (const [key, word] of Object.entries(procedure.words[lang] ?? {})) {
        assert.equal(w.t(key), word, `locales/${lang}.json "${key}" should be the article's word`);
      }
      const page = await procedure.run(w);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}
