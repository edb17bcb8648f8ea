import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import {
  documentedProperties,
  responseErrors,
  ROUTES,
} from '../__testUtils__/openapi';
import { loadScenarios, type Scenario } from '../__testUtils__/scenarios';
import {
  SIM_UI_URL,
  simulatorConfig,
  startGitOpsBackend,
} from '../__testUtils__/testBackend';

const scenarios = loadScenarios();

/** What the card must show for a scenario, read straight from the raw Argo CD document. */
function expectedSummary(scenario: Scenario, uiUrl: string) {
  const app = scenario.application;
  const status = app.status ?? {};
  const spec = app.spec;
  const namespace = app.metadata.namespace ?? 'argocd';
  const automated = spec.syncPolicy?.automated;
  const operation = status.operationState;
  const source = (raw: any) =>
    Object.fromEntries(
      ['repoURL', 'path', 'targetRevision', 'chart', 'ref', 'name']
        .filter(key => raw[key] !== undefined && raw[key] !== '')
        .map(key => [key, raw[key]]),
    );
  const optional = (key: string, value: unknown) =>
    value === undefined || value === '' ? {} : { [key]: value };

  return {
    instance: scenario.instance,
    sourceKind: 'argocd',
    kind: 'Application',
    name: scenario.name,
    namespace,
    project: spec.project || 'default',
    ...optional('environment', app.metadata.labels?.env),
    sync: {
      status: status.sync?.status,
      ...optional('revision', status.sync?.revision),
      ...optional('revisions', status.sync?.revisions),
    },
    health: {
      status: status.health?.status,
      ...optional('message', status.health?.message),
    },
    operation: operation
      ? {
          phase: operation.phase,
          ...optional('message', operation.message),
          ...optional('startedAt', operation.startedAt),
          ...optional('finishedAt', operation.finishedAt),
        }
      : null,
    conditions: (status.conditions ?? []).map((condition: any) => ({
      type: condition.type,
      message: condition.message,
    })),
    autoSync: {
      enabled: Boolean(automated) && automated.enabled !== false,
      prune: automated?.prune ?? false,
      selfHeal: automated?.selfHeal ?? false,
    },
    ...(spec.sources?.length
      ? { sources: spec.sources.map(source) }
      : { source: source(spec.source) }),
    destination: spec.destination,
    images: status.summary?.images ?? [],
    ...optional('reconciledAt', status.reconciledAt),
    links: {
      argocd: `${uiUrl}/applications/${namespace}/${scenario.name}`,
    },
  };
}

/** Argo CD sends the first line of a commit message, cut to 64 characters (util/text.Trunc). */
function argoCdCommitMessage(message: string): string {
  const characters = [...message.split('\n', 1)[0]];
  return characters.length > 64
    ? `${characters.slice(0, 61).join('')}...`
    : characters.join('');
}

/** Commit author and message per history entry, newest first; none for Helm charts. */
function expectedHistory(scenario: Scenario) {
  const app = scenario.application;
  return [...(app.status?.history ?? [])].reverse().map((entry: any) => {
    const sources = entry.sources ?? app.spec.sources;
    const gitRevision = entry.revisions
      ? entry.revisions.find((_: string, i: number) => !sources?.[i]?.chart)
      : !(entry.source ?? app.spec.source)?.chart && entry.revision;
    const metadata = gitRevision ? scenario.revisions[gitRevision] : undefined;
    return {
      id: entry.id,
      deployedAt: entry.deployedAt,
      ...(metadata
        ? {
            author: metadata.author,
            message: argoCdCommitMessage(metadata.message),
          }
        : {}),
    };
  });
}

function expectDocumented(component: string, body: Record<string, unknown>) {
  const documented = documentedProperties(component);
  expect(Object.keys(body).filter(key => !documented.has(key))).toEqual([]);
}

