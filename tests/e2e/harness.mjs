// Shared set-up for end-to-end tests: the built app (dist/) served on
// 127.0.0.1 and Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/// Debian's Chromium, as every test drives it.
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export async function start() {
  const server = await serve('dist', 0);
  const { port } = server.address();
  const browser = await launch();
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    async stop() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/// A fresh browser context (empty localStorage) and a page that records
/// console errors and uncaught exceptions.
export async function openPage(env, path = '/') {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(env.base + path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

export async function actAs(page, optionLabel) {
  await page.getByLabel('Acting as').selectOption({ label: optionLabel });
}

/// Opens a user's details from Users & Teams; the dialog is named after them.
export async function openDetails(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  return dialog;
}

/// Deactivates a user from their details (confirming) and closes them again.
export async function deactivate(page, name) {
  const dialog = await openDetails(page, name);
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('dialog', { name: 'Deactivate this user?' }).getByRole('button', { name: 'Deactivate' }).click();
  await dialog.getByRole('button', { name: 'Reactivate' }).waitFor();
  await page.keyboard.press('Escape');
}

/// The Actions button of the table row whose header names `name` (the
/// button is named "Actions", as on screen, and described by its row).
export function rowActions(scope, name) {
  return scope
    .getByRole('row')
    .filter({ has: (typeof scope.page === 'function' ? scope.page() : scope).getByRole('rowheader', { name }) })
    .getByRole('button', { name: 'Actions', exact: true });
}
