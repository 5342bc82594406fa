// Writes docs/screenshot.png, the README's picture: the Client Access
// Manager of the demo's Solutions Partner, as its Super Admin. Run after
// `trunk build --release --offline`: node scripts/screenshot.mjs
import { start, openPage, actAs } from '../tests/e2e/harness.mjs';

const env = await start();
try {
  const page = await openPage(env);
  await actAs(page, 'Sofie Jansen — Super Admin');
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Client Access Manager' })
    .click();
  await page.getByRole('heading', { name: 'Client Access Manager', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Clients' }).waitFor();
  // Wide enough for the top bar on one line, from the top of the page.
  await page.setViewportSize({ width: 1440, height: 760 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshot.png' });
} finally {
  await env.stop();
}
