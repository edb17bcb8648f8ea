// Browser smoke test of the demo portal: the catalog loads and a service page
// shows the GitOps card with the simulator's applications.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PORTAL, launchBrowser, openPortalPage, screenshot } from './browser.mjs';

let browser;
let page;

before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

after(async () => {
  await browser?.close();
});

test('the catalog lists the demo services', async () => {
  await openPortalPage(page, `${PORTAL}/catalog`);
  await page.getByText('payments-api').first().waitFor({ timeout: 60_000 });
  assert.ok(await page.getByText('checkout-web').first().isVisible());
});

test('a service page shows the GitOps card with its applications', async () => {
  await openPortalPage(page, `${PORTAL}/catalog/default/component/payments-api`);
  const card = page.locator('[data-testid="gitops-card"]');
  await card.waitFor({ timeout: 60_000 });
  await card.getByText('payments-api-prod', { exact: true }).first().waitFor({ timeout: 30_000 });
  const text = await card.innerText();
  assert.match(text, /payments-api-dev/);
  assert.match(text, /payments-api-staging/);
  assert.match(text, /Degraded/);
  assert.match(text, /OutOfSync/);
  await screenshot(page, 'entity-card.png');
});
