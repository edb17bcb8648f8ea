import { createServer } from 'node:net';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import {
  KUBE_TEST_TOKEN,
  defaultKubeObjects,
  fluxFixtures,
  kubeClusterConfig,
  startFakeKubeApiServer,
  type KubeApiServer,
} from '../__testUtils__/fakeKubeApiServer';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import { startGitOpsBackend } from '../__testUtils__/testBackend';

const KUSTOMIZATIONS = 'kustomizations.kustomize.toolkit.fluxcd.io';
const HELMRELEASES = 'helmreleases.helm.toolkit.fluxcd.io';
const APPLICATIONS = 'applications.argoproj.io';

const entities = [
  componentWith('shop', {
    'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/part-of=shop',
  }),
  componentWith('ks-ready', { 'backstage.io/kubernetes-id': 'ks-ready' }),
  componentWith('hr-ready', { 'backstage.io/kubernetes-id': 'hr-ready' }),
  componentWith('payments-api', {
    'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
  }),
  componentWith('payments-api-prod', {
    'argocd/app-name': 'payments-api-prod',
  }),
];

const ids = (body: any) =>
  body.applications.map(
    (app: any) => `${app.instance}/${app.kind}/${app.name}`,
  );

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('application routes when a Kubernetes cluster fails', () => {
  /** `prod-eu`, the one that fails, and `prod-us`, a healthy second cluster with the same objects. */
  let failing: KubeApiServer;
  let healthy: KubeApiServer;

  beforeAll(async () => {
    [failing, healthy] = await Promise.all([
      startFakeKubeApiServer(),
      startFakeKubeApiServer(),
    ]);
  });

  afterEach(() => {
    failing.setFault(undefined);
    failing.allowAll();
    for (const resource of [KUSTOMIZATIONS, HELMRELEASES, APPLICATIONS]) {
      failing.install(resource);
    }
    failing.resetRequests();
    healthy.resetRequests();
  });

  afterAll(async () => {
    await Promise.all([failing.close(), healthy.close()]);
  });

  async function start(
    failingOverrides: Record<string, unknown> = {},
    settings: Record<string, unknown> = {},
  ) {
    return startGitOpsBackend({
      config: {
        gitops: {
          kubernetes: {
            clusters: [
              kubeClusterConfig(failing, {
                name: 'prod-eu',
                argocdNamespaces: ['argocd'],
                ...failingOverrides,
              }),
              kubeClusterConfig(healthy, { name: 'prod-us' }),
            ],
            timeoutMs: 300,
            ...settings,
          },
        },
      },
      entities,
    });
  }

  /** The card of `shop`: prod-us still answers, prod-eu's failure is one error. */
  async function shopCardWithProdEuFailing(
    server: Awaited<ReturnType<typeof start>>['server'],
  ) {
    const res = await request(server).get(applicationsPath('shop'));
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
    expect(
      res.body.applications.every((app: any) => app.instance === 'prod-us'),
    ).toBe(true);
    expect(res.body.applications).toHaveLength(14);
    return res.body.errors;
  }

  it('401: reports rejected credentials once per cluster, without the token', async () => {
    const { server, logs } = await start({
      serviceAccountToken: 'not-the-right-token-9d2e',
    });
    const errors = await shopCardWithProdEuFailing(server);
    expect(errors).toEqual([
      {
        instance: 'prod-eu',
        code: 'unauthorized',
        message: `Kubernetes cluster 'prod-eu' rejected the configured credentials while listing ${KUSTOMIZATIONS} (401 Unauthorized); check serviceAccountToken, or the pod's service account when none is set`,
      },
    ]);
    expect(failing.requests.every(r => !r.authorized)).toBe(true);
    for (const text of [JSON.stringify(errors), JSON.stringify(logs)]) {
      expect(text).not.toContain('not-the-right-token-9d2e');
      expect(text).not.toContain(KUBE_TEST_TOKEN);
    }
  });

  it('403: names the resource and the missing RBAC permission', async () => {
    failing.forbid(HELMRELEASES);
    const { server } = await start();
    const res = await request(server).get(applicationsPath('shop'));
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
    // Kustomizations of prod-eu are still shown: only HelmReleases are forbidden.
    expect(ids(res.body)).toContain('prod-eu/Kustomization/ks-ready');
    expect(ids(res.body)).not.toContain('prod-eu/HelmRelease/hr-ready');
    expect(res.body.errors).toEqual([
      {
        instance: 'prod-eu',
        code: 'forbidden',
        message: `Kubernetes cluster 'prod-eu' refused listing ${HELMRELEASES} (403 Forbidden: ${HELMRELEASES} is forbidden: User "system:serviceaccount:backstage:backstage-gitops" cannot list resource "helmreleases" in API group "helm.toolkit.fluxcd.io" at the cluster scope); the backend's service account needs RBAC permission to get and list ${HELMRELEASES} (see the ClusterRole in docs/kubernetes.md)`,
      },
    ]);
  });

  it('403 on the detail route answers 502 with a KubernetesError', async () => {
    failing.forbid(HELMRELEASES);
    const { server } = await start();
    const res = await request(server).get(
      `${applicationsPath('hr-ready')}/prod-eu/hr-ready`,
    );
    expect(res.status).toBe(502);
    expect(responseErrors(ROUTES.application, 502, res.body)).toEqual([]);
    expect(res.body.error).toMatchObject({
      name: 'KubernetesError',
      code: 'forbidden',
      instance: 'prod-eu',
    });
  });

  it('404: Flux not installed is said plainly, on the card and on the detail route', async () => {
    failing.uninstall(KUSTOMIZATIONS);
    failing.uninstall(HELMRELEASES);
    const { server } = await start();
    const errors = await shopCardWithProdEuFailing(server);
    expect(errors).toEqual([
      {
        instance: 'prod-eu',
        code: 'not-found',
        message: `Flux is not installed on cluster 'prod-eu': neither ${KUSTOMIZATIONS}/v1 nor ${HELMRELEASES}/v2 is served (Flux 2.3 or later is needed). Install Flux, or set flux: false for the cluster`,
      },
    ]);

    const detail = await request(server).get(
      `${applicationsPath('ks-ready')}/prod-eu/ks-ready`,
    );
    expect(detail.status).toBe(404);
    expect(responseErrors(ROUTES.application, 404, detail.body)).toEqual([]);
    expect(detail.body.error).toMatchObject({
      name: 'KubernetesError',
      code: 'not-found',
      message: expect.stringMatching(
        /^Flux is not installed on cluster 'prod-eu': kustomizations\.kustomize\.toolkit\.fluxcd\.io\/v1 is not served/,
      ),
    });
  });

  it('404: a missing Application CRD is said plainly', async () => {
    failing.uninstall(APPLICATIONS);
    const { server } = await start();
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      {
        instance: 'prod-eu',
        code: 'not-found',
        message: `Argo CD Application CRD not found on cluster 'prod-eu': ${APPLICATIONS}/v1alpha1 is not served. Install Argo CD there, or remove argocdNamespaces from the cluster's configuration`,
      },
    ]);
  });

  it('reports an Application name that is on no cluster', async () => {
    const { server } = await start();
    const found = await request(server).get(
      applicationsPath('payments-api-prod'),
    );
    expect(found.body).toMatchObject({
      applications: [
        { name: 'payments-api-prod', sourceKind: 'argocd-kubernetes' },
      ],
      errors: [],
    });
    failing.setObjects(fluxFixtures());
    const { server: fresh } = await start();
    const missing = await request(fresh).get(
      applicationsPath('payments-api-prod'),
    );
    expect(missing.body).toEqual({
      applications: [],
      errors: [
        {
          instance: 'prod-eu',
          application: 'payments-api-prod',
          code: 'not-found',
          message:
            "Kubernetes cluster 'prod-eu' has no Argo CD Application 'payments-api-prod' in namespace 'argocd'",
        },
      ],
    });
    failing.setObjects(defaultKubeObjects());
  });

  it('an argocd/app-namespace outside argocdNamespaces is an error only for an entity naming the cluster', async () => {
    const { server } = await startGitOpsBackend({
      config: {
        gitops: {
          kubernetes: {
            clusters: [
              kubeClusterConfig(failing, {
                name: 'prod-eu',
                argocdNamespaces: ['argocd'],
              }),
            ],
          },
        },
      },
      entities: [
        componentWith('orders-worker', {
          'argocd/app-selector': 'app.kubernetes.io/part-of=orders-worker',
          'argocd/app-namespace': 'team-orders',
        }),
        componentWith('orders-worker-here', {
          'argocd/app-selector': 'app.kubernetes.io/part-of=orders-worker',
          'argocd/app-namespace': 'team-orders',
          'argocd/instance-name': 'prod-eu',
        }),
      ],
    });
    const quiet = await request(server).get(applicationsPath('orders-worker'));
    expect(quiet.body).toEqual({ applications: [], errors: [] });
    const named = await request(server).get(
      applicationsPath('orders-worker-here'),
    );
    expect(named.body).toEqual({
      applications: [],
      errors: [
        {
          instance: 'prod-eu',
          code: 'not-found',
          message:
            "Namespace 'team-orders' (argocd/app-namespace) is not one of the argocdNamespaces of Kubernetes cluster 'prod-eu' (argocd)",
        },
      ],
    });
    expect(failing.requests).toEqual([]);
  });

  it('timeout: gives up after timeoutMs and keeps the other cluster', async () => {
    failing.setFault({ timeout: true });
    const { server } = await start();
    const errors = await shopCardWithProdEuFailing(server);
    expect(errors).toEqual([
      {
        instance: 'prod-eu',
        code: 'timeout',
        message: `Kubernetes cluster 'prod-eu' did not answer listing ${KUSTOMIZATIONS} within 300 ms`,
      },
    ]);

    const detail = await request(server).get(
      `${applicationsPath('ks-ready')}/prod-eu/ks-ready`,
    );
    expect(detail.status).toBe(504);
    expect(responseErrors(ROUTES.application, 504, detail.body)).toEqual([]);
    expect(detail.body.error).toMatchObject({
      name: 'KubernetesError',
      code: 'timeout',
    });
  });

  it('unreachable: names the URL and the network error', async () => {
    const port = await closedPort();
    const { server } = await start({ url: `http://127.0.0.1:${port}` });
    const errors = await shopCardWithProdEuFailing(server);
    expect(errors).toEqual([
      {
        instance: 'prod-eu',
        code: 'unreachable',
        message: `Kubernetes cluster 'prod-eu' could not be reached at http://127.0.0.1:${port} while listing ${KUSTOMIZATIONS} (ECONNREFUSED)`,
      },
    ]);
  });

  it('a cluster borrowed from kubernetes.clusterLocatorMethods without Flux is no error', async () => {
    failing.uninstall(KUSTOMIZATIONS);
    failing.uninstall(HELMRELEASES);
    const { server, logs } = await startGitOpsBackend({
      config: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'no-flux',
                  url: failing.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: KUBE_TEST_TOKEN,
                },
                {
                  name: 'with-flux',
                  url: healthy.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: KUBE_TEST_TOKEN,
                },
              ],
            },
          ],
        },
      },
      entities,
    });
    const res = await request(server).get(applicationsPath('ks-ready'));
    expect(res.body.errors).toEqual([]);
    expect(ids(res.body)).toEqual(['with-flux/Kustomization/ks-ready']);
    expect(logs.map(line => line.message)).toContain(
      `Kubernetes cluster 'no-flux' does not serve ${KUSTOMIZATIONS}/v1; no Flux Kustomizations are read from it`,
    );
  });
});

