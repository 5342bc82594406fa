// Every screen and dialog checked with axe-core (WCAG 2.1 A and AA rules):
// what a screen reader or keyboard user would trip over, found by machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, openPage, actAs, rowActions } from './harness.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

/// The violations axe finds on the page as it is now, one line each.
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return found;
}

async function check(page, where, all) {
  for (const v of await violations(page)) all.push(`${where}: ${v}`);
}

test('the screens of a client admin have no accessibility violations', async () => {
  const page = await openPage(env);
  const all = [];
  await check(page, 'Accounts', all);
  await page.getByRole('button', { name: 'Reset demo data' }).click();
  await page.getByRole('dialog', { name: 'Reset demo data?' }).waitFor();
  await check(page, 'Reset demo data?', all);
  await page.keyboard.press('Escape');
  await actAs(page, 'Henrik Dahl — Super Admin');
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  await check(page, 'Users & Teams', all);
  await page.getByRole('button', { name: 'Create user' }).click();
  const wizard = page.getByRole('dialog', { name: 'Create user' });
  await wizard.waitFor();
  await check(page, 'Create user, emails', all);
  await wizard.locator('textarea').fill('new.person@fjordoutdoor.no');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await check(page, 'Create user, seat', all);
  await wizard.getByLabel('Assign seat').selectOption({ label: 'View-only seat' });
  await wizard.getByRole('button', { name: 'Next' }).click();
  await check(page, 'Create user, access', all);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await check(page, 'Create user, review', all);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Henrik Dahl', exact: true }).click();
  await page.getByRole('dialog', { name: 'Henrik Dahl' }).waitFor();
  await check(page, 'User details', all);
  await page.keyboard.press('Escape');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  await check(page, 'Audit log', all);
  await nav.getByRole('link', { name: 'Your data' }).click();
  await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
  await check(page, 'Your data', all);
  await page.getByRole('link', { name: /Outbox/ }).click();
  await page.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
  await check(page, 'Outbox', all);
  await page.goto(env.base + '/no/such/screen');
  await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
  await check(page, 'Not found', all);
  assert.deepEqual(all, []);
  await page.context().close();
});

test('the screens of a partner have no accessibility violations', async () => {
  const page = await openPage(env);
  const all = [];
  await actAs(page, 'Lars Nielsen — Custom');
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  await check(page, 'Clients tab', all);
  for (const action of ['Add employees', 'Details']) {
    await rowActions(page, 'Fjord Outdoor (Bergen HQ)').click();
    await check(page, 'Clients tab, actions menu', all);
    await page.getByRole('button', { name: action, exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await check(page, `Clients tab, ${action}`, all);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  }
  await page.getByRole('button', { name: 'Get access link' }).click();
  await page.getByRole('dialog', { name: 'Get access link' }).waitFor();
  await check(page, 'Get access link', all);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.getByRole('tab', { name: 'Employees' }).click();
  await check(page, 'Employees tab', all);
  await page.getByRole('button', { name: 'Noor Visser', exact: true }).click();
  await page.getByRole('dialog', { name: 'Noor Visser' }).getByRole('button', { name: 'Actions', exact: true }).click();
  await check(page, 'Employee details', all);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await rowActions(page, 'Noor Visser').click();
  await page.getByRole('button', { name: 'Copy access link' }).click();
  const link = page.getByLabel('Access link for Noor Visser');
  await link.waitFor();
  await check(page, 'Employees tab, access link', all);
  const path = new URL(await link.inputValue()).pathname;
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Partner settings' }).click();
  await page.getByRole('heading', { name: 'Partner settings', level: 1 }).waitFor();
  await check(page, 'Partner settings', all);
  await actAs(page, 'Jeroen van Dijk — Super Admin');
  await page.goto(env.base + path);
  await page.getByRole('heading', { name: /asks for access/ }).waitFor();
  await check(page, 'Access link', all);
  assert.deepEqual(all, []);
  await page.context().close();
});

test('the keyboard focus ring is drawn with at least 3:1 contrast against what is behind it', async () => {
  const page = await openPage(env);
  await actAs(page, 'Henrik Dahl — Super Admin');
  await page.getByRole('heading', { name: 'Users & Teams', level: 1 }).waitFor();
  await page.locator('body').click({ position: { x: 1, y: 799 } });
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => {
      const lum = (rgb) => {
        const c = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map((x) => x / 255)
          .map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
      };
      const el = document.activeElement;
      if (el === document.body) return null; // past the last stop
      const style = getComputedStyle(el);
      // The outline lies just outside the element: on its parent's background.
      let bg = el.parentElement;
      while (bg && /rgba\(.*, 0\)|transparent/.test(getComputedStyle(bg).backgroundColor)) bg = bg.parentElement;
      const back = bg ? getComputedStyle(bg).backgroundColor : 'rgb(255, 255, 255)';
      const [a, b] = [lum(style.outlineColor), lum(back)].sort((x, y) => y - x);
      return { what: `${el.tagName} ${el.textContent.trim().slice(0, 20) || el.id}`, style: style.outlineStyle, ratio: (a + 0.05) / (b + 0.05) };
    }));
  }
  const weak = seen.filter(Boolean).filter((s) => s.style === 'none' || s.ratio < 3).map((s) => `${s.what}: ${s.style} ${s.ratio.toFixed(2)}`);
  assert.deepEqual(weak, []);
  await page.context().close();
});
