// Browser test of the portal's search: knowledge entries show up with their
// kind, level and summary, and the result type filter offers them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PORTAL, openPortalPage, screenshot, usePortalPage } from './browser.mjs';

const portalPage = usePortalPage();

test('the portal search shows GitOps knowledge entries with kind and level', async () => {
  const page = portalPage();
  const results = page.getByTestId('gitops-knowledge-search-result');
  // The search backend builds its index a few seconds after start (and again
  // after a restart): until then a query answers nothing, so ask again.
  for (let attempt = 1; ; attempt++) {
    await openPortalPage(page, `${PORTAL}/search?query=self%20heal`);
    try {
      await results.first().waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 6) throw error;
    }
  }
  const selfHeal = results.filter({ hasText: /Self-heal/ }).first();
  const text = await selfHeal.innerText();
  assert.match(text, /Glossary/);
  assert.match(text, /Level: (Entry|Senior|SRE)/);
  assert.match(text, /selfHeal|self-heal/i);
  assert.equal(
    await selfHeal.getByRole('link').first().getAttribute('href'),
    '/gitops/entries/glossary-self-heal',
  );
  assert.ok(await page.getByText('GitOps knowledge').first().isVisible());
  await screenshot(page, 'portal-search.png');
});
