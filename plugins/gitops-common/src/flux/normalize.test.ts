import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  A,
  B,
  kustomization,
  lookup,
  ready,
  T0,
  T1,
} from '../__testUtils__/fluxBuilders';
import { planRollback } from '../rollback';
import { signalsOf } from '../signals';
import { normalizeFluxObject, normalizeFluxObjectDetail } from './normalize';

const SHARED_FLUX_DIR = path.resolve(__dirname, '../../../../../shared/flux');

describe('normalizeFluxObject on the kustomize-controller example', () => {
  const documents = parseAllDocuments(
    fs.readFileSync(
      path.join(SHARED_FLUX_DIR, 'kustomization-example-production.yaml'),
      'utf8',
    ),
  ).map(doc => doc.toJS());
  const [raw, gitRepository] = documents;

  it('reads a Kustomization that has no status yet', () => {
    const summary = normalizeFluxObject(raw, {
      instance: 'prod-eu',
      source: ref =>
        ref.kind === gitRepository.kind &&
        ref.name === gitRepository.metadata.name
          ? { url: gitRepository.spec.url, ref: gitRepository.spec.ref.semver }
          : undefined,
    });
    expect(summary).toEqual({
      instance: 'prod-eu',
      sourceKind: 'flux',
      kind: 'Kustomization',
      name: 'webapp-production',
      namespace: '',
      sync: { status: 'Unknown' },
      health: { status: 'Unknown' },
      operation: null,
      conditions: [],
      autoSync: { enabled: true, prune: true, selfHeal: true },
      source: {
        repoURL: 'https://github.com/stefanprodan/podinfo',
        name: 'GitRepository//webapp-releases',
        path: './deploy/overlays/production/',
        targetRevision: '>=6.3.5',
      },
      sourceTypes: ['Kustomize'],
      destination: {},
      images: [],
      links: {},
    });
  });
});

