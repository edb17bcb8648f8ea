// Browser test of the GitOps tab of a degraded service: the rollback steps are
// shown and a copy button puts the command on the clipboard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PORTAL, launchBrowser, openPortalPage, screenshot } from './browser.mjs';

let browser;
let context;
let page;

before(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
});

test('a degraded service shows rollback steps that can be copied', async () => {
  await openPortalPage(page, `${PORTAL}/catalog/default/component/payments-api/gitops`);
  const prod = page.locator('[data-testid="gitops-application-central/argocd/payments-api-prod"]');
  await prod.waitFor({ timeout: 60_000 });
  const rollback = prod.getByTestId('gitops-rollback');
  await rollback.getByText('git revert').first().waitFor({ timeout: 60_000 });
  assert.match(await rollback.getByTestId('gitops-rollback-state').innerText(), /recommended/i);
  assert.match(await prod.getByTestId('gitops-explanations').innerText(), /\w+/);

  await rollback.getByRole('button', { name: 'Copy the commands of step 1' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /git revert [0-9a-f]{7,40}/);

  await prod.scrollIntoViewIfNeeded();
  await screenshot(page, 'entity-tab-rollback.png');
});
