// Every demo service shows its applications on the card and on the GitOps tab,
// with no source errors: the Argo CD API route (two instances), the cluster
// route and Flux. Screenshots of each land in docs/images/scenarios/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { PORTAL, openPortalPage, usePortalPage } from './browser.mjs';

const SERVICES = {
  'payments-api': ['payments-api-dev', 'payments-api-staging', 'payments-api-prod'],
  'checkout-web': ['checkout-web-dev', 'checkout-web-staging', 'checkout-web-prod'],
  'orders-worker': ['orders-worker-dev', 'orders-worker-staging', 'orders-worker-prod'],
  'inventory-service': ['inventory-service-dev', 'inventory-service-prod'],
  'notifications-service': ['notifications-service', 'notifications-redis', 'notifications-templates'],
  'billing-api': ['billing-api-staging', 'billing-api-prod'],
};
const shots = join(import.meta.dirname, '..', 'docs', 'images', 'scenarios');

const portalPage = usePortalPage();

before(() => mkdirSync(shots, { recursive: true }));

for (const [service, apps] of Object.entries(SERVICES)) {
  test(`${service}: the card and the tab show ${apps.length} applications`, async () => {
    const page = portalPage();
    await openPortalPage(page, `${PORTAL}/catalog/default/component/${service}`);
    const card = page.getByTestId('gitops-card');
    for (const app of apps) {
      await card.getByText(app, { exact: true }).first().waitFor({ timeout: 60_000 });
    }
    // No source error (the attention hint is an alert too, and may name a cluster).
    const sourceErrors = card.locator('[role="alert"]:not([data-testid="gitops-card-hint"])');
    assert.equal(await sourceErrors.filter({ hasText: /instance|cluster/i }).count(), 0);
    await page.screenshot({ path: join(shots, `${service}-card.png`), fullPage: true });

    await openPortalPage(page, `${PORTAL}/catalog/default/component/${service}/gitops`);
    for (const app of apps) {
      await page.locator(`section[aria-label$=" ${app}"]`).first().waitFor({ timeout: 60_000 });
    }
    // Every application has a row in the overview; open panels load their guidance.
    const overview = page.getByTestId('gitops-overview');
    for (const app of apps) {
      await overview.getByRole('button', { name: `Show ${app}` }).waitFor({ timeout: 60_000 });
    }
    await page.screenshot({ path: join(shots, `${service}-tab.png`), fullPage: true });
  });
}

test('a component without GitOps annotations has no GitOps card', async () => {
  const page = portalPage();
  await openPortalPage(page, `${PORTAL}/catalog/default/component/marketing-site`);
  await page.getByText('A component without GitOps annotations').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('gitops-card').count(), 0);
});
