import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import {
  applicationsPath,
  componentWith,
  detailPath,
} from '../__fixtures__/entities';
import {
  KUBE_TEST_TOKEN,
  fluxFixtures,
  kubeClusterConfig,
  startFakeKubeApiServer,
  type KubeApiServer,
} from '../__testUtils__/fakeKubeApiServer';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import { loadScenarios } from '../__testUtils__/scenarios';
import {
  simulatorConfig,
  startGitOpsBackend,
} from '../__testUtils__/testBackend';

const A = `main@sha1:${'a'.repeat(40)}`;
const B = `main@sha1:${'b'.repeat(40)}`;
const GUIDANCE_ROUTE = `${ROUTES.application}/guidance`;
const scenarios = loadScenarios();

/** What each Flux fixture must look like through the API, read off `flux-objects.yaml`. */
const FLUX_CASES = [
  // name, health, sync, operation phase, Ready reason, rollback state
  [
    'ks-ready',
    'Healthy',
    'Synced',
    'Succeeded',
    'ReconciliationSucceeded',
    'not-needed',
  ],
  [
    'ks-build-failed',
    'Degraded',
    'OutOfSync',
    'Failed',
    'BuildFailed',
    'recommended',
  ],
  [
    'ks-health-failed',
    'Degraded',
    'OutOfSync',
    'Failed',
    'HealthCheckFailed',
    'recommended',
  ],
  [
    'ks-reconcile-failed',
    'Degraded',
    'OutOfSync',
    'Failed',
    'ReconciliationFailed',
    'recommended',
  ],
  [
    'ks-progressing',
    'Progressing',
    'Synced',
    'Running',
    'Progressing',
    'in-progress',
  ],
  [
    'ks-suspended',
    'Suspended',
    'Synced',
    'Succeeded',
    'ReconciliationSucceeded',
    'not-needed',
  ],
  [
    'ks-dependency',
    'Progressing',
    'Synced',
    'Running',
    'DependencyNotReady',
    'in-progress',
  ],
  [
    'hr-ready',
    'Healthy',
    'Synced',
    'Succeeded',
    'UpgradeSucceeded',
    'not-needed',
  ],
  [
    'hr-install-failed',
    'Degraded',
    'OutOfSync',
    'Failed',
    'InstallFailed',
    'unknown',
  ],
  [
    'hr-upgrade-failed',
    'Degraded',
    'OutOfSync',
    'Failed',
    'UpgradeFailed',
    'recommended',
  ],
  [
    'hr-test-failed',
    'Degraded',
    'Synced',
    'Failed',
    'TestFailed',
    'recommended',
  ],
  [
    'hr-progressing',
    'Progressing',
    'Synced',
    'Running',
    'Progressing',
    'in-progress',
  ],
  [
    'hr-suspended',
    'Suspended',
    'Synced',
    'Succeeded',
    'UpgradeSucceeded',
    'not-needed',
  ],
  [
    'hr-dependency',
    'Progressing',
    'Unknown',
    'Running',
    'DependencyNotReady',
    'in-progress',
  ],
] as const;

