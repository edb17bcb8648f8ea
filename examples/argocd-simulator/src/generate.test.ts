import { call } from './__testUtils__/call';
import { swaggerProblems } from './__testUtils__/swaggerShape';
import { generateInstances } from './generate';
import { startSimulator } from './server';
import type { Simulator } from './types';

describe('generateInstances', () => {
  it('is deterministic', () => {
    const options = { applications: 30, historyLength: 5 };
    expect(JSON.stringify(generateInstances(options))).toBe(
      JSON.stringify(generateInstances(options)),
    );
  });

  it('deals apps round-robin over the given instances', () => {
    const instances = generateInstances({
      applications: 7,
      historyLength: 1,
      instances: ['a', 'b', 'c'],
    });
    expect(instances.map(i => [i.name, i.apps.length])).toEqual([
      ['a', 3],
      ['b', 2],
      ['c', 2],
    ]);
  });

  it('rejects nonsense sizes', () => {
    expect(() =>
      generateInstances({ applications: -1, historyLength: 1 }),
    ).toThrow('generate.applications');
    expect(() =>
      generateInstances({ applications: 1, historyLength: 1.5 }),
    ).toThrow('generate.historyLength');
  });
});

describe('a simulator with 1,000 generated apps of 20 history entries', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startSimulator({
      generate: { applications: 1000, historyLength: 20 },
    });
  });

  afterAll(() => simulator.close());

  it('serves all of them, split over central and edge', async () => {
    const [central, edge] = await Promise.all([
      call(simulator, 'central', '/api/v1/applications'),
      call(simulator, 'edge', '/api/v1/applications'),
    ]);
    expect(central.body.items).toHaveLength(500);
    expect(edge.body.items).toHaveLength(500);
    expect(
      swaggerProblems(
        { items: central.body.items.slice(0, 20) },
        'v1alpha1ApplicationList',
      ),
    ).toEqual([]);
  });

  it('gives every app 20 history entries of distinct revisions, newest last, all with metadata', async () => {
    const { body } = await call(simulator, 'central', '/api/v1/applications');
    const app = body.items.find(
      (item: { metadata: { name: string } }) =>
        item.metadata.name === 'svc-0001-staging',
    );
    expect(app.metadata.labels).toEqual({
      'app.kubernetes.io/part-of': 'svc-0001',
      env: 'staging',
    });
    const history = app.status.history as Array<{
      id: number;
      revision: string;
      deployedAt: string;
    }>;
    expect(history).toHaveLength(20);
    expect(new Set(history.map(h => h.revision)).size).toBe(20);
    expect(history.map(h => h.id)).toEqual(
      [...Array(20).keys()].map(i => i + 1),
    );
    const times = history.map(h => Date.parse(h.deployedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const all = body.items.flatMap(
      (item: { status: { history: Array<{ revision: string }> } }) =>
        item.status.history.map(h => h.revision),
    );
    expect(new Set(all).size).toBe(500 * 20);

    const appNamespace = app.metadata.namespace;
    for (const entry of [history[0], history[19]]) {
      const metadata = await call(
        simulator,
        'central',
        `/api/v1/applications/svc-0001-staging/revisions/${entry.revision}/metadata?appNamespace=${appNamespace}`,
      );
      expect(metadata.status).toBe(200);
      expect(metadata.body.message).toMatch(
        /^svc-0001: bump image to 1\.\d+\.0 in staging$/,
      );
    }
    const head = await call(
      simulator,
      'central',
      `/api/v1/applications/svc-0001-staging/revisions/${app.status.sync.revision}/metadata?appNamespace=${appNamespace}`,
    );
    expect(head.status).toBe(200);
  });

  it('mixes sync and health states, and serves trees for them', async () => {
    const { body } = await call(
      simulator,
      'central',
      '/api/v1/applications?fields=items.metadata.name,items.metadata.namespace,items.status.sync.status,items.status.health',
    );
    const states = new Set(
      body.items.map(
        (i: {
          status: { sync: { status: string }; health: { status: string } };
        }) => `${i.status.sync.status}/${i.status.health.status}`,
      ),
    );
    expect(states).toEqual(
      new Set([
        'Synced/Healthy',
        'OutOfSync/Healthy',
        'Synced/Progressing',
        'Synced/Degraded',
        'OutOfSync/Missing',
      ]),
    );
    const degraded = body.items.find(
      (i: { status: { health: { status: string } } }) =>
        i.status.health.status === 'Degraded',
    );
    const tree = await call(
      simulator,
      'central',
      `/api/v1/applications/${degraded.metadata.name}/resource-tree?appNamespace=${degraded.metadata.namespace}`,
    );
    expect(tree.body.nodes.map((n: { kind: string }) => n.kind)).toEqual([
      'Deployment',
      'ReplicaSet',
      'Pod',
      'Pod',
      'Service',
    ]);
    expect(tree.body.nodes[2].info).toContainEqual({
      name: 'Status Reason',
      value: 'CrashLoopBackOff',
    });
    expect(swaggerProblems(tree.body, 'v1alpha1ApplicationTree')).toEqual([]);
  });

  it('filters the generated data like any other', async () => {
    const { body } = await call(
      simulator,
      'central',
      `/api/v1/applications?selector=${encodeURIComponent(
        'app.kubernetes.io/part-of=svc-0010',
      )}&fields=items.metadata.name`,
    );
    expect(
      body.items.map((i: { metadata: { name: string } }) => i.metadata.name),
    ).toEqual(['svc-0010-dev', 'svc-0010-prod']);
  });
});
