import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { loadScenarios } from '../__testUtils__/scenarios';
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
  componentWith('shop-too', {
    'argocd/app-name': 'checkout-web-staging,payments-api-dev',
  }),
];

const prod = loadScenarios().find(s => s.name === 'payments-api-prod')!;
/** Distinct Git revisions in payments-api-prod's history: one metadata call each. */
const prodRevisions = new Set(
  prod.application.status.history.map((entry: any) => entry.revision),
).size;

describe('upstream economy', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });

  beforeEach(() => {
    sim.resetRequests();
  });

  afterAll(async () => {
    await sim.close();
  });

  /** Both instances with static tokens, so every recorded request is an API call. */
  async function start(overrides: object = {}) {
    const base = simulatorConfig(sim);
    const { server } = await startGitOpsBackend({
      config: {
        gitops: {
          argocd: {
            ...base,
            instances: [
              base.instances[0],
              {
                name: 'edge',
                url: sim.instanceUrl('edge'),
                token: sim.token('edge'),
                watch: false,
              },
            ],
            ...overrides,
          },
        },
      },
      entities,
    });
    sim.resetRequests();
    return server;
  }

  const calls = () =>
    sim.requests.map(r => `${r.instance} ${r.method} ${r.path}`);
  const countBy = (predicate: (path: string) => boolean) =>
    sim.requests.filter(r => predicate(r.path)).length;

  it('loads a card with one request per instance cold and none warm', async () => {
    const server = await start();
    const cold = await request(server).get(applicationsPath('payments-api'));
    expect(cold.body.applications).toHaveLength(3);
    expect(calls().sort()).toEqual([
      'central GET /api/v1/applications',
      'edge GET /api/v1/applications',
    ]);

    sim.resetRequests();
    const warm = await request(server).get(applicationsPath('payments-api'));
    expect(warm.body).toEqual(cold.body);
    expect(calls()).toEqual([]);
  });

  it('lists several named applications with one request per instance, shared by entities', async () => {
    const server = await start();
    const shop = await request(server).get(applicationsPath('shop'));
    expect(shop.body.applications).toHaveLength(3);
    expect(calls().sort()).toEqual([
      'central GET /api/v1/applications',
      'edge GET /api/v1/applications',
    ]);
    // No name filter: one listing answers every entity with a name list.
    expect(sim.requests.every(r => Object.keys(r.query).length === 0)).toBe(
      true,
    );

    sim.resetRequests();
    const other = await request(server).get(applicationsPath('shop-too'));
    expect(other.body.applications.map((app: any) => app.name)).toEqual([
      'checkout-web-staging',
      'payments-api-dev',
    ]);
    expect(calls()).toEqual([]);
  });

  it('uses Argo CD’s name filter for a single name', async () => {
    const server = await start();
    await request(server).get(applicationsPath('payments-api-prod'));
    expect(sim.requests.map(r => [r.instance, r.query])).toEqual(
      expect.arrayContaining([
        ['central', { name: 'payments-api-prod' }],
        ['edge', { name: 'payments-api-prod' }],
      ]),
    );
    expect(sim.requests).toHaveLength(2);
  });

  it('loads a detail with at most 3 requests plus one per unseen revision cold, none warm', async () => {
    const server = await start();
    const path = `${applicationsPath(
      'payments-api-prod',
    )}/central/payments-api-prod`;
    const cold = await request(server).get(path);
    expect(cold.status).toBe(200);
    expect(countBy(p => p.endsWith('/metadata'))).toBe(prodRevisions);
    expect(calls().filter(c => !c.endsWith('/metadata'))).toEqual([
      'central GET /api/v1/applications',
      'central GET /api/v1/applications/payments-api-prod',
      'central GET /api/v1/applications/payments-api-prod/resource-tree',
    ]);
    expect(sim.requests.length).toBeLessThanOrEqual(3 + prodRevisions);

    sim.resetRequests();
    const warm = await request(server).get(path);
    expect(warm.body).toEqual(cold.body);
    expect(calls()).toEqual([]);
  });

  it('fetches revision metadata once, even after the status cache expired', async () => {
    const server = await start({ cacheTtlSeconds: 0 });
    const path = `${applicationsPath(
      'payments-api-prod',
    )}/central/payments-api-prod`;
    await request(server).get(path);
    expect(countBy(p => p.endsWith('/metadata'))).toBe(prodRevisions);

    sim.resetRequests();
    const again = await request(server).get(path);
    expect(again.body.history[0].author).toEqual(expect.any(String));
    expect(calls()).toEqual([
      'central GET /api/v1/applications',
      'central GET /api/v1/applications/payments-api-prod',
      'central GET /api/v1/applications/payments-api-prod/resource-tree',
    ]);
  });

  it('shares revision metadata between applications of the same repository', async () => {
    const server = await start();
    await request(server).get(
      `${applicationsPath('payments-api')}/central/payments-api-prod`,
    );
    sim.resetRequests();
    // Every revision in staging's history was deployed to prod too.
    const staging = await request(server).get(
      `${applicationsPath('payments-api')}/central/payments-api-staging`,
    );
    expect(staging.status).toBe(200);
    expect(staging.body.history[0].author).toEqual(expect.any(String));
    expect(countBy(p => p.endsWith('/metadata'))).toBe(0);
  });

  it('coalesces 50 concurrent card loads into one request per instance', async () => {
    const server = await start();
    sim.setLatency(50);
    try {
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          request(server).get(applicationsPath('payments-api')),
        ),
      );
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(res.body.applications).toHaveLength(3);
      }
    } finally {
      sim.setLatency(0);
    }
    expect(calls().sort()).toEqual([
      'central GET /api/v1/applications',
      'edge GET /api/v1/applications',
    ]);
  });

  it('coalesces 50 concurrent detail loads', async () => {
    const server = await start();
    sim.setLatency(20);
    try {
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          request(server).get(
            `${applicationsPath(
              'payments-api-prod',
            )}/central/payments-api-prod`,
          ),
        ),
      );
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(res.body.history).toHaveLength(6);
      }
    } finally {
      sim.setLatency(0);
    }
    expect(sim.requests.length).toBe(3 + prodRevisions);
  });

  it('logs in once per session', async () => {
    const { server } = await startGitOpsBackend({
      config: { gitops: { argocd: simulatorConfig(sim) } },
      entities,
    });
    sim.resetRequests();
    await Promise.all([
      request(server).get(applicationsPath('payments-api')),
      request(server).get(applicationsPath('shop')),
    ]);
    expect(
      sim.requests
        .filter(r => r.instance === 'edge')
        .map(r => r.method)
        .sort(),
    ).toEqual(['GET', 'GET', 'POST']);
  });
});
