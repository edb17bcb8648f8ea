import { call } from './__testUtils__/call';
import { swaggerProblems } from './__testUtils__/swaggerShape';
import { startSimulator } from './server';
import type { Simulator } from './types';

// The resource tree, revision metadata, chart details and version routes; the list and get routes are in argoApi.test.ts.

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterAll(() => simulator.close());

describe('GET /api/v1/applications/{name}/resource-tree', () => {
  it('returns the nodes with health, parents and info', async () => {
    const result = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-prod/resource-tree',
    );
    expect(result.status).toBe(200);
    expect(swaggerProblems(result.body, 'v1alpha1ApplicationTree')).toEqual([]);
    const crashing = result.body.nodes.find(
      (n: { name: string }) => n.name === 'payments-api-69f7b8d5c8-4kx2p',
    );
    expect(crashing).toMatchObject({
      version: 'v1',
      kind: 'Pod',
      namespace: 'payments',
      uid: '76edeedf-d922-43e3-9815-b6c282416856',
      health: { status: 'Degraded' },
      parentRefs: [
        { group: 'apps', kind: 'ReplicaSet', name: 'payments-api-69f7b8d5c8' },
      ],
    });
    expect(crashing.info).toContainEqual({
      name: 'Status Reason',
      value: 'CrashLoopBackOff',
    });
    expect(crashing.health.message).toContain(
      'back-off 5m0s restarting failed container=payments-api',
    );
  });

  it('is an empty object for an app whose resources do not exist', async () => {
    const result = await call(
      simulator,
      'edge',
      '/api/v1/applications/orders-worker-dev/resource-tree?appNamespace=team-orders',
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({});
  });

  it('applies the same not-found rules as the app itself', async () => {
    const result = await call(
      simulator,
      'edge',
      '/api/v1/applications/orders-worker-dev/resource-tree',
    );
    expect(result.status).toBe(403);
  });
});

