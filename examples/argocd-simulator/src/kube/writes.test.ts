import { startKubeApiServer } from './server';
import type { KubeApiServer, KubeObject } from './types';

const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';
const KUSTOMIZATIONS =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations';
const WEB = `${KUSTOMIZATIONS}/web`;
const FROZEN = `${KUSTOMIZATIONS}/frozen`;
const PLATFORM =
  '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/platform';
const BILLING =
  '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/billing';
const SHA = '6c1f0e2d3b4a59687766554433221100ffeeddcc';

const ready = {
  type: 'Ready',
  status: 'True',
  reason: 'ReconciliationSucceeded',
  message: 'Applied revision: main@sha1:4f1c2e9',
  lastTransitionTime: '2024-06-12T09:41:27Z',
  observedGeneration: 7,
};

const kustomization = (name: string, suspend: boolean): KubeObject => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: {
    name,
    namespace: 'flux-system',
    generation: 7,
    labels: { team: 'web', tier: 'frontend' },
  },
  spec: {
    interval: '5m',
    prune: true,
    suspend,
    sourceRef: { kind: 'GitRepository', name: 'platform' },
  },
  status: { observedGeneration: 7, conditions: [ready] },
});

const source = {
  repoURL: 'https://github.com/acme/billing-deploy.git',
  path: 'overlays/prod',
  targetRevision: 'main',
};
const application: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'billing', namespace: 'argocd' },
  spec: { project: 'billing', source },
  status: {
    sync: { status: 'Synced', revision: SHA },
    health: { status: 'Healthy' },
    history: [
      { id: 4, revision: SHA, source, deployedAt: '2024-06-10T17:01:09Z' },
    ],
    reconciledAt: '2024-06-12T09:52:40Z',
  },
};

