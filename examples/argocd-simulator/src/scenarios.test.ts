import { swaggerProblems } from './__testUtils__/swaggerShape';
import { parseLabelSelector } from '@gitops-guide/backstage-plugin-gitops-common';
import { matchesLabelSelector } from './labelSelector';
import {
  BUNDLED_SCENARIO_DIR,
  loadScenarioDir,
  parseScenario,
} from './scenarios';
import type { AppRecord, ArgoApplication, InstanceData } from './types';

/**
 * The bundled scenarios are the demo's and the plugin tests' ground truth: these checks keep them consistent with
 * each other, with Argo CD's API definitions and with the situations they are meant to show.
 */
let instances: InstanceData[];
let apps: Map<string, AppRecord>;

beforeAll(async () => {
  instances = await loadScenarioDir(BUNDLED_SCENARIO_DIR);
  apps = new Map(
    instances.flatMap(i =>
      i.apps.map(a => [a.application.metadata.name, a] as const),
    ),
  );
});

const app = (name: string): ArgoApplication => apps.get(name)!.application;
const status = (name: string) => app(name).status as Record<string, any>;
const spec = (name: string) => app(name).spec as Record<string, any>;
const isSha = (revision: string) => /^[0-9a-f]{40}$/.test(revision);

describe('the bundled scenarios', () => {
  it('hold the eleven apps on their instances and namespaces', () => {
    const layout = instances.map(i => [
      i.name,
      i.apps
        .map(
          a =>
            `${a.application.metadata.namespace}/${a.application.metadata.name}`,
        )
        .sort(),
    ]);
    expect(layout).toEqual([
      [
        'central',
        [
          'argocd/checkout-web-prod',
          'argocd/checkout-web-staging',
          'argocd/inventory-service-prod',
          'argocd/payments-api-prod',
          'argocd/payments-api-staging',
          'team-orders/orders-worker-prod',
          'team-orders/orders-worker-staging',
        ],
      ],
      [
        'edge',
        [
          'argocd/checkout-web-dev',
          'argocd/inventory-service-dev',
          'argocd/payments-api-dev',
          'team-orders/orders-worker-dev',
        ],
      ],
    ]);
  });

  it.each([
    ['payments-api-dev', 'Synced', 'Healthy'],
    ['checkout-web-dev', 'Synced', 'Progressing'],
    ['orders-worker-dev', 'OutOfSync', 'Missing'],
    ['inventory-service-dev', 'Synced', 'Healthy'],
    ['payments-api-staging', 'OutOfSync', 'Healthy'],
    ['payments-api-prod', 'Synced', 'Degraded'],
    ['checkout-web-staging', 'OutOfSync', 'Healthy'],
    ['checkout-web-prod', 'OutOfSync', 'Healthy'],
    ['orders-worker-staging', 'Synced', 'Healthy'],
    ['orders-worker-prod', 'Synced', 'Healthy'],
    ['inventory-service-prod', 'Synced', 'Healthy'],
  ])('%s is %s and %s', (name, sync, health) => {
    expect(status(name).sync.status).toBe(sync);
    expect(status(name).health.status).toBe(health);
  });

  it('label every app with its service and environment', () => {
    for (const [name, record] of apps) {
      const [, service, env] = /^(.+)-(dev|staging|prod)$/.exec(name)!;
      expect(record.application.metadata.labels).toEqual({
        'app.kubernetes.io/part-of': service,
        env,
      });
    }
  });

  it('match the catalog annotations of the four services', () => {
    const select = (selector: string, namespace?: string) =>
      [...apps.values()]
        .map(a => a.application)
        .filter(a => !namespace || a.metadata.namespace === namespace)
        .filter(a =>
          matchesLabelSelector(parseLabelSelector(selector), a.metadata.labels),
        )
        .map(a => a.metadata.name)
        .sort();
    expect(select('app.kubernetes.io/part-of=payments-api')).toEqual([
      'payments-api-dev',
      'payments-api-prod',
      'payments-api-staging',
    ]);
    expect(
      select('app.kubernetes.io/part-of=orders-worker', 'team-orders'),
    ).toEqual([
      'orders-worker-dev',
      'orders-worker-prod',
      'orders-worker-staging',
    ]);
    for (const name of [
      'checkout-web-dev',
      'checkout-web-staging',
      'checkout-web-prod',
    ]) {
      expect(app(name).metadata.namespace).toBe('argocd');
    }
    for (const name of ['inventory-service-dev', 'inventory-service-prod']) {
      expect(spec(name).project).toBe('inventory');
    }
    expect(spec('payments-api-dev').project).toBe('payments');
  });

  it('fit Argo CD API definitions', () => {
    // The check itself must notice invented fields and wrong types
    expect(
      swaggerProblems(
        {
          metadata: { name: 'x', generation: '1' },
          spec: {},
          status: { healthy: true },
        },
        'v1alpha1Application',
      ),
    ).toEqual([
      'v1alpha1Application.metadata.generation: expected an integer, got "1"',
      'v1alpha1Application.status.healthy: not in the definition',
    ]);
    for (const [name, record] of apps) {
      expect([
        name,
        swaggerProblems(record.application, 'v1alpha1Application'),
      ]).toEqual([name, []]);
      expect([
        name,
        swaggerProblems(record.resourceTree(), 'v1alpha1ApplicationTree'),
      ]).toEqual([name, []]);
    }
  });

  it('keep history newest last, with increasing ids and times', () => {
    for (const [name, record] of apps) {
      const history = record.application.status?.history ?? [];
      const ids = history.map(h => h.id);
      const times = history.map(h => Date.parse(h.deployedAt as string));
      expect([name, ids]).toEqual([name, [...ids].sort((a, b) => a - b)]);
      expect([name, times]).toEqual([name, [...times].sort((a, b) => a - b)]);
      for (const entry of history) {
        expect(Date.parse(entry.deployStartedAt as string)).toBeLessThanOrEqual(
          Date.parse(entry.deployedAt as string),
        );
      }
    }
  });

  it('have metadata for every commit they mention, the same wherever it appears', () => {
    const seen = new Map<string, unknown>();
    const conflicts: string[] = [];
    for (const [name, record] of apps) {
      const s = status(name);
      const mentioned = [
        ...(record.application.status?.history ?? []).flatMap(
          h => h.revisions ?? [h.revision!],
        ),
        ...(s.sync.revisions ?? [s.sync.revision]),
        ...(s.operationState?.syncResult?.revisions ?? [
          s.operationState?.syncResult?.revision,
        ]),
      ].filter(Boolean) as string[];
      for (const revision of mentioned.filter(isSha)) {
        expect([name, revision, record.revisions.has(revision)]).toEqual([
          name,
          revision,
          true,
        ]);
      }
      for (const [sha, metadata] of record.revisions) {
        if (
          seen.has(sha) &&
          JSON.stringify(seen.get(sha)) !== JSON.stringify(metadata)
        ) {
          conflicts.push(`${name}: ${sha}`);
        }
        seen.set(sha, metadata);
      }
    }
    expect(conflicts).toEqual([]);
  });

  it('use unique uids and parent references that point at nodes of the same tree', () => {
    const uids = new Set<string>();
    for (const [name, record] of apps) {
      const nodes = (record.resourceTree().nodes ?? []) as Array<
        Record<string, any>
      >;
      for (const uid of [
        record.application.metadata.uid,
        ...nodes.map(n => n.uid),
      ]) {
        expect([name, uid, uids.has(uid as string)]).toEqual([
          name,
          uid,
          false,
        ]);
        uids.add(uid as string);
      }
      for (const node of nodes) {
        for (const parent of node.parentRefs ?? []) {
          const target = nodes.find(n => n.uid === parent.uid);
          expect([
            name,
            node.name,
            target && [
              target.group,
              target.kind,
              target.namespace,
              target.name,
            ],
          ]).toEqual([
            name,
            node.name,
            [parent.group, parent.kind, parent.namespace, parent.name],
          ]);
        }
      }
    }
  });
});

