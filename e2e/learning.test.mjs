// Browser test of the learning page: search, open an entry, take its quiz and
// see the score.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PORTAL, openPortalPage, screenshot, usePortalPage } from './browser.mjs';

const portalPage = usePortalPage();

test('the learning page searches, opens an entry and scores a quiz', async () => {
  const page = portalPage();
  await openPortalPage(page, `${PORTAL}/gitops`);
  const search = page.getByTestId('learning-search');
  await search.waitFor({ timeout: 60_000 });
  await search.fill('self heal');
  const results = page.getByTestId('learning-result');
  await results.first().waitFor({ timeout: 30_000 });
  const syncPolicies = results.filter({ hasText: /sync polic/i }).first();
  assert.ok(await syncPolicies.isVisible(), 'the sync-policy entry is among the results');
  await screenshot(page, 'learning-search.png');

  await syncPolicies.click();
  await page.getByTestId('learning-entry-body').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('learning-entry-body').innerText(), /self-heal|selfHeal/);

  await page.getByTestId('learning-take-quiz').click();
  for (let question = 0; question < 10; question++) {
    await page.getByTestId('quiz-option').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('quiz-option').first().click();
    await page.getByTestId('quiz-feedback').waitFor();
    await page.getByTestId('quiz-next').click();
    if (await page.getByTestId('quiz-score').isVisible()) break;
  }
  const score = page.getByTestId('quiz-score');
  await score.waitFor({ timeout: 10_000 });
  assert.match(await score.innerText(), /\d+\s*(\/|of)\s*\d+/);
  await screenshot(page, 'learning-quiz-score.png');
});