describe('Kubernetes startup warnings', () => {
  it('warns about skipTLSVerify, plain http and a name shared with an Argo CD instance, never showing a token', async () => {
    const { logs } = await startGitOpsBackend({
      config: {
        gitops: {
          argocd: {
            instances: [
              {
                name: 'prod-eu',
                url: 'https://argocd.example.com',
                token: 'argocd-token-5c1e',
              },
            ],
          },
          kubernetes: {
            clusters: [
              {
                name: 'prod-eu',
                url: 'https://k8s.example.com',
                serviceAccountToken: KUBE_TEST_TOKEN,
                skipTLSVerify: true,
                flux: true,
              },
              {
                name: 'local',
                url: 'http://127.0.0.1:1',
                serviceAccountToken: KUBE_TEST_TOKEN,
                flux: true,
              },
            ],
          },
        },
      },
    });
    const warnings = logs
      .filter(line => line.level === 'warn')
      .map(line => line.message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        "TLS verification is off for Kubernetes cluster 'prod-eu' (skipTLSVerify): anyone on the network path can impersonate its API server and read the service account token; configure caData instead",
        "Kubernetes cluster 'local' is reached over plain HTTP: its token travels unencrypted; use https outside local demos",
        "Kubernetes cluster 'prod-eu' has the name of a configured Argo CD instance; details for that name are read from the cluster. Give the two different names",
      ]),
    );
    expect(JSON.stringify(logs)).not.toContain(KUBE_TEST_TOKEN);
  });
});