describe('application routes reading from Kubernetes (Flux and Argo CD Applications)', () => {
  let sim: Simulator;
  let kube: KubeApiServer;
  let server: Awaited<ReturnType<typeof startGitOpsBackend>>['server'];
  let logs: Awaited<ReturnType<typeof startGitOpsBackend>>['logs'];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    kube = await startFakeKubeApiServer();
    ({ server, logs } = await startGitOpsBackend({
      config: {
        gitops: {
          argocd: simulatorConfig(sim),
          kubernetes: {
            clusters: [
              kubeClusterConfig(kube, { name: 'prod-eu' }),
              kubeClusterConfig(kube, {
                name: 'kube-argocd',
                flux: false,
                argocdNamespaces: ['argocd', 'team-orders'],
              }),
            ],
          },
        },
      },
      entities: [
        ...FLUX_CASES.map(([name]) =>
          componentWith(name, { 'backstage.io/kubernetes-id': name }),
        ),
        componentWith('shop', {
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/part-of=shop',
        }),
        componentWith('podinfo', { 'backstage.io/kubernetes-id': 'podinfo' }),
        componentWith('payments-from-cluster', {
          'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
          'argocd/instance-name': 'kube-argocd',
        }),
        ...scenarios.map(scenario =>
          componentWith(`both-${scenario.name}`, {
            'argocd/app-name': scenario.name,
            'argocd/instance-name': `${scenario.instance},kube-argocd`,
          }),
        ),
      ],
    }));
  });

  afterAll(async () => {
    await Promise.all([sim.close(), kube.close()]);
  });

  describe.each(FLUX_CASES.map(c => [c[0], c] as const))(
    'Flux %s',
    (_name, [name, health, sync, phase, reason, rollback]) => {
      const kind = name.startsWith('ks-') ? 'Kustomization' : 'HelmRelease';
      const namespace = kind === 'Kustomization' ? 'flux-system' : 'apps';

      it('is on the card with health, sync, operation and conditions', async () => {
        const res = await request(server).get(applicationsPath(name));
        expect(res.status).toBe(200);
        expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
        expect(res.body.errors).toEqual([]);
        expect(res.body.applications).toHaveLength(1);
        const [summary] = res.body.applications;
        expect(summary).toMatchObject({
          instance: 'prod-eu',
          sourceKind: 'flux',
          kind,
          name,
          namespace,
          health: { status: health },
          sync: { status: sync },
          operation: { phase },
          links: {},
        });
        expect(summary.conditions).toContainEqual(
          expect.objectContaining({ type: 'Ready', reason }),
        );
        expect(Boolean(summary.suspended)).toBe(health === 'Suspended');
        expect(summary.autoSync.enabled).toBe(health !== 'Suspended');
        // The source's URL comes from the referenced GitRepository / HelmRepository.
        expect(summary.source.repoURL).toBe(
          kind === 'Kustomization'
            ? 'https://github.com/acme/shop-deploy'
            : 'https://stefanprodan.github.io/podinfo',
        );
      });

      it('has a detail and guidance naming the Flux state', async () => {
        const detail = await request(server).get(
          detailPath(name, 'prod-eu', name),
        );
        expect(detail.status).toBe(200);
        expect(responseErrors(ROUTES.application, 200, detail.body)).toEqual(
          [],
        );
        expect(detail.body).toMatchObject({ kind, name, resources: [] });

        const guidance = await request(server).get(
          `${detailPath(name, 'prod-eu', name)}/guidance`,
        );
        expect(guidance.status).toBe(200);
        expect(responseErrors(GUIDANCE_ROUTE, 200, guidance.body)).toEqual([]);
        expect(guidance.body.signals).toEqual(
          expect.arrayContaining([
            `kind:${kind}`,
            `reason:${reason}`,
            `health:${health}`,
            `operation:${phase}`,
            health === 'Healthy' || health === 'Suspended'
              ? 'flux:ready'
              : 'flux:not-ready',
          ]),
        );
        expect(guidance.body.rollback.state).toBe(rollback);
        const commands = guidance.body.rollback.steps.flatMap(
          (step: { commands: string[] }) => step.commands,
        );
        expect(commands.join('\n')).not.toContain('argocd ');
        // Recommended plans revert, reconcile, and offer suspend as break-glass.
        const target = `${kind.toLowerCase()} ${name} -n ${namespace}`;
        expect([
          commands.includes(`flux reconcile ${target} --with-source`),
          commands.includes(`flux suspend ${target}`),
        ]).toEqual([rollback === 'recommended', rollback === 'recommended']);
      });
    },
  );

  it('explains failed Kustomizations with a Git revert of the attempted revision', async () => {
    const res = await request(server).get(
      `${detailPath(
        'ks-health-failed',
        'prod-eu',
        'ks-health-failed',
      )}/guidance`,
    );
    const { rollback } = res.body;
    expect(rollback.suspect).toMatchObject({
      revision: B,
      origin: 'operation',
    });
    expect(rollback.knownGood).toMatchObject({
      revision: A,
      origin: 'history',
    });
    expect(rollback.steps[0]).toEqual({
      title: 'Preferred: revert the suspect commit in Git and reconcile',
      commands: [
        `git log --oneline ${'a'.repeat(40)}..${'b'.repeat(40)}`,
        `git revert --no-edit ${'b'.repeat(40)}`,
        'git push',
        'flux reconcile kustomization ks-health-failed -n flux-system --with-source',
      ],
      note: expect.stringContaining(
        'In a clone of https://github.com/acme/shop-deploy.',
      ),
    });
  });

  it('maps HelmRelease history and plans a chart rollback with remediation advice', async () => {
    const detail = await request(server).get(
      detailPath('hr-upgrade-failed', 'prod-eu', 'hr-upgrade-failed'),
    );
    expect(detail.body.history).toEqual([
      expect.objectContaining({
        id: 2,
        revision: '6.5.3',
        deployedAt: '2024-05-02T08:00:00Z',
        message: expect.stringMatching(
          /^Helm release 2 deployed \(chart podinfo 6\.5\.3/,
        ),
      }),
      expect.objectContaining({ id: 1, revision: '6.5.2' }),
    ]);
    expect(detail.body.operation).toMatchObject({
      phase: 'Failed',
      revision: '6.5.4',
      retryCount: 2,
    });
    const guidance = await request(server).get(
      `${detailPath(
        'hr-upgrade-failed',
        'prod-eu',
        'hr-upgrade-failed',
      )}/guidance`,
    );
    const titles = guidance.body.rollback.steps.map(
      (step: { title: string }) => step.title,
    );
    expect(titles).toEqual([
      'Preferred: set chart podinfo back to 6.5.3 in Git',
      'Break-glass: suspend reconciliation while you fix Git',
      'After the Git revert is pushed: resume reconciliation',
      'Next time: let helm-controller roll back failed upgrades',
    ]);
    expect(guidance.body.explanations.length).toBeGreaterThan(0);
  });

  it('selects every object of a label selector annotation in one list call per kind', async () => {
    kube.resetRequests();
    const res = await request(server).get(applicationsPath('shop'));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(
      res.body.applications.map(
        (app: { kind: string; name: string }) => `${app.kind}/${app.name}`,
      ),
    ).toEqual(
      FLUX_CASES.map(
        ([name]) =>
          `${name.startsWith('ks-') ? 'Kustomization' : 'HelmRelease'}/${name}`,
      ).sort((a, b) => a.split('/')[1].localeCompare(b.split('/')[1])),
    );
    expect(
      kube.requests
        .filter(r => r.labelSelector)
        .map(r => `${r.path}?${r.labelSelector}`),
    ).toEqual(
      expect.arrayContaining([
        '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations?app.kubernetes.io/part-of=shop',
        '/apis/helm.toolkit.fluxcd.io/v2/helmreleases?app.kubernetes.io/part-of=shop',
      ]),
    );
  });

  it('needs kind for a Kustomization and a HelmRelease of the same name', async () => {
    const list = await request(server).get(applicationsPath('podinfo'));
    expect(
      list.body.applications.map((app: { kind: string }) => app.kind),
    ).toEqual(['HelmRelease', 'Kustomization']);

    const ambiguous = await request(server).get(
      detailPath('podinfo', 'prod-eu', 'podinfo'),
    );
    expect(ambiguous.status).toBe(400);
    expect(responseErrors(ROUTES.application, 400, ambiguous.body)).toEqual([]);
    expect(ambiguous.body.error.message).toBe(
      "Several objects named 'podinfo' are selected on cluster 'prod-eu' (Kustomization in namespace flux-system, HelmRelease in namespace flux-system); pass kind and appNamespace",
    );

    const helm = await request(server).get(
      `${detailPath('podinfo', 'prod-eu', 'podinfo')}?kind=HelmRelease`,
    );
    expect(helm.status).toBe(200);
    expect(helm.body).toMatchObject({ kind: 'HelmRelease', name: 'podinfo' });

    const wrongKind = await request(server).get(
      `${detailPath('podinfo', 'prod-eu', 'podinfo')}?kind=Application`,
    );
    expect(wrongKind.status).toBe(404);

    const badKind = await request(server).get(
      `${detailPath('podinfo', 'prod-eu', 'podinfo')}?kind=Deployment`,
    );
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toBe(
      'Invalid query parameter kind: "Deployment" must be one of Application, Kustomization, HelmRelease',
    );
  });

  it('answers 404 for an object the entity does not select, before showing anything', async () => {
    const res = await request(server).get(
      detailPath('ks-ready', 'prod-eu', 'ks-build-failed'),
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message:
        "Object 'ks-build-failed' on cluster 'prod-eu' is not one of this entity's applications",
    });
  });

  describe('Argo CD Applications read from a cluster', () => {
    it('are on the card like API ones, marked argocd-kubernetes', async () => {
      sim.resetRequests();
      const res = await request(server).get(
        applicationsPath('payments-from-cluster'),
      );
      expect(res.status).toBe(200);
      expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
      expect(res.body.errors).toEqual([]);
      expect(
        res.body.applications.map(
          (app: any) => `${app.instance}/${app.sourceKind}/${app.name}`,
        ),
      ).toEqual([
        'kube-argocd/argocd-kubernetes/payments-api-dev',
        'kube-argocd/argocd-kubernetes/payments-api-prod',
        'kube-argocd/argocd-kubernetes/payments-api-staging',
      ]);
      // Nothing went to the Argo CD API: the instance is the cluster.
      expect(sim.requests).toEqual([]);
    });

    it('have a detail with history and the resources of status.resources, and guidance', async () => {
      const prod = scenarios.find(s => s.name === 'payments-api-prod')!;
      const res = await request(server).get(
        detailPath('payments-from-cluster', 'kube-argocd', 'payments-api-prod'),
      );
      expect(res.status).toBe(200);
      expect(responseErrors(ROUTES.application, 200, res.body)).toEqual([]);
      expect(res.body.history.map((entry: { id: number }) => entry.id)).toEqual(
        [...prod.application.status.history]
          .reverse()
          .map((entry: { id: number }) => entry.id),
      );
      // No commit metadata without the Argo CD API: author and message are absent.
      expect(res.body.history[0].author).toBeUndefined();
      const unhealthy = (prod.application.status.resources ?? []).filter(
        (r: any) => r.health?.status && r.health.status !== 'Healthy',
      );
      expect(res.body.resources).toEqual(
        expect.arrayContaining(
          unhealthy.map((r: any) =>
            expect.objectContaining({ kind: r.kind, name: r.name }),
          ),
        ),
      );

      const guidance = await request(server).get(
        `${detailPath(
          'payments-from-cluster',
          'kube-argocd',
          'payments-api-prod',
        )}/guidance`,
      );
      expect(guidance.status).toBe(200);
      expect(responseErrors(GUIDANCE_ROUTE, 200, guidance.body)).toEqual([]);
      expect(guidance.body.rollback.state).toBe('recommended');
      expect(guidance.body.rollback.steps[0].commands.join('\n')).toContain(
        'git revert',
      );
    });

    it.each(scenarios.map(s => [s.name, s] as const))(
      '%s: the API route and the cluster route give the same summary',
      async (name, scenario) => {
        const res = await request(server).get(applicationsPath(`both-${name}`));
        expect(res.status).toBe(200);
        expect(res.body.errors).toEqual([]);
        const byRoute = Object.fromEntries(
          res.body.applications.map((app: any) => [app.sourceKind, app]),
        );
        expect(Object.keys(byRoute).sort()).toEqual([
          'argocd',
          'argocd-kubernetes',
        ]);
        const strip = ({ instance, sourceKind, links, ...rest }: any) => rest;
        expect(byRoute.argocd.instance).toBe(scenario.instance);
        expect(byRoute['argocd-kubernetes'].instance).toBe('kube-argocd');
        expect(strip(byRoute['argocd-kubernetes'])).toEqual(
          strip(byRoute.argocd),
        );
      },
    );
  });

  it('never puts the cluster token in a response or a log line', async () => {
    const bodies = await Promise.all(
      ['shop', 'payments-from-cluster'].map(name =>
        request(server).get(applicationsPath(name)),
      ),
    );
    for (const res of bodies) {
      expect(JSON.stringify(res.body)).not.toContain(KUBE_TEST_TOKEN);
    }
    expect(JSON.stringify(logs)).not.toContain(KUBE_TEST_TOKEN);
    expect(logs.some(line => line.message === 'Fetched Flux objects')).toBe(
      true,
    );
  });

  it('fixtures cover every case', () => {
    expect(
      fluxFixtures()
        .map(object => object.metadata.name)
        .filter(name => name !== 'podinfo')
        .sort(),
    ).toEqual(FLUX_CASES.map(([name]) => name).sort());
  });
});
