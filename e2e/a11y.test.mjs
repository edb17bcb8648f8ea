// Browser test of accessibility: axe-core finds no serious or critical
// violation on the service page's card, on the GitOps tab with the rollback
// panel open, and on the learning page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seriousViolations } from './axe.mjs';
import { PORTAL, openPortalPage, usePortalPage } from './browser.mjs';

const portalPage = usePortalPage();

const PAGES = [
  {
    name: 'the service page with the GitOps card',
    path: '/catalog/default/component/payments-api',
    ready: page => page.getByTestId('gitops-card-hint'),
  },
  {
    name: 'the GitOps tab with the rollback panel open',
    path: '/catalog/default/component/payments-api/gitops',
    ready: page => page.getByTestId('gitops-rollback').getByText('git revert').first(),
  },
  {
    name: 'the learning page',
    path: '/gitops',
    ready: page => page.getByTestId('learning-search'),
  },
  {
    name: 'the fleet view',
    path: '/gitops-fleet',
    ready: page => page.getByTestId('gitops-fleet').locator('[data-testid^="fleet-row-"]'),
  },
];

for (const { name, path, ready } of PAGES) {
  test(`axe finds no serious or critical violation on ${name}`, async () => {
    const page = portalPage();
    await openPortalPage(page, `${PORTAL}${path}`);
    await ready(page).first().waitFor({ timeout: 60_000 });
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], `${name}:\n${violations.join('\n')}`);
  });
}
