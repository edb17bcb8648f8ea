import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { planRollback } from '../rollback';
import { signalsOf } from '../signals';
import { normalizeFluxObject, normalizeFluxObjectDetail } from './normalize';
import { fluxSourceRefOf, type FluxSourceLookup } from './source';
import type { RawHelmRelease, RawKustomization } from './types';

const SHARED_FLUX_DIR = path.resolve(__dirname, '../../../../../shared/flux');

const A = `main@sha1:${'a'.repeat(40)}`;
const B = `main@sha1:${'b'.repeat(40)}`;
const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T10:05:00Z';

const lookup: FluxSourceLookup = ref =>
  ref.kind === 'GitRepository' && ref.name === 'shop-deploy'
    ? { url: 'https://github.com/acme/shop-deploy', ref: 'main' }
    : undefined;

function ready(status: string, reason: string, message: string) {
  return {
    type: 'Ready',
    status,
    reason,
    message,
    lastTransitionTime: T1,
    observedGeneration: 2,
  };
}

function kustomization(
  status: RawKustomization['status'],
  spec: Partial<NonNullable<RawKustomization['spec']>> = {},
): RawKustomization {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: 'checkout',
      namespace: 'flux-system',
      generation: 2,
      labels: { 'backstage.io/kubernetes-id': 'checkout', env: 'prod' },
    },
    spec: {
      interval: '5m',
      path: './apps/checkout',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'shop-deploy' },
      targetNamespace: 'checkout',
      ...spec,
    },
    status: { observedGeneration: 2, ...status },
  };
}

function helmRelease(
  status: RawHelmRelease['status'],
  spec: Partial<NonNullable<RawHelmRelease['spec']>> = {},
): RawHelmRelease {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'podinfo', namespace: 'apps', generation: 3 },
    spec: {
      interval: '10m',
      chart: {
        spec: {
          chart: 'podinfo',
          version: '6.5.x',
          sourceRef: {
            kind: 'HelmRepository',
            name: 'podinfo',
            namespace: 'flux-system',
          },
        },
      },
      ...spec,
    },
    status: { observedGeneration: 3, ...status },
  };
}

function snapshot(
  version: number,
  chartVersion: string,
  status: string,
  extra: object = {},
) {
  return {
    name: 'podinfo',
    namespace: 'apps',
    version,
    status,
    chartName: 'podinfo',
    chartVersion,
    appVersion: chartVersion,
    configDigest: `sha256:${String(version).repeat(64)}`,
    digest: `sha256:${'f'.repeat(64)}`,
    firstDeployed: '2024-04-01T08:00:00Z',
    lastDeployed: `2024-05-0${version}T08:00:00Z`,
    ...extra,
  };
}

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

