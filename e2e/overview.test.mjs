// Browser test of the GitOps tab's overview: the application that needs
// attention comes first with its panel open, healthy panels are closed, and
// `?app=<instance>/<name>` opens the panel it names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PORTAL, openPortalPage, screenshotPath, usePortalPage } from './browser.mjs';

const portalPage = usePortalPage({ viewport: { width: 1400, height: 1000 } });
const TAB = `${PORTAL}/catalog/default/component/payments-api/gitops`;
const panelOf = (page, name) => page.locator(`[data-testid^="gitops-application-"][data-testid$="/${name}"]`);
const toggleOf = (page, name) => panelOf(page, name).locator('[aria-expanded]').first();

test('the tab names the degraded prod first, opens its panel and closes dev', async () => {
  const page = portalPage();
  await openPortalPage(page, TAB);
  const overview = page.getByTestId('gitops-overview');
  await overview.waitFor({ timeout: 60_000 });
  const firstName = await overview.locator('tbody tr').first().locator('td').nth(1).innerText();
  assert.equal(firstName.trim(), 'payments-api-prod');
  // Once prod's open panel has loaded its rollback plan, the line names the target.
  const line = overview.locator('tbody tr').first().getByTestId('gitops-overview-line');
  await line.getByText(/rollback to \w{7} recommended/).waitFor({ timeout: 60_000 });
  assert.match(await line.innerText(), /^Degraded after deploy \w{7} — rollback to \w{7} recommended$/);

  const panels = page.locator('[data-testid^="gitops-application-"]');
  assert.equal(await panels.first().getAttribute('data-testid'), 'gitops-application-central/argocd/payments-api-prod');
  assert.equal(await toggleOf(page, 'payments-api-prod').getAttribute('aria-expanded'), 'true');
  assert.equal(await toggleOf(page, 'payments-api-dev').getAttribute('aria-expanded'), 'false');
  await page.mouse.move(1350, 10);
  await page.screenshot({ path: screenshotPath('entity-tab-overview.png') });
});

test('?app= opens the panel it names, and a selected row opens its panel', async () => {
  const page = portalPage();
  await openPortalPage(page, `${TAB}?app=edge/payments-api-dev`);
  const dev = panelOf(page, 'payments-api-dev');
  await dev.getByTestId('gitops-explanations').waitFor({ timeout: 60_000 });
  assert.equal(await toggleOf(page, 'payments-api-dev').getAttribute('aria-expanded'), 'true');
  assert.match(await dev.getByTestId('gitops-explanations').innerText(), /Nothing to do/);

  await page.getByRole('button', { name: 'Show payments-api-staging' }).click();
  await page.waitForURL(/app=central%2Fpayments-api-staging|app=central\/payments-api-staging/);
  assert.equal(await toggleOf(page, 'payments-api-staging').getAttribute('aria-expanded'), 'true');
});
