import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  signalsServiceRef,
  type SignalPayload,
} from '@backstage/plugin-signals-node';
import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { eventually } from '../__testUtils__/eventually';
import {
  startRedisServer,
  type RedisServer,
} from '../__testUtils__/redisServer';
import {
  simulatorConfig,
  startGitOpsBackend,
} from '../__testUtils__/testBackend';

// Two backends each, their watches, and a wait for a second push.
jest.setTimeout(30_000);

/**
 * The Redis connections the replicas' cache services open. Backstage's cache
 * never closes them and leaves their `error` events unhandled, so Redis
 * stopping under an open one would throw: they are closed first.
 */
const mockRedisClients: { isOpen: boolean; disconnect(): Promise<void> }[] = [];
jest.mock('@redis/client', () => {
  const actual = jest.requireActual('@redis/client');
  return {
    ...actual,
    createClient: (...args: unknown[]) => {
      const client = actual.createClient(...args);
      mockRedisClients.push(client);
      return client;
    },
  };
});

async function closeRedisClients() {
  await Promise.all(
    mockRedisClients
      .splice(0)
      .filter(client => client.isOpen)
      .map(client => client.disconnect()),
  );
}

const ANA = 'user:default/ana';
const BEN = 'user:default/ben';

const entities = [
  componentWith('payments-api', {
    'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
  }),
  componentWith('shop', {
    'argocd/app-name': 'payments-api-prod,checkout-web-prod,checkout-web-dev',
  }),
];

type Server = Parameters<typeof request>[0];

interface Replica {
  server: Server;
  /** The signals this replica published. */
  published: SignalPayload[];
  stop(): Promise<void>;
}

/**
 * Two backend replicas as Backstage runs them scaled out: each with its own
 * memory, sharing one Redis through `backend.cache` (Backstage's own cache
 * service, as configured in production) and one Argo CD.
 */
describe('several backend replicas sharing Redis', () => {
  let redis: RedisServer;
  let sim: Simulator;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    sim = await startSimulator({ port: 0 });
  });

  afterEach(async () => {
    await Promise.all(stops.splice(0).map(stop => stop()));
    await closeRedisClients();
    await sim?.resetState();
    await redis?.command('FLUSHALL');
  });

  afterAll(async () => {
    await Promise.all(stops.splice(0).map(stop => stop()));
    await closeRedisClients();
    await sim?.close();
    await redis?.stop();
  });

  /** Both instances with static tokens, so every recorded request is an API call. */
  async function replica(options: { watch: boolean }): Promise<Replica> {
    const base = simulatorConfig(sim);
    const published: SignalPayload[] = [];
    const { server, backend } = await startGitOpsBackend({
      config: {
        backend: {
          cache: { store: 'redis', connection: redis.url },
        },
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
        },
      },
      entities,
      features: [
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            async publish(signal) {
              published.push(signal as SignalPayload);
            },
          }),
        }),
      ],
    });
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= backend.stop());
    stops.push(stop);
    return { server, published, stop };
  }

  async function replicas(options: { watch: boolean }) {
    const both = await Promise.all([replica(options), replica(options)]);
    if (options.watch) {
      for (const { server } of both) {
        await eventually(async () => {
          const res = await request(server).get('/api/gitops/health');
          expect(res.body.watches?.synced).toBe(2);
        });
      }
    }
    return both;
  }

  /** Requests other than the watch streams themselves. */
  const calls = () =>
    sim.requests
      .filter(r => !r.path.startsWith('/api/v1/stream/'))
      .map(r => `${r.instance} ${r.method} ${r.path}`);

  async function card(server: Server, entity: string, user = ANA) {
    const res = await request(server)
      .get(applicationsPath(entity))
      .set('authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return res.body;
  }

  const healthOf = (body: any, name: string) =>
    body.applications.find((app: any) => app.name === name)?.health.status;

  it('serves a card warmed on one replica from the other, with no Argo CD request', async () => {
    const [one, two] = await replicas({ watch: false });
    sim.resetRequests();

    const warm = await card(one.server, 'shop');
    expect(warm.applications).toHaveLength(3);
    expect(calls().sort()).toEqual([
      'central GET /api/v1/applications',
      'edge GET /api/v1/applications',
    ]);
    // The answer went to Redis, not to the first replica's memory.
    expect(Number((await redis.command('DBSIZE')).slice(1))).toBeGreaterThan(0);

    sim.resetRequests();
    expect(await card(two.server, 'shop')).toEqual(warm);
    expect(calls()).toEqual([]);
    // Each replica has its own connection to the one Redis.
    expect(mockRedisClients.filter(client => client.isOpen)).toHaveLength(2);
  });

  it('keeps each replica’s watched store right on its own: a change shows on both, with no Argo CD request', async () => {
    const [one, two] = await replicas({ watch: true });
    const before = await card(one.server, 'payments-api');
    expect(await card(two.server, 'payments-api')).toEqual(before);
    expect(healthOf(before, 'payments-api-prod')).not.toBe('Suspended');

    sim.resetRequests();
    sim.setApplicationStatus('central', 'payments-api-prod', {
      health: { status: 'Suspended' },
    });
    for (const { server } of [one, two]) {
      await eventually(async () =>
        expect(
          healthOf(await card(server, 'payments-api'), 'payments-api-prod'),
        ).toBe('Suspended'),
      );
    }
    expect(calls()).toEqual([]);

    // The second replica needs nothing of the first.
    await one.stop();
    sim.setApplicationStatus('central', 'payments-api-prod', {
      health: { status: 'Healthy' },
    });
    await eventually(async () =>
      expect(
        healthOf(await card(two.server, 'payments-api'), 'payments-api-prod'),
      ).toBe('Healthy'),
    );
    expect(calls()).toEqual([]);
  });

  it('pushes a change once to a user who loaded the entity on both replicas, and to each user of either', async () => {
    const [one, two] = await replicas({ watch: true });
    await card(one.server, 'payments-api', ANA);
    await card(two.server, 'payments-api', ANA);
    await card(two.server, 'payments-api', BEN);

    const changedAt = Date.now();
    const changed = sim.setApplicationStatus('central', 'payments-api-prod', {
      health: { status: 'Degraded' },
    });
    const signals = () => [...one.published, ...two.published];
    const recipients = () =>
      signals().flatMap(signal =>
        signal.recipients.type === 'user'
          ? [signal.recipients.entityRef].flat()
          : [],
      );
    await eventually(() =>
      expect(recipients().sort()).toEqual([ANA, BEN].sort()),
    );
    const latencyMs = Date.now() - changedAt;
    // Both replicas' watches have the change: both could have pushed it.
    for (const { server } of [one, two]) {
      expect(
        healthOf(await card(server, 'payments-api'), 'payments-api-prod'),
      ).toBe('Degraded');
    }
    // Both replicas' watches saw the change; give a second push every chance.
    await new Promise(resolve => setTimeout(resolve, 1000));
    expect(recipients().sort()).toEqual([ANA, BEN].sort());
    for (const signal of signals()) {
      expect(signal.message).toEqual({
        entityRef: 'component:default/payments-api',
        applications: [
          {
            instance: 'central',
            name: 'payments-api-prod',
            namespace: 'argocd',
            resourceVersion: changed.metadata.resourceVersion,
          },
        ],
      });
    }
    // Agreeing costs a cache round trip and a short wait, not seconds.
    expect(latencyMs).toBeLessThan(5000);
  });
});
