import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import {
  kubeClusterConfig,
  startFakeKubeApiServer,
  type KubeApiServer,
} from '../__testUtils__/fakeKubeApiServer';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import {
  recordingAuditor,
  startGitOpsBackend,
  type RecordedAuditEvent,
} from '../__testUtils__/testBackend';

const READY = componentWith('ready', {
  'backstage.io/kubernetes-id': 'ks-ready',
});
const SUSPENDED = componentWith('suspended', {
  'backstage.io/kubernetes-id': 'ks-suspended',
});
const PAYMENTS = componentWith('payments-api', {
  'argocd/app-name': 'payments-api-prod',
  'argocd/instance-name': 'prod-eu',
});
const ENTITIES = [READY, SUSPENDED, PAYMENTS];
const KS_READY = `${applicationsPath('ready')}/prod-eu/ks-ready`;
const KS_SUSPENDED = `${applicationsPath('suspended')}/prod-eu/ks-suspended`;
const PROD = `${applicationsPath('payments-api')}/prod-eu/payments-api-prod`;

describe('application actions (Kubernetes: Flux and Argo CD Application resources)', () => {
  let kube: KubeApiServer;

  beforeAll(async () => {
    kube = await startFakeKubeApiServer({
      reconcileDelayMs: 50,
      operationDurationMs: 100,
    });
  });
  beforeEach(async () => {
    await kube.resetState();
    kube.resetRequests();
  });
  afterAll(() => kube.close());

  const patches = () => kube.requests.filter(r => r.method === 'PATCH');

  async function start(
    options: {
      cluster?: Record<string, unknown>;
      result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      events?: RecordedAuditEvent[];
    } = {},
  ) {
    return startGitOpsBackend({
      entities: ENTITIES,
      config: {
        gitops: {
          actions: { enabled: true },
          kubernetes: {
            clusters: [
              kubeClusterConfig(kube, {
                argocdNamespaces: ['argocd'],
                ...options.cluster,
              }),
            ],
          },
        },
      },
      features: [
        mockServices.permissions.factory({
          result: options.result ?? AuthorizeResult.ALLOW,
        }),
        recordingAuditor(options.events ?? []),
      ],
    });
  }

  describe('allowed', () => {
    const events: RecordedAuditEvent[] = [];
    let server: Parameters<typeof request>[0];
    let backend: { stop(): Promise<void> };

    beforeAll(async () => {
      ({ server, backend } = await start({ events }));
    });
    beforeEach(() => {
      events.length = 0;
    });
    afterAll(() => backend.stop());

    it('offers the Flux actions in the detail', async () => {
      const res = await request(server).get(KS_READY);
      expect(res.body.actions).toEqual(['reconcile', 'suspend', 'resume']);
    });

    it('asks Flux to reconcile the source, then the object, and sees it handled', async () => {
      const res = await request(server)
        .post(`${KS_READY}/reconcile`)
        .send({ withSource: true });
      expect(res.status).toBe(200);
      expect(responseErrors(ROUTES.action, 200, res.body, 'post')).toEqual([]);
      const requestedAt = res.body.follow.reconcileRequestedAt;
      expect(Date.parse(requestedAt)).not.toBeNaN();
      expect(res.body.message).toBe(
        "Asked Flux to reconcile Kustomization 'flux-system/ks-ready' and its GitRepository 'shop-deploy'",
      );
      expect(
        patches().map(r => ({
          path: r.path,
          contentType: r.contentType,
          patch: r.patch,
        })),
      ).toEqual([
        {
          path: '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/shop-deploy',
          contentType: 'application/merge-patch+json',
          patch: {
            metadata: {
              annotations: { 'reconcile.fluxcd.io/requestedAt': requestedAt },
            },
          },
        },
        {
          path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/ks-ready',
          contentType: 'application/merge-patch+json',
          patch: {
            metadata: {
              annotations: { 'reconcile.fluxcd.io/requestedAt': requestedAt },
            },
          },
        },
      ]);
      expect(events[0]).toMatchObject({
        meta: {
          actionType: 'reconcile',
          entityRef: 'component:default/ready',
          parameters: { withSource: true },
        },
        outcome: 'success',
      });

      await kube.settled();
      const detail = (await request(server).get(`${KS_READY}?refresh=true`))
        .body;
      expect(detail.reconcile).toEqual({ requestedAt, handledAt: requestedAt });
    });

    it('suspends and resumes', async () => {
      const suspended = await request(server).post(`${KS_READY}/suspend`);
      expect(suspended.status).toBe(200);
      expect(suspended.body.application.suspended).toBe(true);
      expect(patches()[0].patch).toEqual({ spec: { suspend: true } });

      // The state is read fresh: suspending again is refused, resuming is not.
      expect((await request(server).post(`${KS_READY}/suspend`)).status).toBe(
        409,
      );
      const resumed = await request(server).post(`${KS_READY}/resume`);
      expect(resumed.status).toBe(200);
      expect(resumed.body.application).not.toHaveProperty('suspended');
      expect(patches()).toHaveLength(2);
    });

    it('refuses to reconcile a suspended object with 409, before any patch', async () => {
      const res = await request(server).post(`${KS_SUSPENDED}/reconcile`);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        "Kustomization 'ks-suspended' is suspended: Flux does not reconcile it until it is resumed. Resume it first; it is reconciled as soon as it resumes.",
      );
      expect(patches()).toEqual([]);
    });

    it('refuses an Argo CD action on a Flux object with 400', async () => {
      const res = await request(server).post(`${KS_READY}/sync`).send({});
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("'sync' is an Argo CD action");
      expect(patches()).toEqual([]);
    });

    it('rolls back an Argo CD Application resource with one guarded patch', async () => {
      const res = await request(server)
        .post(`${PROD}/rollback`)
        .send({ id: 44 });
      expect(res.status).toBe(200);
      expect(res.body.message).toBe(
        "Asked Argo CD for a rollback of 'payments-api-prod' to #44 (dadcc6b)",
      );
      expect(patches()).toHaveLength(1);
      expect(patches()[0].patch).toEqual({
        metadata: { resourceVersion: expect.any(String) },
        operation: {
          sync: {
            prune: false,
            dryRun: false,
            syncStrategy: { hook: {} },
            revision: 'dadcc6b4ca697754255deddf17dcca4b5dc97a2f',
            source: expect.objectContaining({ path: 'overlays/prod' }),
          },
          initiatedBy: { username: 'user:default/mock' },
          info: [{ name: 'Reason', value: 'Started from Backstage' }],
        },
      });
      await kube.settled();
      const detail = (await request(server).get(`${PROD}?refresh=true`)).body;
      expect(detail.operation.phase).toBe('Succeeded');
      expect(detail.history[0]).toMatchObject({
        id: 46,
        revision: 'dadcc6b4ca697754255deddf17dcca4b5dc97a2f',
      });
    });
  });

  it('answers 403 to a denied caller and patches nothing', async () => {
    const { server, backend } = await start({
      result: AuthorizeResult.DENY,
    });
    const res = await request(server).post(`${KS_READY}/suspend`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('gitops.fluxobject.suspend');
    expect(patches()).toEqual([]);
    await backend.stop();
  });

  it("maps the cluster's RBAC refusal to a message naming the patch verb", async () => {
    const { server, backend } = await start({
      cluster: { serviceAccountToken: 'sim-kube-readonly' },
    });
    const res = await request(server).post(`${KS_READY}/suspend`);
    expect(res.status).toBe(502);
    expect(res.body.error.message).toMatch(
      /^Kubernetes cluster 'prod-eu' refused suspending Kustomization 'flux-system\/ks-ready' \(403 Forbidden: .*cannot patch resource "kustomizations".*\); the backend's service account needs RBAC permission to patch kustomizations.kustomize.toolkit.fluxcd.io \(see docs\/permissions.md\)$/,
    );
    expect(patches()).toHaveLength(1);
    await backend.stop();
  });

  it('keeps a cluster configured with actions: false read-only', async () => {
    const { server, backend } = await start({ cluster: { actions: false } });
    expect((await request(server).post(`${KS_READY}/suspend`)).status).toBe(
      404,
    );
    expect((await request(server).get(KS_READY)).body).not.toHaveProperty(
      'actions',
    );
    expect(patches()).toEqual([]);
    await backend.stop();
  });
});
