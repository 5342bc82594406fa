// Measures Users & Teams with a large client account in headless Chromium:
// time from navigation to the first rendered page of rows, and the time to
// filter by one typed letter. Prints median and spread of several runs.
// Usage: node bench/users_table.mjs big.json [runs]   (dist/ must be built)
import { readFileSync } from 'node:fs';
import { start } from '../tests/e2e/harness.mjs';

const file = process.argv[2];
const runs = Number(process.argv[3] || 5);
const json = readFileSync(file, 'utf8');
const env = await start();
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms (min ${s[0].toFixed(1)}, max ${s[s.length - 1].toFixed(1)})`;
};
const render = [], filter = [];
for (let i = 0; i < runs; i++) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((doc) => {
    if (!localStorage.getItem('partner-access-studio/document')) localStorage.setItem('partner-access-studio/document', doc);
  }, json);
  const page = await context.newPage();
  await page.goto(env.base + '/accounts/10/settings/users');
  await page.locator('.user-table tbody tr:nth-child(50)').waitFor({ timeout: 60000 });
  render.push(await page.evaluate(() => performance.now()));
  filter.push(await page.evaluate(() => new Promise((resolve) => {
    const input = document.querySelector('input[type=search]');
    const count = document.querySelector('.count');
    const before = count.textContent;
    const t0 = performance.now();
    new MutationObserver(() => {
      if (count.textContent !== before) requestAnimationFrame(() => resolve(performance.now() - t0));
    }).observe(count, { subtree: true, characterData: true, childList: true });
    input.value = 'k';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  })));
  await context.close();
}
console.log(`Users & Teams, ${file}: first render (navigation → rows) ${stats(render)}`);
console.log(`Users & Teams, ${file}: filter by a typed letter (input → next frame) ${stats(filter)}`);
await env.stop();
