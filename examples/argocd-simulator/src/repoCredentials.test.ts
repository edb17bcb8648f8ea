import { call } from './__testUtils__/call';
import { withUserInfo } from './repoCredentials';
import { startSimulator } from './server';
import type { Simulator } from './types';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterEach(() => simulator.clearRepoCredentialLeaks());

afterAll(() => simulator.close());

const LEAKED =
  'https://deploy-bot:ghp_fakeToken123@github.com/acme/payments-api-deploy.git';

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${simulator.url}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Every `repoURL` anywhere in a document. */
function repoUrls(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(repoUrls);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, field]) =>
    key === 'repoURL' && typeof field === 'string' ? [field] : repoUrls(field),
  );
}

describe('credentials in repo URLs', () => {
  it('puts user info into URLs with a scheme, replacing any already there', () => {
    expect(withUserInfo('https://github.com/a/b.git', 'u:p')).toBe(
      'https://u:p@github.com/a/b.git',
    );
    expect(withUserInfo('https://old@github.com/a/b.git', 'u:p')).toBe(
      'https://u:p@github.com/a/b.git',
    );
    expect(withUserInfo('git@github.com:a/b.git', 'u:p')).toBe(
      'git@github.com:a/b.git',
    );
  });

  it('leaks through the control endpoint into every repoURL and a condition message, in app and list', async () => {
    const set = await control(
      'POST',
      '/repo-credentials/central/payments-api-prod',
      {},
    );
    expect(set.status).toBe(200);
    expect((await set.json()).spec.source.repoURL).toBe(LEAKED);

    const app = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-prod',
    );
    const urls = repoUrls(app.body);
    expect(urls.length).toBeGreaterThan(3); // spec, sync.comparedTo, history, operationState
    expect(new Set(urls)).toEqual(new Set([LEAKED]));
    expect(app.body.status.conditions).toContainEqual({
      type: 'ComparisonError',
      message: expect.stringContaining(LEAKED),
      lastTransitionTime: expect.any(String),
    });

    const list = await call(
      simulator,
      'central',
      '/api/v1/applications?selector=app.kubernetes.io/part-of%3Dpayments-api',
    );
    const prod = list.body.items.find(
      (item: { metadata: { name: string } }) =>
        item.metadata.name === 'payments-api-prod',
    );
    expect(prod.spec.source.repoURL).toBe(LEAKED);
    const staging = list.body.items.find(
      (item: { metadata: { name: string } }) =>
        item.metadata.name === 'payments-api-staging',
    );
    expect(staging.spec.source.repoURL).not.toContain('@');
  });

  it('takes other credentials and apps in other namespaces, multi-source too, and puts them back', async () => {
    const leaked = simulator.leakRepoCredentials('central', {
      app: 'orders-worker-staging',
      appNamespace: 'team-orders',
      credentials: 'x-access-token:ghs_fakeInstallationToken',
    });
    expect(leaked.spec.sources?.map(source => source.repoURL)).toEqual([
      expect.stringMatching(
        /^https:\/\/x-access-token:ghs_fakeInstallationToken@/,
      ),
      expect.stringMatching(
        /^https:\/\/x-access-token:ghs_fakeInstallationToken@/,
      ),
    ]);
    // Leaking twice starts from the loaded app again: one extra condition, not two
    const again = simulator.leakRepoCredentials('central', {
      app: 'orders-worker-staging',
      appNamespace: 'team-orders',
    });
    expect(
      (again.status?.conditions as { type: string }[]).filter(
        c => c.type === 'ComparisonError',
      ),
    ).toHaveLength(1);

    expect((await control('DELETE', '/repo-credentials')).status).toBe(204);
    const restored = await call(
      simulator,
      'central',
      '/api/v1/applications/orders-worker-staging?appNamespace=team-orders',
    );
    expect(repoUrls(restored.body).some(url => url.includes('@'))).toBe(false);
    expect(restored.body.status.conditions).toBeUndefined();
  });

  it('answers 400 for unknown apps and instances and bad bodies', async () => {
    const missing = await control('POST', '/repo-credentials/central/nope');
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toBe(
      'No application argocd/nope in instance central',
    );
    expect(
      (await control('POST', '/repo-credentials/west/payments-api-prod'))
        .status,
    ).toBe(400);
    expect(
      (
        await control('POST', '/repo-credentials/central/payments-api-prod', {
          credentials: 42,
        })
      ).status,
    ).toBe(400);
  });
});
