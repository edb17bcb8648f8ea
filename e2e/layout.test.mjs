// Browser test of the layout: no page of the demo portal is wider than the
// window at the widths people use (desktop, small laptop, tablet).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PORTAL, launchBrowser, openPortalPage } from './browser.mjs';

const WIDTHS = [1400, 1024, 768];
const PAGES = [
  {
    name: 'the service page with the GitOps card',
    path: '/catalog/default/component/payments-api',
    ready: page => page.getByTestId('gitops-card').getByText('payments-api-prod', { exact: true }),
  },
  {
    name: 'the GitOps tab',
    path: '/catalog/default/component/payments-api/gitops',
    ready: page => page.getByTestId('gitops-rollback').first(),
  },
  {
    name: 'the learning page',
    path: '/gitops',
    ready: page => page.getByTestId('learning-search'),
  },
  {
    name: 'the fleet view',
    path: '/gitops-fleet',
    ready: page => page.getByTestId('gitops-fleet'),
  },
];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const width of WIDTHS) {
  test(`at ${width} px no page scrolls sideways`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      for (const { name, path, ready } of PAGES) {
        await openPortalPage(page, `${PORTAL}${path}`);
        await ready(page).first().waitFor({ timeout: 60_000 });
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        assert.ok(
          scrollWidth <= innerWidth,
          `${name} at ${width} px is ${scrollWidth} px wide`,
        );
      }
    } finally {
      await page.close();
    }
  });
}