describe('application routes against the Argo CD simulator', () => {
  let sim: Simulator;
  let server: Awaited<ReturnType<typeof startGitOpsBackend>>['server'];

  const uiUrlOf = (instance: string) =>
    instance === 'central' ? `${SIM_UI_URL}/central` : sim.instanceUrl('edge');

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    ({ server } = await startGitOpsBackend({
      config: { gitops: { argocd: simulatorConfig(sim) } },
      entities: [
        ...scenarios.map(scenario =>
          componentWith(scenario.name, { 'argocd/app-name': scenario.name }),
        ),
        componentWith('payments-api', {
          'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
        }),
        componentWith('payments-and-checkout', {
          'argocd/app-name':
            'payments-api-prod, checkout-web-prod,checkout-web-dev',
        }),
        componentWith('orders-worker', {
          'argocd/app-selector': 'app.kubernetes.io/part-of=orders-worker',
          'argocd/app-namespace': 'team-orders',
          'argocd/instance-name': 'central',
        }),
        componentWith('typo', { 'argocd/app-name': 'payments-apii-prod' }),
        componentWith('no-gitops'),
        componentWith('kubernetes-only', {
          'backstage.io/kubernetes-id': 'payments-api',
        }),
      ],
    }));
  });

  afterAll(async () => {
    await sim.close();
  });

  it('answers the health check', async () => {
    const res = await request(server).get('/api/gitops/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      knowledge: { entries: expect.any(Number), problems: 0 },
    });
  });

  it('has all eleven scenarios to test', () => {
    expect(scenarios.map(s => s.name)).toEqual([
      'checkout-web-dev',
      'checkout-web-prod',
      'checkout-web-staging',
      'inventory-service-dev',
      'inventory-service-prod',
      'orders-worker-dev',
      'orders-worker-prod',
      'orders-worker-staging',
      'payments-api-dev',
      'payments-api-prod',
      'payments-api-staging',
    ]);
  });

  describe.each(scenarios.map(s => [s.name, s] as const))(
    '%s',
    (_name, scenario) => {
      it('shows the normalized summary on the card', async () => {
        const res = await request(server).get(applicationsPath(scenario.name));
        expect(res.status).toBe(200);
        expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
        expect(res.body.errors).toEqual([]);
        expect(res.body.applications).toHaveLength(1);
        const [summary] = res.body.applications;
        expect(summary).toMatchObject(
          expectedSummary(scenario, uiUrlOf(scenario.instance)),
        );
        expectDocumented('ApplicationSummary', summary);
      });

      it('shows the detail with history and resources', async () => {
        const res = await request(server).get(
          `${applicationsPath(scenario.name)}/${scenario.instance}/${
            scenario.name
          }`,
        );
        expect(res.status).toBe(200);
        expect(responseErrors(ROUTES.application, 200, res.body)).toEqual([]);
        expectDocumented('ApplicationDetail', res.body);
        expect(res.body).toMatchObject(
          expectedSummary(scenario, uiUrlOf(scenario.instance)),
        );
        expect(res.body.history).toMatchObject(expectedHistory(scenario));
        for (const resource of res.body.resources) {
          expect(
            resource.health !== 'Healthy' || resource.sync !== 'Synced',
          ).toBe(true);
        }
      });
    },
  );

  it('shows what is wrong with payments-api in prod', async () => {
    const res = await request(server).get(
      `${applicationsPath('payments-api-prod')}/central/payments-api-prod`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sync: {
        status: 'Synced',
        revision: 'a9a6cab372a7bbf91fdea77fad9305243684945d',
      },
      health: { status: 'Degraded' },
      operation: { phase: 'Succeeded', startedAt: '2026-11-23T13:40:12Z' },
      autoSync: { enabled: false, prune: false, selfHeal: false },
      source: {
        repoURL: 'https://github.com/acme/payments-api-deploy.git',
        path: 'overlays/prod',
        targetRevision: 'main',
      },
      destination: { name: 'prod-eu-west-1', namespace: 'payments' },
      environment: 'prod',
      links: {
        argocd: `${SIM_UI_URL}/central/applications/argocd/payments-api-prod`,
      },
    });
    expect(res.body.history.map((entry: any) => entry.id)).toEqual([
      45, 44, 43, 42, 41, 40,
    ]);
    expect(res.body.history[0].author).toEqual(expect.any(String));
    expect(res.body.resources).toContainEqual(
      expect.objectContaining({
        kind: 'Deployment',
        name: 'payments-api',
        health: 'Degraded',
      }),
    );
    expect(res.body.resourceCounts.Degraded).toBeGreaterThanOrEqual(1);
  });

  it('shows a failed sync with its condition', async () => {
    const res = await request(server).get(
      applicationsPath('checkout-web-prod'),
    );
    expect(res.status).toBe(200);
    expect(res.body.applications[0]).toMatchObject({
      sync: { status: 'OutOfSync' },
      operation: { phase: 'Failed' },
      conditions: [{ type: 'SyncError', message: expect.any(String) }],
      autoSync: { enabled: true, prune: true, selfHeal: true },
    });
  });

  it('shows Helm chart sources without commit metadata', async () => {
    const res = await request(server).get(
      `${applicationsPath(
        'inventory-service-prod',
      )}/central/inventory-service-prod`,
    );
    expect(res.status).toBe(200);
    expect(res.body.source.chart).toEqual(expect.any(String));
    expect(res.body.history.length).toBeGreaterThan(0);
    for (const entry of res.body.history) {
      expect(entry.author).toBeUndefined();
      expect(entry.message).toBeUndefined();
    }
  });

  it('shows multi-source applications with per-source revisions', async () => {
    const res = await request(server).get(
      `${applicationsPath(
        'orders-worker-staging',
      )}/central/orders-worker-staging?appNamespace=team-orders`,
    );
    expect(res.status).toBe(200);
    expect(res.body.namespace).toBe('team-orders');
    expect(res.body.sources.length).toBeGreaterThan(1);
    expect(res.body.sync.revisions.length).toBe(res.body.sources.length);
    expect(res.body.history[0].revisions.length).toBe(res.body.sources.length);
    expect(res.body.history[0].author).toEqual(expect.any(String));
  });

  it('shows an application that never synced', async () => {
    const res = await request(server).get(
      `${applicationsPath('orders-worker-dev')}/edge/orders-worker-dev`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      namespace: 'team-orders',
      sync: { status: 'OutOfSync' },
      health: { status: 'Missing' },
      operation: null,
      history: [],
    });
  });

  it('selects applications by label across instances', async () => {
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
    expect(res.body.errors).toEqual([]);
    expect(
      res.body.applications.map((app: any) => `${app.instance}/${app.name}`),
    ).toEqual([
      'central/payments-api-prod',
      'central/payments-api-staging',
      'edge/payments-api-dev',
    ]);
  });

  it('selects several applications by name', async () => {
    const res = await request(server).get(
      applicationsPath('payments-and-checkout'),
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(
      res.body.applications.map((app: any) => `${app.instance}/${app.name}`),
    ).toEqual([
      'central/checkout-web-prod',
      'central/payments-api-prod',
      'edge/checkout-web-dev',
    ]);
  });

  it('narrows by namespace and instance', async () => {
    const res = await request(server).get(applicationsPath('orders-worker'));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(
      res.body.applications.map((app: any) => `${app.instance}/${app.name}`),
    ).toEqual(['central/orders-worker-prod', 'central/orders-worker-staging']);
  });

  it('reports a named application no instance has', async () => {
    const res = await request(server).get(applicationsPath('typo'));
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
    expect(res.body).toEqual({
      applications: [],
      errors: [
        {
          instance: 'central',
          application: 'payments-apii-prod',
          code: 'not-found',
          message:
            "Argo CD instance 'central' has no application 'payments-apii-prod'",
        },
        {
          instance: 'edge',
          application: 'payments-apii-prod',
          code: 'not-found',
          message:
            "Argo CD instance 'edge' has no application 'payments-apii-prod'",
        },
      ],
    });
  });

  it('answers empty lists for an entity without Argo CD annotations', async () => {
    for (const name of ['no-gitops', 'kubernetes-only']) {
      const res = await request(server).get(applicationsPath(name));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ applications: [], errors: [] });
    }
  });

  it('answers 404 for the detail of an entity without Argo CD annotations', async () => {
    const res = await request(server).get(
      `${applicationsPath('no-gitops')}/central/payments-api-prod`,
    );
    expect(res.status).toBe(404);
    expect(responseErrors(ROUTES.application, 404, res.body)).toEqual([]);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('answers 404 for a missing entity', async () => {
    const res = await request(server).get(applicationsPath('does-not-exist'));
    expect(res.status).toBe(404);
    expect(responseErrors(ROUTES.applications, 404, res.body)).toEqual([]);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: "No entity found for ref 'component:default/does-not-exist'",
    });
  });
});
