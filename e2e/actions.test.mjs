// Browser test of the actions: the guest (a member of payments-team in the
// demo catalog) rolls back the degraded payments-api-prod and watches the
// operation end; on checkout-web, which storefront-team owns, the demo's
// permission policy disables the buttons and the page says why.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { seriousViolations } from './axe.mjs';
import { PORTAL, openPortalPage, screenshotPath, usePortalPage } from './browser.mjs';

const SIMULATOR = 'http://127.0.0.1:7480';
const PROD = '[data-testid="gitops-application-central/argocd/payments-api-prod"]';

const portalPage = usePortalPage({ viewport: { width: 1400, height: 1300 } });

/**
 * Puts the simulator back as it started and waits out the backend's status
 * cache (gitops.argocd.cacheTtlSeconds: 15), so the other browser tests see
 * the degraded service whatever order they run in.
 */
after(async () => {
  const res = await fetch(`${SIMULATOR}/_sim/state/reset`, { method: 'POST' });
  assert.ok(res.ok, `resetting the simulator answered ${res.status}`);
  await new Promise(resolve => setTimeout(resolve, 16_000));
});

test('the guest rolls back the degraded service and sees it recover', async () => {
  const page = portalPage();
  await openPortalPage(page, `${PORTAL}/catalog/default/component/payments-api/gitops`);
  const prod = page.locator(PROD);
  await prod.waitFor({ timeout: 60_000 });
  const rollback = prod.getByTestId('gitops-action-rollback');
  await rollback.waitFor({ timeout: 60_000 });
  assert.match(await rollback.innerText(), /Roll back to #44 \(dadcc6b\)/i);
  await page.waitForFunction(
    selector => !document.querySelector(selector)?.hasAttribute('disabled'),
    `${PROD} [data-testid="gitops-action-rollback"]`,
    { timeout: 30_000 },
  );

  await rollback.click();
  const dialog = page.getByTestId('gitops-action-dialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /dadcc6b/);
  assert.deepEqual(await seriousViolations(page), []);

  // A dry run first: Argo CD reports what it would do and changes nothing.
  await dialog.getByTestId('gitops-action-dry-run').click();
  const outcome = dialog.getByTestId('gitops-action-outcome');
  await outcome.waitFor({ timeout: 30_000 });
  assert.match(await outcome.innerText(), /dry run/i);
  await page.screenshot({ path: screenshotPath('entity-tab-rollback-dialog.png') });

  await dialog.getByTestId('gitops-action-confirm').click();
  await page.getByText(/started a rollback of 'payments-api-prod' to #44/).first().waitFor({ timeout: 30_000 });
  // Close the dialog if it stays open with the outcome.
  const close = dialog.getByRole('button', { name: /close|done/i });
  if (await close.isVisible().catch(() => false)) await close.click();

  const follow = prod.getByTestId('gitops-operation-follow');
  await follow.waitFor({ timeout: 30_000 });
  await prod.getByText(/Succeeded/).first().waitFor({ timeout: 90_000 });
  await page.waitForFunction(
    selector => /Healthy/.test(document.querySelector(selector)?.textContent ?? ''),
    PROD,
    { timeout: 90_000 },
  );
  const history = await prod.innerText();
  assert.match(history, /#?46/);
  await prod.scrollIntoViewIfNeeded();
  await page.mouse.move(1350, 10);
  await page.screenshot({ path: screenshotPath('entity-tab-rollback-done.png') });
});

test("on a service the guest does not own, the buttons are disabled with the reason", async () => {
  const page = portalPage();
  await openPortalPage(page, `${PORTAL}/catalog/default/component/checkout-web/gitops`);
  const staging = page.locator('[data-testid="gitops-application-central/argocd/checkout-web-staging"]');
  await staging.waitFor({ timeout: 60_000 });
  const sync = staging.getByTestId('gitops-action-sync');
  await sync.waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => document.querySelector('[data-testid="gitops-action-reason"]') !== null,
    undefined,
    { timeout: 30_000 },
  );
  assert.equal(await sync.isDisabled(), true);
  assert.match(
    await staging.getByTestId('gitops-action-reason').first().innerText(),
    /permission/i,
  );
  assert.deepEqual(await seriousViolations(page), []);
});