describe('normalizeFluxObject for Kustomizations', () => {
  it('maps Ready=True to Healthy, Synced and a succeeded operation', () => {
    const summary = normalizeFluxObject(
      kustomization({
        lastAppliedRevision: B,
        lastAttemptedRevision: B,
        conditions: [
          ready('True', 'ReconciliationSucceeded', `Applied revision: ${B}`),
        ],
      }),
      { instance: 'prod-eu', source: lookup },
    );
    expect(summary).toEqual({
      instance: 'prod-eu',
      sourceKind: 'flux',
      kind: 'Kustomization',
      name: 'checkout',
      namespace: 'flux-system',
      environment: 'prod',
      sync: { status: 'Synced', revision: B },
      health: { status: 'Healthy' },
      operation: {
        phase: 'Succeeded',
        message: `Applied revision: ${B}`,
        finishedAt: T1,
        revision: B,
      },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: `Applied revision: ${B}`,
          lastTransitionTime: T1,
        },
      ],
      autoSync: { enabled: true, prune: true, selfHeal: true },
      source: {
        repoURL: 'https://github.com/acme/shop-deploy',
        name: 'GitRepository/flux-system/shop-deploy',
        path: './apps/checkout',
        targetRevision: 'main',
      },
      sourceTypes: ['Kustomize'],
      destination: { namespace: 'checkout' },
      images: [],
      links: {},
    });
  });

  it.each([
    ['BuildFailed', 'kustomize build failed: accumulating resources'],
    [
      'HealthCheckFailed',
      "health check failed after 2m0s: timeout waiting for: [Deployment/checkout/web status: 'InProgress']",
    ],
    [
      'ReconciliationFailed',
      'Deployment/checkout/web dry-run failed: field is immutable',
    ],
  ])(
    '%s is Degraded, OutOfSync against the attempted revision, and a failed operation',
    (reason, message) => {
      const detail = normalizeFluxObjectDetail(
        kustomization({
          lastAppliedRevision: A,
          lastAttemptedRevision: B,
          conditions: [ready('False', reason, message)],
        }),
        { instance: 'prod-eu', source: lookup },
      );
      expect(detail.health).toEqual({ status: 'Degraded', message });
      expect(detail.sync).toEqual({ status: 'OutOfSync', revision: B });
      expect(detail.operation).toEqual({
        phase: 'Failed',
        message,
        finishedAt: T1,
        revision: B,
      });
      expect(detail.history).toEqual([
        {
          id: 0,
          revision: A,
          deployedAt: '',
          source: expect.objectContaining({ path: './apps/checkout' }),
        },
      ]);

      const { signals } = signalsOf(detail);
      expect(signals).toEqual(
        expect.arrayContaining([
          'health:Degraded',
          'operation:Failed',
          'kind:Kustomization',
          'flux:not-ready',
          `reason:${reason}`,
          'history:rollback-candidate',
        ]),
      );
      const plan = planRollback(detail);
      expect(plan.state).toBe('recommended');
      expect(plan.suspect).toMatchObject({ revision: B, origin: 'operation' });
      expect(plan.knownGood).toMatchObject({ revision: A, origin: 'history' });
      expect(plan.steps[0].commands).toEqual([
        `git log --oneline ${'a'.repeat(40)}..${'b'.repeat(40)}`,
        `git revert --no-edit ${'b'.repeat(40)}`,
        'git push',
        'flux reconcile kustomization checkout -n flux-system --with-source',
      ]);
      expect(plan.steps[0].note).toContain(
        'In a clone of https://github.com/acme/shop-deploy.',
      );
    },
  );

  it.each([
    ['Unknown', 'Progressing', 'Reconciliation in progress'],
    ['False', 'ProgressingWithRetry', 'retrying after a transient error'],
    [
      'False',
      'DependencyNotReady',
      "dependency 'flux-system/infra' is not ready",
    ],
  ])(
    'Ready=%s with %s is Progressing with a running operation',
    (status, reason, message) => {
      const detail = normalizeFluxObjectDetail(
        kustomization({
          lastAppliedRevision: A,
          lastAttemptedRevision: A,
          conditions: [ready(status, reason, message)],
        }),
        { instance: 'prod-eu' },
      );
      expect(detail.health).toEqual({ status: 'Progressing', message });
      expect(detail.operation).toEqual({
        phase: 'Running',
        message,
        startedAt: T1,
        revision: A,
      });
      expect(planRollback(detail).state).toBe('in-progress');
      expect(signalsOf(detail).signals).toContain(`reason:${reason}`);
    },
  );

  it('reads a reconcile asked for by hand, its answer, and a pending deletion', () => {
    const raw = kustomization({
      lastHandledReconcileAt: '2024-05-01T10:00:00Z',
      conditions: [ready('True', 'ReconciliationSucceeded', 'Applied')],
    });
    raw.metadata = {
      ...raw.metadata,
      annotations: {
        'reconcile.fluxcd.io/requestedAt': '2024-05-01T10:05:00Z',
      },
      deletionTimestamp: '2024-05-01T10:06:00Z',
    } as typeof raw.metadata;
    const summary = normalizeFluxObject(raw, { instance: 'prod-eu' });
    expect(summary.reconcile).toEqual({
      requestedAt: '2024-05-01T10:05:00Z',
      handledAt: '2024-05-01T10:00:00Z',
    });
    expect(summary.deleting).toBe(true);
    expect(
      normalizeFluxObject(kustomization({}), { instance: 'prod-eu' }),
    ).not.toHaveProperty('reconcile');
  });

  it('shows a suspended Kustomization as Suspended with automation off', () => {
    const detail = normalizeFluxObjectDetail(
      kustomization(
        {
          lastAppliedRevision: A,
          lastAttemptedRevision: A,
          conditions: [ready('True', 'ReconciliationSucceeded', 'Applied')],
        },
        { suspend: true },
      ),
      { instance: 'prod-eu' },
    );
    expect(detail.suspended).toBe(true);
    expect(detail.health).toEqual({
      status: 'Suspended',
      message:
        'reconciliation is suspended (spec.suspend: true); last state: Applied',
    });
    expect(detail.autoSync.enabled).toBe(false);
    expect(signalsOf(detail).signals).toEqual(
      expect.arrayContaining([
        'health:Suspended',
        'flux:suspended',
        'autoSync:disabled',
      ]),
    );
  });

  it('is Progressing while the controller has not observed the latest generation', () => {
    const summary = normalizeFluxObject(
      {
        ...kustomization({
          lastAppliedRevision: A,
          conditions: [ready('True', 'ReconciliationSucceeded', 'Applied')],
        }),
        metadata: { name: 'checkout', namespace: 'flux-system', generation: 3 },
      },
      { instance: 'prod-eu' },
    );
    expect(summary.health).toEqual({
      status: 'Progressing',
      message: 'the controller has not reconciled generation 3 yet',
    });
    expect(summary.operation?.phase).toBe('Running');
  });

  it('reads the successful snapshots of status.history, newest first', () => {
    const detail = normalizeFluxObjectDetail(
      kustomization({
        lastAppliedRevision: A,
        lastAttemptedRevision: B,
        conditions: [ready('False', 'HealthCheckFailed', 'timeout')],
        history: [
          {
            digest: `sha256:${'1'.repeat(64)}`,
            firstReconciled: T0,
            lastReconciled: T1,
            lastReconciledDuration: '2m0s',
            lastReconciledStatus: 'HealthCheckFailed',
            totalReconciliations: 2,
            metadata: { revision: B },
          },
          {
            digest: `sha256:${'2'.repeat(64)}`,
            firstReconciled: '2024-04-30T09:00:00Z',
            lastReconciled: T0,
            lastReconciledDuration: '3s',
            lastReconciledStatus: 'ReconciliationSucceeded',
            totalReconciliations: 12,
            metadata: { revision: A },
          },
          {
            digest: `sha256:${'3'.repeat(64)}`,
            firstReconciled: '2024-04-29T09:00:00Z',
            lastReconciled: '2024-04-30T08:59:00Z',
            lastReconciledDuration: '3s',
            lastReconciledStatus: 'ReconciliationSucceeded',
            totalReconciliations: 1,
          },
        ],
      }),
      { instance: 'prod-eu' },
    );
    expect(detail.history).toEqual([
      {
        id: 1,
        revision: A,
        deployedAt: T0,
        deployStartedAt: '2024-04-30T09:00:00Z',
        message: 'Applied (12 reconciliations, resources sha256:222222222222…)',
        source: expect.objectContaining({ repoURL: expect.any(String) }),
      },
      {
        id: 0,
        revision: `sha256:${'3'.repeat(64)}`,
        deployedAt: '2024-04-30T08:59:00Z',
        deployStartedAt: '2024-04-29T09:00:00Z',
        message: 'Applied (1 reconciliation, resources sha256:333333333333…)',
        source: expect.objectContaining({ repoURL: expect.any(String) }),
      },
    ]);
    expect(detail.reconciledAt).toBe(T1);
  });

  it('reads image overrides', () => {
    const summary = normalizeFluxObject(
      kustomization(
        {},
        {
          images: [
            { name: 'web', newName: 'ghcr.io/acme/web', newTag: '2.1.0' },
            { name: 'ghcr.io/acme/worker', digest: 'sha256:abc' },
          ],
        },
      ),
      { instance: 'x' },
    );
    expect(summary.images).toEqual([
      'ghcr.io/acme/web:2.1.0',
      'ghcr.io/acme/worker@sha256:abc',
    ]);
  });
});

describe('normalizeFluxObject on malformed input', () => {
  it.each([
    null,
    'x',
    {},
    { kind: 'HelmRelease', status: { history: 'no', conditions: [1, null] } },
  ])('never throws on %p', raw => {
    const detail = normalizeFluxObjectDetail(raw as any, {
      instance: 'x',
      kind: 'HelmRelease',
    });
    expect(detail.health.status).toBe('Unknown');
    expect(detail.history).toEqual([]);
  });
});
