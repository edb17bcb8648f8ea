// Browser test of live updates: with the demo's watched Argo CD instances and
// Backstage signals, a change in Argo CD reaches an open service page within
// seconds. The card never polls: only a push can bring the change.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PORTAL, openPortalPage, usePortalPage } from './browser.mjs';

const SIMULATOR = 'http://127.0.0.1:7480';
/** The push takes well under a second; the rest is slack for a busy machine. */
const PUSH_DEADLINE_MS = 10_000;

const portalPage = usePortalPage();

async function simulator(method, path, body) {
  const res = await fetch(`${SIMULATOR}/_sim${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} /_sim${path} answered ${res.status}`);
}

// The watch applies the reset's events at once: no cache to wait out.
after(() => simulator('POST', '/state/reset'));

/**
 * Resolves once the page's signals WebSocket has subscribed to the GitOps
 * channel. The signals backend starts handling upgrades on the first one it
 * sees, so a fresh backend refuses the first connection and the page
 * reconnects a few seconds later.
 */
function subscribedToGitOps(page) {
  return new Promise(resolve => {
    page.on('websocket', socket => {
      socket.on('framesent', frame => {
        const text = String(frame.payload);
        if (text.includes('"subscribe"') && text.includes('gitops:applications')) resolve();
      });
    });
  });
}

test('a change in Argo CD shows on the open service page without a reload', async () => {
  const page = portalPage();
  const subscribed = subscribedToGitOps(page);
  await openPortalPage(page, `${PORTAL}/catalog/default/component/payments-api`);
  const card = page.locator('[data-testid="gitops-card"]');
  const dev = card.locator('tr', { hasText: 'payments-api-dev' });
  await dev.waitFor({ timeout: 60_000 });
  assert.match(await dev.innerText(), /Healthy/);
  await Promise.race([
    subscribed,
    page.waitForTimeout(30_000).then(() => assert.fail('the page never subscribed to GitOps signals')),
  ]);

  const changed = Date.now();
  await simulator('POST', '/applications/edge/payments-api-dev', {
    health: { status: 'Degraded', message: 'Readiness probe failed: live update check' },
  });
  await dev.getByText('Degraded').waitFor({ timeout: PUSH_DEADLINE_MS });
  const elapsed = Date.now() - changed;
  assert.ok(elapsed < PUSH_DEADLINE_MS, `the change took ${elapsed} ms to show`);
});