describe('GET /api/v1/applications/{name}/revisions/{revision}/metadata', () => {
  const metadata = (
    instance: string,
    app: string,
    revision: string,
    query = '',
  ) =>
    call(
      simulator,
      instance,
      `/api/v1/applications/${app}/revisions/${revision}/metadata${query}`,
    );

  it('returns author, date and the first line of the message, cut to 64 characters like Argo CD', async () => {
    const latest = await metadata(
      'central',
      'payments-api-prod',
      'a9a6cab372a7bbf91fdea77fad9305243684945d',
    );
    expect(latest.status).toBe(200);
    expect(latest.body).toEqual({
      author: 'Priya Raman <priya.raman@acme.example>',
      date: '2026-11-23T08:47:51Z',
      message: 'payments-api: bump image to 1.43.0 (ledger v2 client)',
      tags: ['payments-api-1.43.0'],
    });
    expect(swaggerProblems(latest.body, 'v1alpha1RevisionMetadata')).toEqual(
      [],
    );
    const long = await metadata(
      'central',
      'payments-api-prod',
      'dadcc6b4ca697754255deddf17dcca4b5dc97a2f',
    );
    expect(long.body.message).toBe(
      'payments-api: route card authorisations through the new PSP g...',
    );
    expect([...long.body.message]).toHaveLength(64);
  });

  it('resolves abbreviated SHAs', async () => {
    const result = await metadata('edge', 'checkout-web-dev', '51e5f5b');
    expect(result.status).toBe(200);
    expect(result.body.author).toBe('Kwame Mensah <kwame.mensah@acme.example>');
  });

  it('answers 404 for a commit it does not know', async () => {
    const result = await metadata(
      'central',
      'payments-api-prod',
      '0000000000000000000000000000000000000000',
    );
    expect(result.status).toBe(404);
    expect(result.body).toEqual({
      error:
        'revision 0000000000000000000000000000000000000000 not found in repository https://github.com/acme/payments-api-deploy.git',
      code: 5,
      message:
        'revision 0000000000000000000000000000000000000000 not found in repository https://github.com/acme/payments-api-deploy.git',
    });
  });

  it('refuses Helm chart versions as Argo CD does: they are not resolved commits', async () => {
    const result = await metadata('edge', 'inventory-service-dev', '2.4.1');
    expect(result.status).toBe(500);
    expect(result.body).toEqual({
      error: 'revision 2.4.1 must be resolved',
      code: 2,
      message: 'revision 2.4.1 must be resolved',
    });
  });

  it('needs sourceIndex for the Git source of a multi-source app', async () => {
    const sha = 'f3911ab724ccc277cdeb2a0dcae7abb33133c5b1';
    const values = await metadata(
      'central',
      'orders-worker-staging',
      sha,
      '?appNamespace=team-orders&sourceIndex=1',
    );
    expect(values.status).toBe(200);
    expect(values.body.message).toBe(
      'orders-worker: enable the dead-letter queue consumer',
    );
    const chart = await metadata(
      'central',
      'orders-worker-staging',
      sha,
      '?appNamespace=team-orders',
    );
    expect(chart.status).toBe(404);
    const outOfRange = await metadata(
      'central',
      'orders-worker-staging',
      sha,
      '?appNamespace=team-orders&sourceIndex=2',
    );
    expect(outOfRange.status).toBe(500);
    expect(outOfRange.body.message).toBe(
      'error getting app source by source index and version ID: source index 2 not found because there are only 2 sources',
    );
  });

  it('takes the sources of a history entry with versionId', async () => {
    const old = await metadata(
      'central',
      'orders-worker-staging',
      '3.0.4',
      '?appNamespace=team-orders&versionId=12',
    );
    expect(old.body.message).toBe('revision 3.0.4 must be resolved');
    const missing = await metadata(
      'central',
      'orders-worker-staging',
      '3.0.4',
      '?appNamespace=team-orders&versionId=99',
    );
    expect(missing.status).toBe(500);
    expect(missing.body.message).toBe(
      'error getting app source by source index and version ID: error getting source by version ID: revision history not found for version ID 99',
    );
  });

  it('rejects non-integer sourceIndex like grpc-gateway', async () => {
    const result = await metadata(
      'central',
      'payments-api-prod',
      'a9a6cab',
      '?sourceIndex=first',
    );
    expect(result.status).toBe(400);
    expect(result.body.code).toBe(3);
    expect(result.body.message).toContain(
      'type mismatch, parameter: sourceIndex',
    );
  });
});

describe('GET /api/v1/applications/{name}/revisions/{revision}/chartdetails', () => {
  it('describes the chart of a Helm source', async () => {
    const result = await call(
      simulator,
      'central',
      '/api/v1/applications/inventory-service-prod/revisions/2.3.2/chartdetails',
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      description: 'Stock levels and reservations for the storefront',
      home: 'https://github.com/acme/inventory-service',
      maintainers: ['Inventory Team <inventory-team@acme.example>'],
    });
    expect(swaggerProblems(result.body, 'v1alpha1ChartDetails')).toEqual([]);
  });

  it('refuses apps whose source is not a chart', async () => {
    const result = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-prod/revisions/a9a6cab/chartdetails',
    );
    expect(result.status).toBe(500);
    expect(result.body.message).toBe(
      'no chart found for application: payments-api-prod',
    );
  });
});

describe('GET /api/version', () => {
  it('tells anonymous callers the version only and authenticated ones the build too', async () => {
    const anonymous = await call(simulator, 'edge', '/api/version', {
      token: null,
    });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ Version: 'v2.13.1+sim' });
    const authenticated = await call(simulator, 'edge', '/api/version');
    expect(authenticated.body).toMatchObject({
      Version: 'v2.13.1+sim',
      GitTag: 'v2.13.1',
      Platform: 'linux/amd64',
    });
    expect(
      swaggerProblems(authenticated.body, 'versionVersionMessage'),
    ).toEqual([]);
  });
});
