import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  applicationsPath,
  componentWith,
  detailPath,
} from '../__fixtures__/entities';
import { eventually } from '../__testUtils__/eventually';
import {
  kubeClusterConfig,
  startFakeKubeApiServer,
  type KubeApiServer,
  type KubeObject,
} from '../__testUtils__/fakeKubeApiServer';
import { startGitOpsBackend } from '../__testUtils__/testBackend';

const entities = [
  componentWith('ks-ready', { 'backstage.io/kubernetes-id': 'ks-ready' }),
  componentWith('hr-ready', { 'backstage.io/kubernetes-id': 'hr-ready' }),
  componentWith('shop', {
    'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/part-of=shop',
  }),
  componentWith('payments', {
    'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
    'argocd/instance-name': 'kube-argocd',
  }),
  componentWith('payments-prod', {
    'argocd/app-name': 'payments-api-prod',
    'argocd/instance-name': 'kube-argocd',
  }),
  componentWith('shop-apps', {
    'argocd/app-name': 'payments-api-prod,checkout-web-prod',
    'argocd/instance-name': 'kube-argocd,locked',
  }),
];

type Server = Parameters<typeof request>[0];

describe('watched Kubernetes clusters', () => {
  let kube: KubeApiServer;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    kube = await startFakeKubeApiServer();
  });

  afterEach(async () => {
    await Promise.all(stops.splice(0).map(stop => stop()));
    kube.setFault(undefined);
    await kube.resetState();
    kube.resetRequests();
  });

  afterAll(async () => {
    await kube.close();
  });

  /** `prod-eu` (Flux and Argo CD), `kube-argocd` (Argo CD in two namespaces), and `locked` (a wrong token) when asked. */
  async function start(options: {
    watch: boolean;
    locked?: boolean;
    gitops?: object;
  }) {
    const clusters = [
      kubeClusterConfig(kube, {
        name: 'prod-eu',
        argocdNamespaces: ['argocd'],
        watch: options.watch,
      }),
      kubeClusterConfig(kube, {
        name: 'kube-argocd',
        flux: false,
        argocdNamespaces: ['argocd', 'team-orders'],
        watch: options.watch,
      }),
      ...(options.locked
        ? [
            kubeClusterConfig(kube, {
              name: 'locked',
              flux: false,
              argocdNamespaces: ['argocd'],
              serviceAccountToken: 'not-the-token',
              watch: options.watch,
            }),
          ]
        : []),
    ];
    const { server, backend } = await startGitOpsBackend({
      config: {
        gitops: {
          kubernetes: { clusters },
          ...options.gitops,
        },
      },
      entities,
    });
    stops.push(() => backend.stop());
    return server;
  }

  async function health(server: Server) {
    const res = await request(server)
      .get('/api/gitops/health')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body;
  }

  async function synced(server: Server, count = 2) {
    await eventually(async () =>
      expect((await health(server)).watches.synced).toBe(count),
    );
  }

  /** Kubernetes requests other than the watches themselves. */
  const calls = () =>
    kube.requests
      .filter(r => !r.watch)
      .map(
        r =>
          `${r.method} ${r.path}${
            r.labelSelector ? `?labelSelector=${r.labelSelector}` : ''
          }`,
      );

  async function card(server: Server, entity: string) {
    const res = await request(server).get(applicationsPath(entity));
    expect(res.status).toBe(200);
    return res.body;
  }

  const healthOf = (body: any, name: string) =>
    body.applications.find((app: any) => app.name === name)?.health.status;

  const kustomization = (name: string) =>
    kube.getObject({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name, namespace: 'flux-system' },
    })!;

  /** The object with its Ready condition turned False, as the controller would write it. */
  const notReady = (object: KubeObject, reason: string): KubeObject => ({
    ...object,
    status: {
      ...(object.status as object),
      conditions: ((object.status as any).conditions as any[]).map(condition =>
        condition.type === 'Ready'
          ? { ...condition, status: 'False', reason, message: reason }
          : condition,
      ),
    },
  });

  it('answers cards, details and the fleet from memory, as the lists would, with no Kubernetes request', async () => {
    const listing = await start({ watch: false });
    const watching = await start({ watch: true });
    await synced(watching);
    // A stream opens after its list: wait for the four to be open.
    await eventually(() => expect(kube.openWatches()).toBe(4));

    const cards = ['ks-ready', 'hr-ready', 'shop', 'payments', 'payments-prod'];
    const details = [
      ['ks-ready', 'prod-eu', 'ks-ready'],
      ['hr-ready', 'prod-eu', 'hr-ready'],
      ['payments-prod', 'kube-argocd', 'payments-api-prod'],
    ];
    const expectedCards = [];
    for (const entity of cards) {
      const expected = await card(listing, entity);
      expect(expected.applications.length).toBeGreaterThan(0);
      expectedCards.push(expected);
    }
    const expectedDetails = [];
    for (const [entity, instance, name] of details) {
      const res = await request(listing).get(
        detailPath(entity, instance, name),
      );
      expect(res.status).toBe(200);
      expectedDetails.push(res.body);
    }

    kube.resetRequests();
    for (const [index, entity] of cards.entries()) {
      expect(await card(watching, entity)).toEqual(expectedCards[index]);
    }
    for (const [index, [entity, instance, name]] of details.entries()) {
      const res = await request(watching).get(
        detailPath(entity, instance, name),
      );
      expect(res.body).toEqual(expectedDetails[index]);
    }
    // Refreshes too: the watch is as fresh as the cluster.
    expect(
      (
        await request(watching).get(
          `${applicationsPath('payments')}?refresh=true`,
        )
      ).body,
    ).toEqual(expectedCards[3]);
    const fleet = await request(watching)
      .get('/api/gitops/fleet')
      .set('authorization', mockCredentials.user.header());
    expect(fleet.status).toBe(200);
    expect(fleet.body.errors).toEqual([]);
    expect(calls()).toEqual([]);
    expect(
      fleet.body.applications.map((row: any) => row.application.name),
    ).toEqual(expect.arrayContaining(['ks-ready', 'payments-api-prod']));
  });

  it('shows a change to an object on the next card load, without listing', async () => {
    const server = await start({ watch: true });
    await synced(server);
    expect(healthOf(await card(server, 'ks-ready'), 'ks-ready')).toBe(
      'Healthy',
    );
    kube.resetRequests();
    kube.putObject(notReady(kustomization('ks-ready'), 'BuildFailed'));
    await eventually(async () =>
      expect(healthOf(await card(server, 'ks-ready'), 'ks-ready')).toBe(
        'Degraded',
      ),
    );
    const detail = await request(server).get(
      detailPath('ks-ready', 'prod-eu', 'ks-ready'),
    );
    expect(detail.body.health.status).toBe('Degraded');
    expect(calls()).toEqual([]);
  });

  it('follows objects added and deleted in the cluster', async () => {
    const server = await start({ watch: true });
    await synced(server);
    const ready = kustomization('ks-ready');
    const { uid: _uid, resourceVersion: _rv, ...metadata } = ready.metadata;
    kube.putObject({
      ...ready,
      metadata: { ...metadata, name: 'ks-canary' },
    });
    await eventually(async () =>
      expect(healthOf(await card(server, 'ks-ready'), 'ks-canary')).toBe(
        'Healthy',
      ),
    );
    kube.deleteObject(ready);
    await eventually(async () =>
      expect(
        (await card(server, 'ks-ready')).applications.map((a: any) => a.name),
      ).toEqual(['ks-canary']),
    );
    expect(
      (await request(server).get(detailPath('ks-ready', 'prod-eu', 'ks-ready')))
        .status,
    ).toBe(404);
  });

  it('resumes a stream the server ended from its resourceVersion, and lists again itself on 410 Gone', async () => {
    const server = await start({ watch: true });
    await synced(server);
    kube.resetRequests();
    await eventually(() => expect(kube.openWatches()).toBe(4));
    expect(kube.dropWatches()).toBe(4);
    await eventually(() => expect(kube.openWatches()).toBe(4));
    expect(calls()).toEqual([]);

    // A change the Kustomization watch sees, then history older than the other watches' last versions is gone.
    kube.putObject(notReady(kustomization('ks-ready'), 'HealthCheckFailed'));
    await eventually(async () =>
      expect(healthOf(await card(server, 'ks-ready'), 'ks-ready')).toBe(
        'Degraded',
      ),
    );
    expect(kube.dropWatches({ compact: true })).toBe(4);
    await eventually(() => expect(kube.openWatches()).toBe(4));
    await eventually(() =>
      expect([...calls()].sort()).toEqual([
        'GET /apis/argoproj.io/v1alpha1/applications',
        'GET /apis/argoproj.io/v1alpha1/namespaces/argocd/applications',
        'GET /apis/helm.toolkit.fluxcd.io/v2/helmreleases',
      ]),
    );
    const body = await card(server, 'ks-ready');
    expect(body.errors).toEqual([]);
    expect(healthOf(body, 'ks-ready')).toBe('Degraded');
    expect((await health(server)).watches.synced).toBe(2);
  });

  it('marks itself stale while the cluster is down, serving the last known objects, then reconnects and lists the missed change', async () => {
    const server = await start({
      watch: true,
      gitops: { watch: { staleAfterSeconds: 1, maxBackoffSeconds: 1 } },
    });
    await synced(server);
    const steady = await card(server, 'ks-ready');
    expect(steady.errors).toEqual([]);

    kube.setFault({ status: 503 });
    kube.resetRequests();
    await eventually(() => expect(kube.openWatches()).toBe(4));
    expect(kube.dropWatches()).toBe(4);
    // Changed while no watch is open.
    kube.putObject(notReady(kustomization('ks-ready'), 'BuildFailed'));

    const stale = await eventually(async () => {
      const body = await card(server, 'ks-ready');
      expect(body.errors).toEqual([
        expect.objectContaining({ instance: 'prod-eu', code: 'stale' }),
      ]);
      return body;
    });
    expect(stale.errors[0].message).toMatch(
      /^The live status of Kubernetes cluster 'prod-eu' stopped at .*: its watch of .* is down \(.*503 Service Unavailable.*\)/,
    );
    expect(stale.applications).toEqual(steady.applications);
    const down = (await health(server)).watches;
    expect(down).toMatchObject({
      reconnecting: 2,
      staleSince: expect.any(String),
    });
    expect(down.instances).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          instance: 'prod-eu',
          source: 'kubernetes',
          state: 'reconnecting',
          staleSince: expect.any(String),
        }),
      ]),
    );
    // Backing off: a few attempts per watch, not a storm.
    expect(kube.requests.length).toBeLessThanOrEqual(4 * 6);

    kube.setFault(undefined);
    const recovered = await eventually(async () => {
      const body = await card(server, 'ks-ready');
      expect(body.errors).toEqual([]);
      expect(healthOf(body, 'ks-ready')).toBe('Degraded');
      return body;
    });
    expect(recovered.applications).toHaveLength(1);
    expect(calls()).toContain(
      'GET /apis/kustomize.toolkit.fluxcd.io/v1/kustomizations',
    );
    await synced(server);
    // A stream opens after its list: wait for the four to be open.
    await eventually(() => expect(kube.openWatches()).toBe(4));
  });

  it('reports why a first list failed as that cluster’s error, and serves the other clusters', async () => {
    const server = await start({
      watch: true,
      locked: true,
      gitops: { watch: { maxBackoffSeconds: 1 } },
    });
    await synced(server);
    const body = await card(server, 'shop-apps');
    expect(body.errors).toEqual([
      expect.objectContaining({ instance: 'locked', code: 'unauthorized' }),
    ]);
    expect(body.errors[0].message).toContain(
      'rejected the configured credentials',
    );
    expect(body.errors[0].message).not.toContain('not-the-token');
    expect(body.applications.map((app: any) => app.instance)).toEqual([
      'kube-argocd',
      'kube-argocd',
    ]);
    const statuses = (await health(server)).watches.instances;
    expect(statuses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          instance: 'locked',
          source: 'kubernetes',
          state: 'reconnecting',
          applications: 0,
        }),
        expect.objectContaining({
          instance: 'kube-argocd',
          source: 'kubernetes',
          state: 'synced',
          applications: expect.any(Number),
        }),
      ]),
    );
  });

  it('shows each watched cluster on /health, and closes its watches when the backend stops', async () => {
    const server = await start({ watch: true });
    await synced(server);
    const { watches } = await health(server);
    expect(watches).toMatchObject({ synced: 2, reconnecting: 0 });
    expect(
      watches.instances.map((w: any) => [w.instance, w.source, w.state]),
    ).toEqual([
      ['prod-eu', 'kubernetes', 'synced'],
      ['kube-argocd', 'kubernetes', 'synced'],
    ]);
    expect(watches.instances[0].applications).toBeGreaterThan(10);
    // A stream opens after its list: wait for the four to be open.
    await eventually(() => expect(kube.openWatches()).toBe(4));
    await stops.pop()!();
    await eventually(() => expect(kube.openWatches()).toBe(0));
  });
});
