// Offline and installable: after one visit the service worker has every
// built file, the studio starts, switches language and saves with the
// server gone; a new build waits until the person asks for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { launch, openDetails } from './harness.mjs';
import { serve } from './serve.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/// Serves `dir` on `port` (0: any free one) until `stop()`.
async function serving(dir, port = 0) {
  const server = await serve(dir, port);
  return {
    port: server.address().port,
    stop: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

/// Every file of a build, as the page asks for it ("/locales/nl.json").
async function builtFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => '/' + relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/// Opens `path` and waits until the service worker is active.
async function visit(context, base, path) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(base + path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active.state === 'activated');
  return page;
}

/// The caches the service worker keeps, each with the paths it holds.
function cached(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
    }
    return out;
  });
}

test('after one visit the studio starts, switches language and saves with the network gone', async () => {
  const site = await serving('dist');
  const base = `http://127.0.0.1:${site.port}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await visit(context, base, '/accounts/10/settings/users');

  // Exactly the built files are kept, under one cache named by the build.
  const caches = await cached(page);
  const names = Object.keys(caches);
  assert.equal(names.length, 1);
  assert.match(names[0], /^studio-[0-9a-f]{16}$/);
  const expected = (await builtFiles('dist')).filter((f) => f !== '/sw.js');
  assert.deepEqual(caches[names[0]], expected);
  for (const lang of ['en', 'nl', 'da', 'nb', 'sv']) {
    assert.ok(expected.includes(`/locales/${lang}.json`) && expected.includes(`/locales/domain/${lang}.json`));
  }

  // The server is gone and the browser is offline.
  await site.stop();
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('button', { name: 'Create user', exact: true }).waitFor();

  // A command is saved and survives a reload.
  const dialog = await openDetails(page, 'Erik Lund');
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('dialog', { name: 'Deactivate this user?' }).getByRole('button', { name: 'Deactivate' }).click();
  await dialog.getByRole('button', { name: 'Reactivate' }).waitFor();
  await page.keyboard.press('Escape');
  await page.reload();
  await page.getByRole('row', { name: /Erik Lund.*Deactivated/ }).waitFor();

  // Another language's catalogues come from the cache; so does any address.
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('button', { name: 'Gebruiker maken', exact: true }).waitFor();
  await page.goto(base + '/data');
  await page.getByRole('heading', { level: 1, name: 'Je gegevens' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a new build waits as "Reload to update" and takes over only when asked', async () => {
  // A copy of the build, so that the test can make a "next" build of it.
  const dir = await mkdtemp(join(tmpdir(), 'pas-offline-'));
  await cp('dist', dir, { recursive: true });
  let site = await serving(dir);
  const port = site.port;
  const base = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await visit(context, base, '/accounts/10/settings/users');
  const [first] = Object.keys(await cached(page));

  // The next build: the same files under a new build id.
  await site.stop();
  const sw = join(dir, 'sw.js');
  await writeFile(sw, (await readFile(sw, 'utf8')).replace(/const BUILD = '([0-9a-f]+)'/, "const BUILD = '$1-next'"));
  site = await serving(dir, port);

  // Opening the studio again finds it and says so; the page keeps running
  // the build it started with (both caches are there, the old one in use).
  await page.reload();
  const reload = page.getByRole('button', { name: 'Reload to update' });
  await reload.waitFor();
  assert.match(await page.getByRole('status').filter({ has: reload }).innerText(), /A new version of Partner Access Studio is ready/);
  assert.deepEqual(Object.keys(await cached(page)).sort(), [first, `${first}-next`].sort());
  await page.evaluate(() => { window.startedWith = 'first'; });

  await reload.click();
  await page.waitForFunction(() => window.startedWith === undefined);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(async () => (await caches.keys()).length === 1);
  assert.deepEqual(Object.keys(await cached(page)), [`${first}-next`]);
  assert.equal(await reload.count(), 0, 'the notice is gone once the new build runs');
  assert.deepEqual(page.errors, []);
  await context.close();
  await site.stop();
  await rm(dir, { recursive: true, force: true });
});

test('the browser can install the studio: a manifest with name, icons and standalone display', async () => {
  const site = await serving('dist');
  const base = `http://127.0.0.1:${site.port}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await visit(context, base, '/');
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  const data = JSON.parse(manifest.data);
  assert.equal(data.name, 'Partner Access Studio');
  assert.equal(data.display, 'standalone');
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are private windows, where no browser installs.
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  for (const icon of data.icons) {
    const response = await page.request.get(new URL(icon.src, base).href);
    assert.equal(response.status(), 200, icon.src);
    assert.equal(response.headers()['content-type'], icon.type, icon.src);
  }
  await context.close();
  await site.stop();
});