describe('writes to the fake Kubernetes API server', () => {
  let kube: KubeApiServer;

  beforeAll(async () => {
    kube = await startKubeApiServer({
      reconcileDelayMs: 30,
      operationDurationMs: 30,
      objects: [
        kustomization('web', false),
        kustomization('frozen', true),
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          metadata: { name: 'platform', namespace: 'flux-system' },
          spec: { interval: '1m', url: 'https://github.com/acme/platform' },
        },
        application,
      ],
    });
  });

  afterEach(async () => {
    await kube.resetState();
    kube.resetRequests();
  });

  afterAll(() => kube.close());

  const request = async (
    method: string,
    path: string,
    options: { body?: unknown; token?: string; contentType?: string } = {},
  ) => {
    const res = await fetch(`${kube.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.token ?? kube.token}`,
        ...(options.body === undefined
          ? {}
          : {
              'content-type':
                options.contentType ?? 'application/merge-patch+json',
            }),
      },
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: res.status, body: await res.json() };
  };
  const patch = (path: string, body: unknown, token?: string) =>
    request('PATCH', path, { body, token });
  const get = async (path: string) => (await request('GET', path)).body;

  describe('GET of one object', () => {
    it('answers the object, or the NotFound Status', async () => {
      const web = await request('GET', WEB);
      expect(web.status).toBe(200);
      expect(web.body).toMatchObject({
        kind: 'Kustomization',
        metadata: {
          name: 'web',
          uid: expect.any(String),
          resourceVersion: expect.any(String),
        },
      });
      expect(await request('GET', `${KUSTOMIZATIONS}/nope`)).toEqual({
        status: 404,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message:
            'kustomizations.kustomize.toolkit.fluxcd.io "nope" not found',
          reason: 'NotFound',
          details: {
            name: 'nope',
            group: 'kustomize.toolkit.fluxcd.io',
            kind: 'kustomizations',
          },
          code: 404,
        },
      });
    });
  });

  describe('PATCH with a JSON merge patch', () => {
    it('merges (null deletes), bumps resourceVersion and generation, and answers the whole object', async () => {
      const before = await get(WEB);
      const res = await patch(WEB, {
        metadata: { labels: { tier: null, owner: 'web-team' } },
        spec: { suspend: true },
        status: { conditions: [] },
      });
      expect(res.status).toBe(200);
      expect(res.body.metadata.labels).toEqual({
        team: 'web',
        owner: 'web-team',
      });
      expect(res.body.spec).toEqual({ ...before.spec, suspend: true });
      // Flux CRDs have the status subresource: a patch of the object leaves status alone.
      expect(res.body.status).toEqual(before.status);
      expect(res.body.metadata.generation).toBe(8);
      expect(Number(res.body.metadata.resourceVersion)).toBeGreaterThan(
        Number(before.metadata.resourceVersion),
      );
      expect(res.body.metadata.uid).toBe(before.metadata.uid);
      expect(await get(WEB)).toEqual(res.body);

      const annotated = await patch(WEB, {
        metadata: { annotations: { a: '1' } },
      });
      expect(annotated.body.metadata.generation).toBe(8);
    });

    it('answers 415 for other patch types', async () => {
      for (const contentType of [
        'application/json-patch+json',
        'application/strategic-merge-patch+json',
        'application/json',
      ]) {
        const res = await request('PATCH', WEB, {
          body: { spec: {} },
          contentType,
        });
        expect(res.status).toBe(415);
        expect(res.body).toMatchObject({
          reason: 'UnsupportedMediaType',
          message:
            'the body of the request was in an unknown format - accepted media types include: application/merge-patch+json',
          code: 415,
        });
      }
      const withCharset = await request('PATCH', WEB, {
        body: { spec: {} },
        contentType: 'application/merge-patch+json; charset=utf-8',
      });
      expect(withCharset.status).toBe(200);
    });

    it('answers 404 for a missing object and 401 without a token', async () => {
      const missing = await patch(`${KUSTOMIZATIONS}/nope`, { spec: {} });
      expect(missing.status).toBe(404);
      expect(missing.body.message).toBe(
        'kustomizations.kustomize.toolkit.fluxcd.io "nope" not found',
      );
      expect((await patch(WEB, { spec: {} }, 'wrong')).status).toBe(401);
    });

    it('answers 403 to a read-only token, which may still read', async () => {
      const res = await patch(
        WEB,
        { spec: { suspend: true } },
        'sim-kube-readonly',
      );
      expect(res).toEqual({
        status: 403,
        body: expect.objectContaining({
          reason: 'Forbidden',
          code: 403,
          message:
            'kustomizations.kustomize.toolkit.fluxcd.io "web" is forbidden: User "system:serviceaccount:backstage:backstage-gitops-readonly" cannot patch resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" in the namespace "flux-system"',
          details: {
            name: 'web',
            group: 'kustomize.toolkit.fluxcd.io',
            kind: 'kustomizations',
          },
        }),
      });
      expect(
        (await request('GET', WEB, { token: 'sim-kube-readonly' })).status,
      ).toBe(200);
      expect((await get(WEB)).spec.suspend).toBe(false);
    });

    it('answers 409 when the patch carries a stale resourceVersion', async () => {
      const { metadata } = await get(WEB);
      await patch(WEB, { metadata: { annotations: { a: '1' } } });
      const stale = await patch(WEB, {
        metadata: { resourceVersion: metadata.resourceVersion },
        spec: { suspend: true },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toBe(
        'Operation cannot be fulfilled on kustomizations.kustomize.toolkit.fluxcd.io "web": the object has been modified; please apply your changes to the latest version and try again',
      );
    });

    it('records each PATCH with its content type and patch', async () => {
      await patch(WEB, { spec: { suspend: true } });
      await patch(WEB, { spec: { suspend: false } });
      expect(kube.requestCounts()).toEqual({ [`PATCH ${WEB}`]: 2 });
      expect(kube.requests[0]).toMatchObject({
        method: 'PATCH',
        path: WEB,
        status: 200,
        contentType: 'application/merge-patch+json',
        patch: { spec: { suspend: true } },
      });
    });
  });

  describe('the simulated Flux controllers', () => {
    it('handle a reconcile request after the delay', async () => {
      const requestedAt = '2026-11-24T10:15:00.123Z';
      const res = await patch(WEB, {
        metadata: { annotations: { [REQUESTED_AT]: requestedAt } },
      });
      expect(res.body.status.lastHandledReconcileAt).toBeUndefined();
      await kube.settled();
      const web = await get(WEB);
      expect(web.status.lastHandledReconcileAt).toBe(requestedAt);
      expect(web.status.conditions[0].lastTransitionTime).not.toBe(
        ready.lastTransitionTime,
      );
      expect(
        Date.parse(web.status.conditions[0].lastTransitionTime),
      ).toBeGreaterThan(Date.now() - 5000);
    });

    it('leave a suspended object alone until it is resumed', async () => {
      const requestedAt = '2026-11-24T10:16:00Z';
      await patch(FROZEN, {
        metadata: { annotations: { [REQUESTED_AT]: requestedAt } },
      });
      await new Promise(resolve => setTimeout(resolve, 80));
      expect((await get(FROZEN)).status.lastHandledReconcileAt).toBeUndefined();

      // As `flux resume`: resume and request a reconcile at once.
      const resumedAt = '2026-11-24T10:17:00Z';
      await patch(FROZEN, {
        spec: { suspend: false },
        metadata: { annotations: { [REQUESTED_AT]: resumedAt } },
      });
      await kube.settled();
      const frozen = await get(FROZEN);
      expect(frozen.status.lastHandledReconcileAt).toBe(resumedAt);
      expect(frozen.status.observedGeneration).toBe(8);
    });

    it('handle a reconcile request of a source', async () => {
      await patch(PLATFORM, {
        metadata: { annotations: { [REQUESTED_AT]: 'now-1' } },
      });
      await kube.settled();
      expect((await get(PLATFORM)).status).toEqual({
        lastHandledReconcileAt: 'now-1',
      });
    });
  });

  describe('the simulated Argo CD application controller', () => {
    it('handles a refresh annotation: removed after the delay, reconciledAt updated', async () => {
      const res = await patch(BILLING, {
        metadata: { annotations: { 'argocd.argoproj.io/refresh': 'hard' } },
      });
      expect(res.body.metadata.annotations).toEqual({
        'argocd.argoproj.io/refresh': 'hard',
      });
      await kube.settled();
      const billing = await get(BILLING);
      expect(billing.metadata.annotations).toEqual({});
      expect(billing.status.reconciledAt).not.toBe('2024-06-12T09:52:40Z');
    });

    it('runs an operation written to the Application, like the API simulator', async () => {
      const { metadata } = await get(BILLING);
      const res = await patch(BILLING, {
        metadata: { resourceVersion: metadata.resourceVersion },
        operation: {
          sync: { revision: SHA, syncStrategy: { hook: {} } },
          initiatedBy: { username: 'jane.doe' },
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.operation.initiatedBy).toEqual({ username: 'jane.doe' });
      // Argo CD's Application CRD has no status subresource: every change is a new generation.
      expect(res.body.metadata.generation).toBe(2);
      await kube.settled();
      const billing = await get(BILLING);
      expect(billing.operation).toBeUndefined();
      expect(billing.status.operationState).toMatchObject({
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        syncResult: { revision: SHA, source },
      });
      expect(billing.status.history.at(-1)).toMatchObject({
        id: 5,
        revision: SHA,
        initiatedBy: { username: 'jane.doe' },
      });
    });
  });

  describe('resetState', () => {
    it('brings back the objects as given and drops pending controller work', async () => {
      const loaded = await get(WEB);
      await patch(WEB, {
        spec: { suspend: true },
        metadata: { annotations: { [REQUESTED_AT]: 'x' } },
      });
      await patch(FROZEN, {
        spec: { suspend: false },
        metadata: { annotations: { [REQUESTED_AT]: 'y' } },
      });
      await kube.resetState();
      await new Promise(resolve => setTimeout(resolve, 80));
      const web = await get(WEB);
      expect({
        ...web,
        metadata: { ...web.metadata, resourceVersion: 'x' },
      }).toEqual({
        ...loaded,
        metadata: { ...loaded.metadata, resourceVersion: 'x' },
      });
      expect((await get(FROZEN)).status.lastHandledReconcileAt).toBeUndefined();
    });
  });
});
