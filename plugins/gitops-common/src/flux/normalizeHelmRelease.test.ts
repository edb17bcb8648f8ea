import {
  helmRelease,
  ready,
  snapshot,
  T1,
} from '../__testUtils__/fluxBuilders';
import { planRollback } from '../rollback';
import { signalsOf } from '../signals';
import { normalizeFluxObject, normalizeFluxObjectDetail } from './normalize';
import { fluxSourceRefOf } from './source';

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