describe('the situations the scenarios show', () => {
  it('checkout-web-dev is rolling out after a successful sync', () => {
    expect(status('checkout-web-dev').operationState.phase).toBe('Succeeded');
    const deployment = status('checkout-web-dev').resources.find(
      (r: { kind: string }) => r.kind === 'Deployment',
    );
    expect(deployment.health).toEqual({
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...',
    });
  });

  it('orders-worker-dev was never synced and none of its resources exist', () => {
    expect(app('orders-worker-dev').metadata.namespace).toBe('team-orders');
    expect(status('orders-worker-dev').history).toBeUndefined();
    expect(status('orders-worker-dev').operationState).toBeUndefined();
    for (const resource of status('orders-worker-dev').resources) {
      expect(resource).toMatchObject({
        status: 'OutOfSync',
        health: { status: 'Missing' },
      });
    }
    expect(apps.get('orders-worker-dev')!.resourceTree()).toEqual({});
  });

  it('inventory-service deploys a chart from the chart repository, with no commit metadata', () => {
    expect(spec('inventory-service-dev').source).toMatchObject({
      chart: 'inventory-service',
      repoURL: 'https://charts.acme.example/stable',
      targetRevision: '2.4.1',
    });
    expect(spec('inventory-service-prod').source.chart).toBe(
      'inventory-service',
    );
    expect(apps.get('inventory-service-dev')!.revisions.size).toBe(0);
    expect(apps.get('inventory-service-prod')!.revisions.size).toBe(0);
  });

  it('payments-api-staging drifted by hand with self-heal off', () => {
    expect(spec('payments-api-staging').syncPolicy.automated).toEqual({
      prune: true,
      selfHeal: false,
    });
    expect(status('payments-api-staging').operationState.phase).toBe(
      'Succeeded',
    );
    const outOfSync = status('payments-api-staging').resources.filter(
      (r: { status: string }) => r.status === 'OutOfSync',
    );
    expect(outOfSync.map((r: { kind: string }) => r.kind)).toEqual([
      'Deployment',
    ]);
  });

  it('payments-api-prod degraded after its latest deploy while the previous revision was healthy', () => {
    const history = status('payments-api-prod').history as Array<{
      revision: string;
      id: number;
    }>;
    expect(history.length).toBeGreaterThanOrEqual(5);
    const revisions = history.map(h => h.revision);
    expect(new Set(revisions).size).toBeLessThan(revisions.length);
    const [previous, latest] = revisions.slice(-2);
    expect(previous).not.toBe(latest);
    const nodes = apps.get('payments-api-prod')!.resourceTree().nodes as Array<
      Record<string, any>
    >;
    const pods = nodes.filter(n => n.kind === 'Pod');
    const crashing = pods.filter(p =>
      p.info.some((i: { value: string }) => i.value === 'CrashLoopBackOff'),
    );
    expect(crashing.map(p => p.images)).toEqual([
      ['registry.acme.example/payments/payments-api:1.43.0'],
    ]);
    expect(
      pods.filter(p => p.health.status === 'Healthy').map(p => p.images[0]),
    ).toEqual(
      Array(3).fill('registry.acme.example/payments/payments-api:1.42.0'),
    );
    expect(
      apps.get('payments-api-prod')!.revisions.get(latest)!.message,
    ).toContain('1.43.0');
  });

  it('checkout-web-staging failed a manual sync on an immutable field', () => {
    expect(spec('checkout-web-staging').syncPolicy.automated).toBeUndefined();
    const operation = status('checkout-web-staging').operationState;
    expect(operation.phase).toBe('Failed');
    expect(operation.operation.initiatedBy).toEqual({
      username: 'sofia.lindqvist@acme.example',
    });
    expect(operation.message).toMatch(
      /^one or more objects failed to apply, reason: Deployment\.apps "checkout-web" is invalid: spec\.selector: Invalid value: .*: field is immutable$/,
    );
  });

  it('checkout-web-prod exhausted its retries on a failed PreSync hook with auto-sync on', () => {
    expect(spec('checkout-web-prod').syncPolicy.automated).toEqual({
      prune: true,
      selfHeal: true,
    });
    const operation = status('checkout-web-prod').operationState;
    expect(operation.phase).toBe('Failed');
    expect(operation.retryCount).toBe(
      spec('checkout-web-prod').syncPolicy.retry.limit,
    );
    expect(operation.syncResult.resources).toEqual([
      expect.objectContaining({
        kind: 'Job',
        name: 'db-migrate',
        hookType: 'PreSync',
        hookPhase: 'Failed',
      }),
    ]);
    expect(status('checkout-web-prod').conditions).toEqual([
      expect.objectContaining({
        type: 'SyncError',
        message: `Failed sync attempt to ${
          status('checkout-web-prod').sync.revision
        }: ${operation.message}`,
      }),
    ]);
  });

  it('orders-worker-staging has a chart source and a Git values source', () => {
    const [chart, values] = spec('orders-worker-staging').sources;
    expect(chart).toMatchObject({
      chart: 'orders-worker',
      repoURL: 'https://charts.acme.example/stable',
    });
    expect(values).toMatchObject({
      repoURL: 'https://github.com/acme/orders-worker-deploy.git',
      ref: 'values',
    });
    expect(status('orders-worker-staging').sync.revisions).toHaveLength(2);
    for (const entry of status('orders-worker-staging').history) {
      expect(entry.revisions).toHaveLength(2);
      expect(entry.sources).toHaveLength(2);
      expect(entry.revision).toBeUndefined();
    }
  });
});

