// The app in English, Dutch, Danish, Norwegian bokmål and Swedish: the
// switch, the first visit's pick, persistence, a whole journey in Danish,
// and labels that fit their buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

// The Users & Teams screen's main button, in the seed articles' words.
const CREATE_USER = {
  en: 'Create user',
  nl: 'Gebruiker maken',
  da: 'Opret bruger',
  nb: 'Opprett bruker',
  sv: 'Skapa användare',
};
const NAMES = { en: 'English', nl: 'Nederlands', da: 'Dansk', nb: 'Norsk bokmål', sv: 'Svenska' };

/// Opens `path` in a fresh context whose browser speaks `locale`.
async function openIn(locale, path) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(env.base + path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

/// Visible buttons whose text does not fit (clipped or overflowing).
async function clippedButtons(page) {
  return page.evaluate(() => [...document.querySelectorAll('button')]
    .filter((b) => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
    .map((b) => `${b.textContent.trim()} (${b.scrollWidth} > ${b.clientWidth})`));
}

for (const [code, label] of Object.entries(CREATE_USER)) {
  test(`switching to ${NAMES[code]} names the main button "${label}" and sets <html lang>`, async () => {
    const page = await openPage(env, '/accounts/10/settings/users');
    const select = page.getByLabel('Language');
    // Each language is named in itself.
    assert.deepEqual(await select.locator('option').allInnerTexts(), Object.values(NAMES));
    await select.selectOption(code);
    await page.getByRole('button', { name: label, exact: true }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), code);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('the first visit speaks the browser language, and a choice is remembered', async () => {
  const page = await openIn('nb-NO', '/accounts/10/settings/users');
  await page.getByRole('button', { name: 'Opprett bruker', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');
  await page.getByLabel('Språk').selectOption('sv');
  await page.getByRole('button', { name: 'Skapa användare', exact: true }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Skapa användare', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  await page.context().close();

  // A language the app does not speak falls back to English.
  const other = await openIn('de-DE', '/accounts/10/settings/users');
  await other.getByRole('button', { name: 'Create user', exact: true }).waitFor();
  assert.equal(await other.getAttribute('html', 'lang'), 'en');
  await other.context().close();
});

test('a whole journey in Danish: create a user, then a refusal naming its rule', async () => {
  const page = await openIn('da-DK', '/accounts/10/settings/users');
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Opret bruger' }).click();
  const wizard = page.getByRole('dialog', { name: 'Opret bruger' });
  await wizard.getByLabel('Tilføj e-mailadresse(r)').fill('lena.fors@fjordoutdoor.no, ikke-en-adresse');
  await wizard.getByRole('button', { name: 'Næste' }).click();
  // A validation error, in Danish, with what to fix.
  await wizard.getByText(/Række 2: “ikke-en-adresse” har intet @/).waitFor();
  await wizard.getByLabel('Tilføj e-mailadresse(r)').fill('lena.fors@fjordoutdoor.no');
  await wizard.getByRole('button', { name: 'Næste' }).click();
  // Seed 002: the Pladsfordeling dropdown.
  await wizard.getByLabel('Pladsfordeling').selectOption({ label: 'View-Only-sæde' });
  await wizard.getByRole('button', { name: 'Næste' }).click();
  await wizard.getByRole('radio', { name: 'Start med en skabelon' }).check();
  await wizard.getByLabel('Skabelon', { exact: true }).selectOption({ label: 'Marketingmedarbejder' });
  await wizard.getByRole('button', { name: 'Næste' }).click();
  await wizard.getByText('lena.fors@fjordoutdoor.no: Du er blevet tilføjet til Fjord Outdoor AS').waitFor();
  await wizard.getByRole('button', { name: 'Send' }).click();
  await wizard.waitFor({ state: 'hidden' });
  await page.getByText('Oprettede brugeren lena.fors@fjordoutdoor.no').waitFor();
  const row = page.getByRole('row', { name: /lena\.fors@fjordoutdoor\.no/ });
  assert.match(await row.innerText(), /View-Only-sæde\s+Marketingmedarbejder\s+Aktiv/);

  // Henrik is the only Super Admin of Fjord: Deactivate is not offered,
  // and his details say why, naming the rule.
  await page.getByRole('button', { name: 'Henrik Dahl', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Henrik Dahl' });
  await details.getByText('Henrik Dahl er den eneste superadministrator i Fjord Outdoor AS; gør først en anden til superadministrator. (R-CL-4)').first().waitFor();
  assert.equal(await details.getByRole('button', { name: 'Deaktiver' }).count(), 0);
  await page.keyboard.press('Escape');

  // The email and the audit entry read in Danish too.
  await page.getByRole('link', { name: /Udbakke/ }).click();
  await page.getByRole('rowheader', { name: 'Du er blevet tilføjet til Fjord Outdoor AS' }).waitFor();
  await page.getByRole('link', { name: 'Revisionslog' }).click();
  await page.getByRole('rowheader', { name: 'Oprettede brugeren lena.fors@fjordoutdoor.no' }).waitFor();

  // Switching language re-reads the same stored entry in another language.
  await page.getByLabel('Sprog').selectOption('nl');
  await page.getByRole('rowheader', { name: 'Gebruiker lena.fors@fjordoutdoor.no aangemaakt' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const code of Object.keys(CREATE_USER)) {
  test(`no button text is clipped at 1280×800 in ${NAMES[code]}`, async () => {
    const page = await openIn(code, '/accounts/10/settings/users');
    await page.getByRole('button', { name: CREATE_USER[code], exact: true }).waitFor();
    assert.deepEqual(await clippedButtons(page), [], 'Users & Teams');
    await page.getByRole('button', { name: CREATE_USER[code], exact: true }).click();
    await page.getByRole('dialog').first().waitFor();
    assert.deepEqual(await clippedButtons(page), [], 'Create user wizard');
    await page.keyboard.press('Escape');

    // The partner's Client Access Manager, as BrightPath's Super Admin.
    await page.locator('#acting-as').selectOption({ index: 0 });
    await page.goto(env.base + '/accounts/1/partner/client-access-manager');
    await page.getByRole('tab').first().waitFor();
    assert.deepEqual(await clippedButtons(page), [], 'Client Access Manager');
    await page.getByRole('tab').nth(1).click();
    assert.deepEqual(await clippedButtons(page), [], 'Client Access Manager, employees');
    await page.goto(env.base + '/data');
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.deepEqual(await clippedButtons(page), [], 'Your data');
    await page.context().close();
  });
}

test('when localStorage refuses the choice, the switch still changes the language', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k.endsWith('/language')) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  const page = await context.newPage();
  await page.goto(env.base + '/accounts/10/settings/users');
  await page.getByRole('button', { name: 'Create user', exact: true }).waitFor();
  await page.getByLabel('Language').selectOption('da');
  await page.getByRole('button', { name: 'Opret bruger', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'da');
  assert.match(page.url(), /\/accounts\/10\/settings\/users\?lang=da$/);
  await context.close();
});

// No catalogue is compiled into the browser build: every language's texts,
// English's too, are fetched at start.
test("a language whose texts cannot be fetched reads in English instead", async () => {
  // Requests a service worker answers would pass the route by.
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', serviceWorkers: 'block' });
  await context.route('**/locales/domain/nl.json', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(env.base + '/accounts/10/settings/users');
  await page.getByRole('button', { name: 'Create user', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('#booting').count(), 0, 'the loading line is gone');
  await context.close();
});

test('when no texts can be fetched, the page says so and offers a reload', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  let blocked = true;
  await context.route('**/locales/**', (route) => (blocked ? route.abort() : route.continue()));
  const page = await context.newPage();
  await page.goto(env.base + '/accounts/10/settings/users');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /screen texts .* could not be loaded/);
  assert.equal(await page.locator('#booting').count(), 0, 'no endless loading line');
  // Once the texts can be fetched again, Reload brings the app back.
  blocked = false;
  await page.getByRole('button', { name: 'Reload' }).click();
  await page.getByRole('button', { name: 'Create user', exact: true }).waitFor();
  await context.close();
});
