import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import {
  applicationsPath,
  componentWith,
  detailPath,
} from '../__fixtures__/entities';
import { eventually } from '../__testUtils__/eventually';
import {
  simulatorConfig,
  startGitOpsBackend,
} from '../__testUtils__/testBackend';

const entities = [
  componentWith('payments-api', {
    'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
  }),
  componentWith('payments-api-prod', {
    'argocd/app-name': 'payments-api-prod',
  }),
  componentWith('shop', {
    'argocd/app-name': 'payments-api-prod,checkout-web-prod,checkout-web-dev',
  }),
  componentWith('orders', {
    'argocd/app-name': 'orders-api',
    'argocd/instance-name': 'central',
  }),
];

type Server = Parameters<typeof request>[0];

describe('watched Argo CD instances', () => {
  let sim: Simulator;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });

  afterEach(async () => {
    await Promise.all(stops.splice(0).map(stop => stop()));
    sim.setFault('central', undefined);
    await sim.resetState();
  });

  afterAll(async () => {
    await sim.close();
  });

  /** Both instances with static tokens, so every recorded request is an API call. */
  async function start(options: { watch: boolean; gitops?: object }) {
    const base = simulatorConfig(sim);
    const { server, backend } = await startGitOpsBackend({
      config: {
        gitops: {
          argocd: {
            ...base,
            instances: [
              { ...base.instances[0], watch: options.watch },
              {
                name: 'edge',
                url: sim.instanceUrl('edge'),
                token: sim.token('edge'),
                watch: options.watch,
              },
            ],
          },
          ...options.gitops,
        },
      },
      entities,
    });
    stops.push(() => backend.stop());
    return server;
  }

  async function health(
    server: Server,
    header = mockCredentials.user.header(),
  ) {
    const res = await request(server)
      .get('/api/gitops/health')
      .set('authorization', header);
    expect(res.status).toBe(200);
    return res.body;
  }

  async function synced(server: Server, count = 2) {
    await eventually(async () =>
      expect((await health(server)).watches.synced).toBe(count),
    );
  }

  /** Requests other than the watch streams themselves. */
  const calls = () =>
    sim.requests
      .filter(r => !r.path.startsWith('/api/v1/stream/'))
      .map(r => `${r.instance} ${r.method} ${r.path}`);

  async function card(server: Server, entity: string) {
    const res = await request(server).get(applicationsPath(entity));
    expect(res.status).toBe(200);
    return res.body;
  }

  const healthOf = (body: any, name: string) =>
    body.applications.find((app: any) => app.name === name)?.health.status;

  it('answers cards and several names from memory, as the lists would, with no Argo CD request', async () => {
    const listing = await start({ watch: false });
    const watching = await start({ watch: true });
    await synced(watching);

    for (const entity of ['payments-api', 'payments-api-prod', 'shop']) {
      const expected = await card(listing, entity);
      expect(expected.applications.length).toBeGreaterThan(0);
      sim.resetRequests();
      expect(await card(watching, entity)).toEqual(expected);
      expect(await card(watching, entity)).toEqual(expected);
      expect(calls()).toEqual([]);
    }
    // A name no instance has is still reported where it was looked for.
    expect((await card(watching, 'orders')).errors).toEqual([
      {
        instance: 'central',
        application: 'orders-api',
        code: 'not-found',
        message: "Argo CD instance 'central' has no application 'orders-api'",
      },
    ]);
    expect(calls()).toEqual([]);
  });

  it('shows a change Argo CD streams on the next card load, and a fresh detail for it, without listing', async () => {
    const server = await start({ watch: true });
    await synced(server);
    const path = detailPath(
      'payments-api-prod',
      'central',
      'payments-api-prod',
    );
    const before = await request(server).get(path);
    expect(before.body.health.status).not.toBe('Suspended');

    sim.resetRequests();
    sim.setApplicationStatus('central', 'payments-api-prod', {
      health: { status: 'Suspended', message: 'Scaled to zero for the freeze' },
    });
    await eventually(async () =>
      expect(
        healthOf(await card(server, 'payments-api-prod'), 'payments-api-prod'),
      ).toBe('Suspended'),
    );
    expect(calls()).toEqual([]);

    // The detail is cached per resourceVersion: the change misses the cache.
    const after = await request(server).get(path);
    expect(after.body.health).toMatchObject({
      status: 'Suspended',
      message: 'Scaled to zero for the freeze',
    });
    expect(calls()).toContain(
      'central GET /api/v1/applications/payments-api-prod',
    );
    expect(calls()).not.toContain('central GET /api/v1/applications');
  });

  it('follows applications added and deleted in Argo CD', async () => {
    const server = await start({ watch: true });
    await synced(server);
    const prod = sim.application('central', 'payments-api-prod')!;
    sim.putApplication('central', {
      ...prod,
      metadata: {
        ...prod.metadata,
        name: 'payments-api-canary',
        resourceVersion: undefined,
        uid: 'canary-uid',
      },
    } as any);
    await eventually(async () =>
      expect(
        healthOf(await card(server, 'payments-api'), 'payments-api-canary'),
      ).toBeDefined(),
    );
    sim.deleteApplication('central', 'payments-api-canary');
    await eventually(async () =>
      expect(
        healthOf(await card(server, 'payments-api'), 'payments-api-canary'),
      ).toBeUndefined(),
    );
  });

  it('reconnects and lists again when the stream drops, marking itself stale meanwhile while pages keep working', async () => {
    const server = await start({
      watch: true,
      gitops: { watch: { staleAfterSeconds: 1, maxBackoffSeconds: 1 } },
    });
    await synced(server);
    const steady = await card(server, 'payments-api-prod');
    expect(steady.errors).toEqual([]);

    // Every call to central fails for a while: streams and lists alike.
    sim.setFault('central', { status: 503, times: 6 });
    sim.resetRequests();
    expect(sim.dropStreams('central')).toBe(1);
    // A change while no stream is open: Argo CD will not replay it.
    sim.setApplicationStatus('central', 'payments-api-prod', {
      health: { status: 'Missing' },
    });

    const stale = await eventually(async () => {
      const body = await card(server, 'payments-api-prod');
      expect(body.errors).toEqual([
        expect.objectContaining({ instance: 'central', code: 'stale' }),
      ]);
      return body;
    });
    // The last known status is still served.
    expect(stale.applications).toEqual(steady.applications);
    const down = (await health(server)).watches;
    expect(down).toMatchObject({ synced: 1, reconnecting: 1 });
    expect(down.instances).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          instance: 'central',
          source: 'argocd',
          state: 'reconnecting',
          staleSince: expect.any(String),
        }),
      ]),
    );
    // Backing off: a few attempts, not a storm.
    const attempts = sim.requests.filter(
      r => r.instance === 'central' && r.path === '/api/v1/stream/applications',
    ).length;
    expect(attempts).toBeLessThanOrEqual(4);

    // Once Argo CD answers again: a new stream and a relist bring the change.
    const recovered = await eventually(async () => {
      const body = await card(server, 'payments-api-prod');
      expect(body.errors).toEqual([]);
      expect(healthOf(body, 'payments-api-prod')).toBe('Missing');
      return body;
    });
    expect(recovered.applications).toHaveLength(1);
    expect(calls()).toContain('central GET /api/v1/applications');
    await synced(server);
    expect(sim.openStreams('central')).toBe(1);
  });

  it('reports why a first list failed, and serves the other instance meanwhile', async () => {
    sim.setFault('central', { status: 401, times: 2 });
    const server = await start({
      watch: true,
      gitops: { watch: { maxBackoffSeconds: 1 } },
    });
    const body = await card(server, 'payments-api');
    expect(body.errors).toEqual([
      expect.objectContaining({ instance: 'central', code: 'unauthorized' }),
    ]);
    expect(body.errors[0].message).toMatch(
      /rejected the configured credentials while (listing|watching) applications/,
    );
    expect(body.errors[0].message).not.toContain(sim.token('central'));
    expect(body.applications.length).toBeGreaterThan(0);
    expect(new Set(body.applications.map((app: any) => app.instance))).toEqual(
      new Set(['edge']),
    );
    await eventually(async () =>
      expect((await card(server, 'payments-api')).errors).toEqual([]),
    );
  });

  it('tells anonymous health checks how many watches are in each state, never their names', async () => {
    const server = await start({ watch: true });
    await synced(server);
    const anonymous = await health(server, mockCredentials.none.header());
    expect(anonymous.watches).toEqual({
      starting: 0,
      synced: 2,
      reconnecting: 0,
      stopped: 0,
    });
    expect(JSON.stringify(anonymous)).not.toContain('central');
    const signedIn = await health(server);
    expect(
      signedIn.watches.instances.map((w: any) => w.instance).sort(),
    ).toEqual(['central', 'edge']);
  });

  it('closes its streams when the backend stops', async () => {
    const server = await start({ watch: true });
    await synced(server);
    expect(sim.openStreams()).toBe(2);
    await stops.pop()!();
    await eventually(async () => expect(sim.openStreams()).toBe(0));
  });
});

describe('health without watches', () => {
  it('has no watches field', async () => {
    const { server, backend } = await startGitOpsBackend({
      config: {},
      features: [
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const res = await request(server).get('/api/gitops/health');
    expect(res.body.watches).toBeUndefined();
    await backend.stop();
  });
});
