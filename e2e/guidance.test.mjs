// Browser test of the GitOps tab of a degraded service: the rollback steps are
// shown and a copy button puts the command on the clipboard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PORTAL, openPortalPage, screenshotPath, usePortalPage } from './browser.mjs';

const portalPage = usePortalPage({
  permissions: ['clipboard-read', 'clipboard-write'],
  viewport: { width: 1400, height: 1300 },
});

test('a degraded service shows rollback steps that can be copied', async () => {
  const page = portalPage();
  await openPortalPage(page, `${PORTAL}/catalog/default/component/payments-api/gitops`);
  const prod = page.locator('[data-testid="gitops-application-central/argocd/payments-api-prod"]');
  await prod.waitFor({ timeout: 60_000 });
  const rollback = prod.getByTestId('gitops-rollback');
  await rollback.getByText('git revert').first().waitFor({ timeout: 60_000 });
  assert.match(await rollback.getByTestId('gitops-rollback-state').innerText(), /recommended/i);
  assert.match(await prod.getByTestId('gitops-explanations').innerText(), /\w+/);

  await rollback.getByRole('button', { name: 'Copy the commands of step 1' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /git revert (--no-edit )?[0-9a-f]{7,40}/);

  // Backstage scrolls its content area, not the document: bring the panel
  // into the viewport and move the mouse off the sidebar, which opens on hover.
  await prod.getByTestId('gitops-explanations').scrollIntoViewIfNeeded();
  await page.evaluate(() =>
    document.querySelectorAll('*').forEach(el => {
      if (el.scrollLeft) el.scrollLeft = 0; // wide tables further down scroll sideways
    }),
  );
  await page.mouse.move(1350, 10);
  await page.screenshot({ path: screenshotPath('entity-tab-rollback.png') });
});
