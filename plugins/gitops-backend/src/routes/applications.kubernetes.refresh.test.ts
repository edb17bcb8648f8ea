import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import {
  defaultKubeObjects,
  kubeClusterConfig,
  startFakeKubeApiServer,
  type KubeApiServer,
} from '../__testUtils__/fakeKubeApiServer';
import { startGitOpsBackend } from '../__testUtils__/testBackend';

const SHOP = {
  'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/part-of=shop',
};
const PAYMENTS = {
  'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
  'argocd/instance-name': 'kube-argocd',
};
const entities = [
  componentWith('shop', SHOP),
  componentWith('shop-twin', SHOP),
  componentWith('payments', PAYMENTS),
];

describe('refresh=true with applications read from Kubernetes', () => {
  let kube: KubeApiServer;
  let skewMs = 0;
  const realNow = Date.now.bind(Date);

  beforeAll(async () => {
    kube = await startFakeKubeApiServer();
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + skewMs);
  });

  beforeEach(() => {
    skewMs = 0;
    kube.setObjects(defaultKubeObjects());
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await kube.close();
  });

  async function start() {
    const { server } = await startGitOpsBackend({
      config: {
        gitops: {
          kubernetes: {
            cacheTtlSeconds: 600,
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
      entities,
    });
    return server;
  }

  /** The list calls `send` made, as `path?labelSelector&fieldSelector`. */
  async function callsOf(send: () => Promise<unknown>) {
    kube.resetRequests();
    await send();
    return kube.requests
      .map(r => `${r.path}?${r.labelSelector ?? ''}&${r.fieldSelector ?? ''}`)
      .sort();
  }

  const names = (res: request.Response) =>
    res.body.applications.map((app: { name: string }) => app.name);

  it('reads the Flux lists and their sources upstream, once per entity and interval, and caches the answer', async () => {
    const server = await start();
    const get = (entity: string, query = '') =>
      request(server).get(`${applicationsPath(entity)}${query}`);
    let cold: request.Response | undefined;
    const coldCalls = await callsOf(async () => {
      cold = await get('shop');
    });
    expect(names(cold!)).toContain('ks-ready');
    expect(coldCalls.some(call => call.includes('/gitrepositories'))).toBe(
      true,
    );

    kube.setObjects(
      defaultKubeObjects().filter(
        object => object.metadata.name !== 'ks-ready',
      ),
    );
    const warm = await get('shop');
    expect(names(warm)).toContain('ks-ready');

    let refreshed: request.Response | undefined;
    expect(
      await callsOf(async () => {
        refreshed = await get('shop', '?refresh=true');
      }),
    ).toEqual(coldCalls);
    expect(names(refreshed!)).not.toContain('ks-ready');

    // Written back: another viewer gets the fresh answer from the cache.
    let other: request.Response | undefined;
    expect(
      await callsOf(async () => {
        other = await get('shop-twin');
      }),
    ).toEqual([]);
    expect(other!.body).toEqual(refreshed!.body);

    expect(await callsOf(() => get('shop', '?refresh=true'))).toEqual([]);
    expect(await callsOf(() => get('shop-twin', '?refresh=true'))).toEqual(
      coldCalls,
    );
    skewMs = 10_000;
    expect(await callsOf(() => get('shop', '?refresh=true'))).toEqual(
      coldCalls,
    );
  });

  it('refreshes a Flux detail with the list of its kind, once per application and interval', async () => {
    const server = await start();
    const path = `${applicationsPath(
      'shop',
    )}/prod-eu/ks-ready?kind=Kustomization&appNamespace=flux-system`;
    const coldCalls = await callsOf(() => request(server).get(path));
    expect(coldCalls.every(call => !call.includes('helmreleases'))).toBe(true);
    expect(await callsOf(() => request(server).get(path))).toEqual([]);

    let refreshed: request.Response | undefined;
    expect(
      await callsOf(async () => {
        refreshed = await request(server).get(
          `${path}&include=guidance&refresh=true`,
        );
      }),
    ).toEqual(coldCalls);
    expect(refreshed!.status).toBe(200);
    expect(refreshed!.body.guidance).toBeDefined();
    expect(refreshed!.body.name).toBe('ks-ready');

    expect(
      await callsOf(() => request(server).get(`${path}&refresh=true`)),
    ).toEqual([]);
    skewMs = 10_000;
    expect(
      await callsOf(() => request(server).get(`${path}&refresh=true`)),
    ).toEqual(coldCalls);
  });

  it('refreshes Argo CD Applications read from a cluster with one list call', async () => {
    const server = await start();
    const get = (query = '') =>
      request(server).get(`${applicationsPath('payments')}${query}`);
    const coldCalls = await callsOf(() => get());
    expect(coldCalls).toHaveLength(1);
    expect(coldCalls[0]).toContain('/applications');
    expect(await callsOf(() => get())).toEqual([]);

    let refreshed: request.Response | undefined;
    expect(
      await callsOf(async () => {
        refreshed = await get('?refresh=true');
      }),
    ).toEqual(coldCalls);
    expect(names(refreshed!)).toEqual([
      'payments-api-dev',
      'payments-api-prod',
      'payments-api-staging',
    ]);
    expect(await callsOf(() => get('?refresh=true'))).toEqual([]);
  });
});
