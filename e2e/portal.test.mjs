// Browser smoke test of the demo portal: the catalog loads and a service page
// shows the GitOps card with the simulator's applications.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PORTAL, openPortalPage, screenshot, usePortalPage } from './browser.mjs';

const portalPage = usePortalPage();

test('the catalog lists the demo services', async () => {
  const page = portalPage();
  await openPortalPage(page, `${PORTAL}/`);
  await page.getByText('payments-api').first().waitFor({ timeout: 60_000 });
  assert.ok(await page.getByText('checkout-web').first().isVisible());
});

test('a service page shows the GitOps card with its applications', async () => {
  const page = portalPage();
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