describe('normalizeFluxObject for HelmReleases', () => {
  const upgraded = helmRelease({
    lastAttemptedRevision: '6.5.4',
    lastAttemptedConfigDigest: `sha256:${'2'.repeat(64)}`,
    lastAttemptedReleaseAction: 'upgrade',
    storageNamespace: 'apps',
    history: [
      snapshot(2, '6.5.4', 'deployed'),
      snapshot(1, '6.5.3', 'superseded'),
    ],
    conditions: [
      ready(
        'True',
        'UpgradeSucceeded',
        'Helm upgrade succeeded for release apps/podinfo.v2 with chart podinfo@6.5.4',
      ),
      {
        type: 'Released',
        status: 'True',
        reason: 'UpgradeSucceeded',
        message: 'Helm upgrade succeeded',
        lastTransitionTime: T1,
      },
    ],
  });

  it('maps a released HelmRelease to Healthy and Synced at the chart version', () => {
    const detail = normalizeFluxObjectDetail(upgraded, {
      instance: 'prod-eu',
      source: () => ({ url: 'https://stefanprodan.github.io/podinfo' }),
    });
    expect(detail).toMatchObject({
      kind: 'HelmRelease',
      sourceKind: 'flux',
      sync: { status: 'Synced', revision: '6.5.4' },
      health: { status: 'Healthy' },
      operation: { phase: 'Succeeded', revision: '6.5.4' },
      autoSync: { enabled: true, prune: true, selfHeal: false },
      source: {
        repoURL: 'https://stefanprodan.github.io/podinfo',
        name: 'HelmRepository/flux-system/podinfo',
        chart: 'podinfo',
        targetRevision: '6.5.x',
      },
      sourceTypes: ['Helm'],
      destination: { namespace: 'apps' },
      reconciledAt: '2024-05-02T08:00:00Z',
    });
    expect(
      detail.conditions.map(c => `${c.type}=${c.status}:${c.reason}`),
    ).toEqual([
      'Ready=True:UpgradeSucceeded',
      'Released=True:UpgradeSucceeded',
    ]);
    expect(detail.history).toEqual([
      {
        id: 2,
        revision: '6.5.4',
        deployedAt: '2024-05-02T08:00:00Z',
        deployStartedAt: '2024-04-01T08:00:00Z',
        message:
          'Helm release 2 deployed (chart podinfo 6.5.4, app 6.5.4, values sha256:222222222222…, release sha256:ffffffffffff…)',
        source: {
          repoURL: 'https://stefanprodan.github.io/podinfo',
          chart: 'podinfo',
          targetRevision: '6.5.4',
          name: 'HelmRepository/flux-system/podinfo',
        },
      },
      expect.objectContaining({ id: 1, revision: '6.5.3' }),
    ]);
    expect(planRollback(detail).state).toBe('not-needed');
  });

  it('is OutOfSync when only the values changed', () => {
    const summary = normalizeFluxObject(
      {
        ...upgraded,
        status: { ...upgraded.status, lastAttemptedConfigDigest: 'sha256:new' },
      },
      { instance: 'x' },
    );
    expect(summary.sync.status).toBe('OutOfSync');
  });

  it('UpgradeFailed: the failed release is the suspect, the deployed one the known-good', () => {
    const detail = normalizeFluxObjectDetail(
      helmRelease({
        lastAttemptedRevision: '6.5.4',
        lastAttemptedReleaseAction: 'upgrade',
        failures: 3,
        upgradeFailures: 3,
        history: [
          snapshot(3, '6.5.4', 'failed'),
          snapshot(2, '6.5.3', 'deployed'),
          snapshot(1, '6.5.2', 'superseded'),
        ],
        conditions: [
          ready(
            'False',
            'UpgradeFailed',
            'Helm upgrade failed for release apps/podinfo with chart podinfo@6.5.4: context deadline exceeded',
          ),
        ],
      }),
      { instance: 'prod-eu' },
    );
    expect(detail.sync).toEqual({ status: 'OutOfSync', revision: '6.5.4' });
    expect(detail.health.status).toBe('Degraded');
    expect(detail.operation).toMatchObject({
      phase: 'Failed',
      revision: '6.5.4',
      retryCount: 3,
    });
    expect(detail.history.map(entry => [entry.id, entry.revision])).toEqual([
      [2, '6.5.3'],
      [1, '6.5.2'],
    ]);
    const plan = planRollback(detail);
    expect(plan.state).toBe('recommended');
    expect(plan.suspect).toMatchObject({
      revision: '6.5.4',
      origin: 'operation',
    });
    expect(plan.knownGood).toMatchObject({ id: 2, revision: '6.5.3' });
    expect(plan.steps[0].title).toBe(
      'Preferred: set chart podinfo back to 6.5.3 in Git',
    );
    expect(plan.steps[0].commands).toContain(
      'flux reconcile helmrelease podinfo -n apps --with-source',
    );
    expect(plan.steps.map(step => step.title)).toContain(
      'Next time: let helm-controller roll back failed upgrades',
    );
    expect(signalsOf(detail).signals).toEqual(
      expect.arrayContaining([
        'reason:UpgradeFailed',
        'source:helm',
        'kind:HelmRelease',
      ]),
    );
  });

  it('InstallFailed: nothing deployed yet, so OutOfSync with no history', () => {
    const detail = normalizeFluxObjectDetail(
      helmRelease({
        lastAttemptedRevision: '6.5.4',
        lastAttemptedReleaseAction: 'install',
        installFailures: 1,
        history: [snapshot(1, '6.5.4', 'failed')],
        conditions: [
          ready(
            'False',
            'InstallFailed',
            'Helm install failed: admission webhook denied the request',
          ),
        ],
      }),
      { instance: 'prod-eu' },
    );
    expect(detail.sync).toEqual({ status: 'OutOfSync', revision: '6.5.4' });
    expect(detail.operation).toMatchObject({ phase: 'Failed', retryCount: 1 });
    expect(detail.history).toEqual([]);
    expect(planRollback(detail).state).toBe('unknown');
  });

  it('TestFailed is Degraded', () => {
    const summary = normalizeFluxObject(
      helmRelease({
        lastAttemptedRevision: '6.5.4',
        history: [snapshot(2, '6.5.4', 'deployed', { testHooks: {} })],
        conditions: [
          ready(
            'False',
            'TestFailed',
            'Helm test failed for release apps/podinfo',
          ),
          {
            type: 'TestSuccess',
            status: 'False',
            reason: 'TestFailed',
            message: 'test hook failed',
          },
        ],
      }),
      { instance: 'x' },
    );
    expect(summary.health.status).toBe('Degraded');
    expect(summary.sync.status).toBe('Synced');
    expect(summary.operation?.phase).toBe('Failed');
  });

  it('reads drift detection and an OCI chartRef', () => {
    const raw = helmRelease(
      {},
      {
        chart: undefined,
        chartRef: { kind: 'OCIRepository', name: 'podinfo' },
        driftDetection: { mode: 'enabled' },
        targetNamespace: 'web',
      },
    );
    expect(fluxSourceRefOf(raw)).toEqual({
      kind: 'OCIRepository',
      name: 'podinfo',
      namespace: 'apps',
    });
    const summary = normalizeFluxObject(raw, { instance: 'x' });
    expect(summary.autoSync.selfHeal).toBe(true);
    expect(summary.source).toEqual({
      repoURL: 'OCIRepository/apps/podinfo',
      name: 'OCIRepository/apps/podinfo',
    });
    expect(summary.destination).toEqual({ namespace: 'web' });
  });

  it('marks a Stalled HelmRelease Degraded', () => {
    const summary = normalizeFluxObject(
      helmRelease({
        conditions: [
          ready('False', 'InvalidChartReference', 'chart not found'),
          {
            type: 'Stalled',
            status: 'True',
            reason: 'InvalidChartReference',
            message: 'invalid chart reference',
          },
        ],
      }),
      { instance: 'x' },
    );
    expect(summary.health).toEqual({
      status: 'Degraded',
      message: 'invalid chart reference',
    });
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