describe('the simulation blocks', () => {
  it('name only revisions the scenario knows', () => {
    for (const [name, record] of apps) {
      const simulation = record.simulation ?? {};
      const named = [
        simulation.headRevision,
        ...Object.keys(simulation.healthByRevision ?? {}),
        ...(simulation.syncFailure?.revisions ?? []),
      ].filter((r): r is string => r !== undefined);
      for (const revision of named) {
        expect([name, revision, record.revisions.has(revision)]).toEqual([
          name,
          revision,
          true,
        ]);
      }
    }
  });

  it('tell the demo stories: prod payments degrades on a9a6cab only, checkout syncs fail, inventory is frozen', () => {
    const simulation = (name: string) => apps.get(name)!.simulation!;
    const latest = status('payments-api-prod').history.at(-1).revision;
    expect(simulation('payments-api-prod')).toEqual({
      headRevision: latest,
      healthByRevision: {
        [latest]: {
          status: 'Degraded',
          message: 'Deployment "payments-api" exceeded its progress deadline',
        },
      },
    });
    expect(simulation('checkout-web-staging').syncFailure?.message).toBe(
      status('checkout-web-staging').operationState.message,
    );
    expect(simulation('checkout-web-prod').syncFailure?.revisions).toEqual([
      status('checkout-web-prod').sync.revision,
    ]);
    expect(simulation('inventory-service-prod')).toEqual({
      syncWindowBlocks: true,
    });
  });
});

describe('parseScenario', () => {
  it('defaults the namespace and explains bad files', () => {
    const record = parseScenario(
      'application:\n  metadata:\n    name: a\n  spec:\n    source:\n      repoURL: https://example.com/a.git\n',
      'a.yaml',
    );
    expect(record.application.metadata.namespace).toBe('argocd');
    expect(record.resourceTree()).toEqual({});
    expect(() => parseScenario('application: {}', 'b.yaml')).toThrow(
      'Invalid scenario b.yaml: application.metadata.name is required',
    );
    expect(() =>
      parseScenario(
        'application:\n  metadata: {name: c}\n  spec: {source: {repoURL: x}}\nrevisions:\n  abc: {author: a, date: b, message: c}\n',
        'c.yaml',
      ),
    ).toThrow('revision key abc is not a 40-character lowercase commit SHA');
    expect(() =>
      parseScenario(
        'application:\n  metadata: {name: d}\n  spec: {source: {repoURL: x}}\nsimulation:\n  syncWindowBlocks: 1\n',
        'd.yaml',
      ),
    ).toThrow(
      'Invalid scenario d.yaml: simulation: syncWindowBlocks must be a boolean',
    );
  });
});
