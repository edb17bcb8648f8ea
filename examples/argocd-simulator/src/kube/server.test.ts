import { loadKubeObjects } from './scenarios';
import { startKubeApiServer } from './server';
import type { KubeApiServer, KubeObject } from './types';

const kustomization = (
  name: string,
  namespace: string,
  labels: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name, namespace, labels },
  spec: {
    interval: '5m',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'x' },
  },
});

const KUSTOMIZATIONS = '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations';

describe('the fake Kubernetes API server', () => {
  let kube: KubeApiServer;

  beforeAll(async () => {
    kube = await startKubeApiServer({
      objects: [
        kustomization('web', 'flux-system', {
          'backstage.io/kubernetes-id': 'web',
        }),
        kustomization('web', 'team-a', { 'backstage.io/kubernetes-id': 'web' }),
        kustomization('api', 'flux-system', {
          'backstage.io/kubernetes-id': 'api',
        }),
      ],
    });
  });

  afterEach(() => {
    kube.setFault(undefined);
    kube.allowAll();
    kube.install('helmreleases.helm.toolkit.fluxcd.io');
    kube.resetRequests();
  });

  afterAll(async () => {
    await kube.close();
  });

  const get = async (path: string, token: string | undefined = kube.token) => {
    const res = await fetch(`${kube.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: await res.json() };
  };

  it('lists cluster-wide and per namespace as a <Kind>List with a resourceVersion', async () => {
    const all = await get(KUSTOMIZATIONS);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'KustomizationList',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    });
    expect(all.body.items).toHaveLength(3);
    expect(all.body.items[0]).toMatchObject({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'web', uid: expect.any(String) },
    });

    const namespaced = await get(
      '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/team-a/kustomizations',
    );
    expect(
      namespaced.body.items.map((i: KubeObject) => i.metadata.namespace),
    ).toEqual(['team-a']);
  });

  it('filters by label selector and by metadata.name field selector', async () => {
    const byLabel = await get(
      `${KUSTOMIZATIONS}?labelSelector=${encodeURIComponent(
        'backstage.io/kubernetes-id=web',
      )}`,
    );
    expect(byLabel.body.items).toHaveLength(2);
    const byName = await get(
      `${KUSTOMIZATIONS}?fieldSelector=${encodeURIComponent(
        'metadata.name=api',
      )}`,
    );
    expect(byName.body.items.map((i: KubeObject) => i.metadata.name)).toEqual([
      'api',
    ]);
    expect(kube.requests.map(r => [r.labelSelector, r.fieldSelector])).toEqual([
      ['backstage.io/kubernetes-id=web', undefined],
      [undefined, 'metadata.name=api'],
    ]);
  });

  it('answers bad selectors with a 400 Status', async () => {
    const res = await get(`${KUSTOMIZATIONS}?fieldSelector=spec.path%3Dx`);
    expect(res).toEqual({
      status: 400,
      body: expect.objectContaining({
        kind: 'Status',
        reason: 'BadRequest',
        message: 'field label not supported: spec.path',
      }),
    });
  });

  it('answers 401 without the token', async () => {
    expect(await get(KUSTOMIZATIONS, 'wrong')).toEqual({
      status: 401,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      },
    });
    expect(kube.requests[0].authorized).toBe(false);
  });

  it('answers 403 like RBAC does', async () => {
    kube.forbid('kustomizations.kustomize.toolkit.fluxcd.io');
    const res = await get(KUSTOMIZATIONS);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message:
        'kustomizations.kustomize.toolkit.fluxcd.io is forbidden: User "system:serviceaccount:backstage:backstage-gitops" cannot list resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" at the cluster scope',
    });
  });

  it('answers 404 for a resource whose CRD is not installed', async () => {
    kube.uninstall('helmreleases.helm.toolkit.fluxcd.io');
    const res = await get('/apis/helm.toolkit.fluxcd.io/v2/helmreleases');
    expect(res).toEqual({
      status: 404,
      body: expect.objectContaining({
        reason: 'NotFound',
        message: 'the server could not find the requested resource',
      }),
    });
    expect(
      (await get('/apis/helm.toolkit.fluxcd.io/v2beta1/helmreleases')).status,
    ).toBe(404);
  });

  it('holds a request under a timeout fault', async () => {
    kube.setFault({ timeout: true, times: 1 });
    await expect(
      fetch(`${kube.url}${KUSTOMIZATIONS}`, {
        headers: { authorization: `Bearer ${kube.token}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect((await get(KUSTOMIZATIONS)).status).toBe(200);
  });

  it('injects a status for one resource only', async () => {
    kube.setFault({
      status: 503,
      resource: 'helmreleases.helm.toolkit.fluxcd.io',
    });
    expect((await get(KUSTOMIZATIONS)).status).toBe(200);
    expect(
      (await get('/apis/helm.toolkit.fluxcd.io/v2/helmreleases')).status,
    ).toBe(503);
  });
});

describe('the bundled Kubernetes scenarios', () => {
  it('hold Flux objects labelled for notifications-service and Argo CD Applications for billing-api', async () => {
    const objects = await loadKubeObjects();
    const ids = objects.map(
      o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`,
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'Application/argocd/billing-api-staging',
        'Application/argocd/billing-api-prod',
        'Kustomization/flux-system/notifications-service',
        'HelmRelease/notifications/notifications-redis',
        'Kustomization/flux-system/notifications-templates',
        'GitRepository/flux-system/platform-deploy',
        'HelmRepository/flux-system/bitnami',
      ]),
    );
    for (const object of objects.filter(o =>
      /Kustomization|HelmRelease/.test(o.kind),
    )) {
      expect(object.metadata.labels?.['backstage.io/kubernetes-id']).toBe(
        'notifications-service',
      );
    }
  });
});
