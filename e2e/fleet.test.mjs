// Browser test of the fleet view: the demo's applications across both Argo CD
// instances and the cluster, with their owners, grouped by app of apps, the
// unclaimed ones apart, and each row leading to its entity's GitOps tab.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PORTAL, openPortalPage, screenshotPath, usePortalPage } from './browser.mjs';

const portalPage = usePortalPage({ viewport: { width: 1400, height: 1000 } });
const FLEET = `${PORTAL}/gitops-fleet`;
const rowOf = (table, name) => table.locator(`[data-testid^="fleet-row-"][data-testid$="/${name}"]`);

test('the fleet lists the demo’s applications with owners, most urgent first', async () => {
  const page = portalPage();
  await openPortalPage(page, FLEET);
  const claimed = page.getByRole('table', { name: 'Applications claimed by catalog entities' });
  await rowOf(claimed, 'payments-api-prod').waitFor({ timeout: 60_000 });
  // Every demo application an entity claims: 7 on central, 4 on edge, 5 on the cluster.
  assert.equal(await claimed.locator('[data-testid^="fleet-row-"]').count(), 16);
  assert.match(await rowOf(claimed, 'payments-api-prod').innerText(), /payments-api[\s\S]*payments-team/);
  assert.match(await rowOf(claimed, 'notifications-service').innerText(), /fulfilment-team/);
  // The first row needs attention; healthy ones come last.
  const first = await claimed.locator('[data-testid^="fleet-row-"]').first().innerText();
  assert.doesNotMatch(first, /Synced\s+Healthy/);

  const unclaimed = page.getByRole('table', { name: 'Applications no catalog entity claims' });
  assert.equal(await unclaimed.locator('[data-testid^="fleet-row-"]').count(), 1);
  await rowOf(unclaimed, 'platform-apps').waitFor();

  // The sidebar has its own entry.
  await page.getByRole('link', { name: 'GitOps fleet' }).first().waitFor();
  await page.mouse.move(1350, 10);
  await page.screenshot({ path: screenshotPath('fleet.png') });
});

test('grouping by app of apps puts billing-api under the platform team’s root application', async () => {
  const page = portalPage();
  await openPortalPage(page, FLEET);
  const claimed = page.getByRole('table', { name: 'Applications claimed by catalog entities' });
  await rowOf(claimed, 'billing-api-prod').waitFor({ timeout: 60_000 });
  await page.getByLabel('Group by').click();
  await page.getByRole('option', { name: 'App of apps' }).click();
  const group = claimed.getByTestId('fleet-group').filter({ hasText: 'platform-apps' });
  await group.waitFor();
  assert.match(await group.innerText(), /App of apps platform-apps · demo-cluster · 2 applications · worst: /);
});

test('a count filters to its state, and a row opens its application on the entity’s tab', async () => {
  const page = portalPage();
  await openPortalPage(page, FLEET);
  const claimed = page.getByRole('table', { name: 'Applications claimed by catalog entities' });
  await rowOf(claimed, 'payments-api-prod').waitFor({ timeout: 60_000 });
  await page.getByTestId('fleet-count-degraded').click();
  const rows = claimed.locator('[data-testid^="fleet-row-"]');
  const degraded = await rows.count();
  assert.ok(degraded >= 1 && degraded < 16, `${degraded} degraded rows`);
  for (let i = 0; i < degraded; i += 1) {
    assert.match(await rows.nth(i).innerText(), /Degraded|Missing/);
  }

  await rowOf(claimed, 'payments-api-prod').getByRole('link', { name: 'payments-api', exact: true }).click();
  await page.waitForURL(/\/catalog\/default\/component\/payments-api\/gitops\?app=central%2Fpayments-api-prod/);
  await page.getByTestId('gitops-rollback').first().waitFor({ timeout: 60_000 });
});