describe('Kubernetes upstream economy', () => {
  let kube: KubeApiServer;

  beforeAll(async () => {
    kube = await startFakeKubeApiServer();
  });

  beforeEach(() => {
    kube.resetRequests();
  });

  afterAll(async () => {
    await kube.close();
  });

  async function start(settings: Record<string, unknown> = {}) {
    const { server } = await startGitOpsBackend({
      config: {
        gitops: {
          kubernetes: {
            clusters: [
              kubeClusterConfig(kube, {
                argocdNamespaces: ['argocd', 'team-orders'],
              }),
            ],
            ...settings,
          },
        },
      },
      entities,
    });
    return server;
  }

  const calls = () =>
    kube.requests.map(
      r =>
        `${r.path}${r.labelSelector ? ` l:${r.labelSelector}` : ''}${
          r.fieldSelector ? ` f:${r.fieldSelector}` : ''
        }`,
    );

  it('lists only the entity’s own objects: one call per kind, one per source, none warm', async () => {
    const server = await start();
    const cold = await request(server).get(applicationsPath('ks-ready'));
    expect(ids(cold.body)).toEqual(['prod-eu/Kustomization/ks-ready']);
    expect(calls().sort()).toEqual([
      '/apis/helm.toolkit.fluxcd.io/v2/helmreleases l:backstage.io/kubernetes-id=ks-ready',
      '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations l:backstage.io/kubernetes-id=ks-ready',
      '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories f:metadata.name=shop-deploy',
    ]);

    kube.resetRequests();
    const warm = await request(server).get(applicationsPath('ks-ready'));
    expect(warm.body).toEqual(cold.body);
    const detail = await request(server).get(
      `${applicationsPath('ks-ready')}/prod-eu/ks-ready`,
    );
    expect(detail.status).toBe(200);
    const guidance = await request(server).get(
      `${applicationsPath('ks-ready')}/prod-eu/ks-ready/guidance`,
    );
    expect(guidance.status).toBe(200);
    expect(calls()).toEqual([]);
  });

  it('shares one source lookup between the objects that use it', async () => {
    const server = await start();
    await request(server).get(applicationsPath('shop'));
    const sourceCalls = calls().filter(call => call.includes('source.toolkit'));
    expect(sourceCalls.sort()).toEqual([
      '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories f:metadata.name=shop-deploy',
      '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/helmrepositories f:metadata.name=podinfo',
    ]);
  });

  it('coalesces concurrent identical loads into one call per kind', async () => {
    const server = await start();
    kube.setLatency(100);
    try {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          request(server).get(applicationsPath('hr-ready')),
        ),
      );
      for (const res of answers) {
        expect(ids(res.body)).toEqual(['prod-eu/HelmRelease/hr-ready']);
      }
    } finally {
      kube.setLatency(0);
    }
    expect(
      calls()
        .filter(call => !call.includes('source.toolkit'))
        .sort(),
    ).toEqual([
      '/apis/helm.toolkit.fluxcd.io/v2/helmreleases l:backstage.io/kubernetes-id=hr-ready',
      '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations l:backstage.io/kubernetes-id=hr-ready',
    ]);
  });

  it('reads Argo CD Applications with one cluster-wide call per query, by name or selector', async () => {
    const server = await start();
    await request(server).get(applicationsPath('payments-api-prod'));
    await request(server).get(applicationsPath('payments-api'));
    expect(calls()).toEqual([
      '/apis/argoproj.io/v1alpha1/applications f:metadata.name=payments-api-prod',
      '/apis/argoproj.io/v1alpha1/applications l:app.kubernetes.io/part-of=payments-api',
    ]);
  });

  it('lists in the one namespace when a cluster has one Argo CD namespace', async () => {
    const { server } = await startGitOpsBackend({
      config: {
        gitops: {
          kubernetes: {
            clusters: [
              kubeClusterConfig(kube, {
                flux: false,
                argocdNamespaces: ['argocd'],
              }),
            ],
          },
        },
      },
      entities,
    });
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.body.applications).toHaveLength(3);
    expect(calls()).toEqual([
      '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications l:app.kubernetes.io/part-of=payments-api',
    ]);
  });

  it('asks again after the TTL', async () => {
    const server = await start({ cacheTtlSeconds: 0 });
    await request(server).get(applicationsPath('ks-ready'));
    await request(server).get(applicationsPath('ks-ready'));
    expect(
      calls().filter(call => call.includes('kustomizations')),
    ).toHaveLength(2);
  });
});
