import { detail, entry, sha } from '../__testUtils__/builders';
import { readSharedJson, readSharedYaml } from '../__testUtils__/sharedArgocd';
import {
  normalizeApplication,
  normalizeApplicationDetail,
} from '../argocd/normalize';
import type { ApplicationDetail, ApplicationSummary } from '../types';
import { signalsOf } from './signalsOf';
import {
  conditionSignal,
  fluxSignal,
  healthSignal,
  kindSignal,
  messageSignal,
  operationSignal,
  reasonSignal,
  settingSignal,
  signalCategory,
  syncSignal,
} from './vocabulary';

describe('signal vocabulary helpers', () => {
  it('spell every signal the documented way', () => {
    expect([
      syncSignal('OutOfSync'),
      healthSignal('Degraded'),
      operationSignal('Failed'),
      conditionSignal('ComparisonError'),
      messageSignal('field is immutable'),
      kindSignal('HelmRelease'),
      reasonSignal('UpgradeFailed'),
      fluxSignal('not-ready'),
      settingSignal('autoSync', true),
      settingSignal('prune', false),
    ]).toEqual([
      'sync:OutOfSync',
      'health:Degraded',
      'operation:Failed',
      'condition:ComparisonError',
      'message:field is immutable',
      'kind:HelmRelease',
      'reason:UpgradeFailed',
      'flux:not-ready',
      'autoSync:enabled',
      'prune:disabled',
    ]);
  });

  it.each([
    ['message:hook failed', 'message'],
    ['condition:SyncError', 'condition'],
    ['operation:Error', 'operation'],
    ['reason:BuildFailed', 'reason'],
    ['history:rollback-candidate', 'history'],
    ['health:Missing', 'health'],
    ['sync:Unknown', 'sync'],
    ['flux:suspended', 'flux'],
    ['kind:Kustomization', 'kind'],
    ['source:helm', 'source'],
    ['selfHeal:enabled', 'setting'],
    ['nonsense', undefined],
    ['other:x', undefined],
  ])('%s is in category %s', (signal, category) => {
    expect(signalCategory(signal)).toBe(category);
  });
});

describe('signalsOf on the real documents', () => {
  it('diff-cache: a healthy, manually synced plugin app', () => {
    const app = normalizeApplicationDetail(
      readSharedYaml('real-applications/controller_testdata_diff-cache.yaml'),
      { instance: 'x' },
    );
    const { signals, facts } = signalsOf(app);
    expect(signals).toEqual([
      'sync:Synced',
      'health:Healthy',
      'operation:Succeeded',
      'autoSync:disabled',
      'selfHeal:disabled',
      'prune:disabled',
    ]);
    expect(facts['sync:Synced']).toBe('sync status is Synced at rev1');
    expect(facts['operation:Succeeded']).toBe(
      'the last sync succeeded at ea87599 and the application is Healthy',
    );
    expect(facts['autoSync:disabled']).toBe(
      'automated sync is disabled: changes reach the cluster only when someone syncs',
    );
  });

  it('live-child-application: a Helm chart with automated sync and prune', () => {
    const app = normalizeApplicationDetail(
      readSharedYaml(
        'real-applications/controller_testdata_live-child-application.yaml',
      ),
      { instance: 'x' },
    );
    const { signals, facts } = signalsOf(app);
    expect(signals).toEqual([
      'sync:Unknown',
      'health:Unknown',
      'autoSync:enabled',
      'selfHeal:disabled',
      'prune:enabled',
      'source:helm',
    ]);
    expect(facts['source:helm']).toBe(
      'the application deploys Helm chart argo-workflows 0.45.27 from https://argoproj.github.io/argo-helm',
    );
    expect(facts['sync:Unknown']).toBe(
      'the live state cannot be compared with Git: sync status is Unknown',
    );
  });

  it('Roadie fixture: re-syncs of one revision are not a rollback candidate even when Degraded', () => {
    const raw = readSharedJson(
      'roadie-e2e-fixtures/applications-test-app.json',
    );
    const app = normalizeApplicationDetail(raw, { instance: 'x' });
    const degraded: ApplicationDetail = {
      ...app,
      health: { status: 'Degraded' },
    };
    expect(signalsOf(degraded).signals).not.toContain(
      'history:rollback-candidate',
    );
  });
});

describe("signals for Argo CD's notification triggers", () => {
  it.each([
    [
      'on-sync-failed (Failed)',
      { operation: { phase: 'Failed' as const } },
      'operation:Failed',
    ],
    [
      'on-sync-failed (Error)',
      { operation: { phase: 'Error' as const } },
      'operation:Error',
    ],
    [
      'on-sync-running',
      { operation: { phase: 'Running' as const } },
      'operation:Running',
    ],
    [
      'on-health-degraded',
      { health: { status: 'Degraded' as const } },
      'health:Degraded',
    ],
    [
      'on-sync-status-unknown',
      { sync: { status: 'Unknown' as const } },
      'sync:Unknown',
    ],
  ])('%s → %s', (_trigger, overrides, signal) => {
    expect(signalsOf(detail(overrides)).signals).toContain(signal);
  });

  it('on-deployed is operation:Succeeded with health:Healthy', () => {
    const { signals, facts } = signalsOf(detail());
    expect(signals).toEqual(
      expect.arrayContaining(['operation:Succeeded', 'health:Healthy']),
    );
    expect(facts['operation:Succeeded']).toBe(
      'the last sync succeeded at bbbbbbb and the application is Healthy',
    );
  });

  it('states the failing revision and retries', () => {
    const { facts } = signalsOf(
      detail({
        operation: {
          phase: 'Failed',
          revision: sha('c'),
          retryCount: 3,
          message: 'boom',
        },
      }),
    );
    expect(facts['operation:Failed']).toBe(
      'the last sync failed at ccccccc after 3 retries: boom',
    );
  });
});

describe('history and source signals', () => {
  it('marks a rollback candidate on a detail, never on a summary', () => {
    const app = detail({ health: { status: 'Degraded' } });
    expect(signalsOf(app).facts['history:rollback-candidate']).toBe(
      'a rollback is worth considering: health is Degraded after deploying bbbbbbb (history id 2); aaaaaaa (history id 1) was deployed before it.',
    );
    const {
      history: _h,
      resources: _r,
      resourceCounts: _c,
      historyLimit: _l,
      ...summary
    } = app;
    expect(signalsOf(summary as ApplicationSummary).signals).not.toContain(
      'history:rollback-candidate',
    );
    expect(
      signalsOf(
        detail({
          health: { status: 'Degraded' },
          history: [entry(1, sha('a'))],
        }),
      ).signals,
    ).not.toContain('history:rollback-candidate');
  });

  it('marks multi-source apps and Helm-rendered sources', () => {
    const multi = detail({
      source: undefined,
      sources: [
        {
          repoURL: 'https://charts.bitnami.com/bitnami',
          chart: 'redis',
          targetRevision: '18.1.0',
        },
        { repoURL: 'https://github.com/acme/values.git', ref: 'values' },
      ],
    });
    expect(signalsOf(multi).facts).toMatchObject({
      'source:multi':
        'the application has 2 sources (redis, https://github.com/acme/values.git)',
      'source:helm':
        'the application deploys Helm chart redis 18.1.0 from https://charts.bitnami.com/bitnami',
    });
    expect(
      signalsOf(detail({ sourceTypes: ['Helm'] })).facts['source:helm'],
    ).toBe('the manifests are rendered with Helm');
    expect(signalsOf(detail()).signals).not.toContain('source:helm');
  });
});

describe('Flux signals', () => {
  it('reads kind, readiness, suspension and reasons', () => {
    const app = normalizeApplication({}, { instance: 'x' });
    const flux: ApplicationSummary = {
      ...app,
      sourceKind: 'flux',
      kind: 'Kustomization',
      name: 'apps',
      namespace: 'flux-system',
      suspended: true,
      health: { status: 'Degraded' },
      conditions: [
        {
          type: 'Healthy',
          status: 'False',
          reason: 'HealthCheckFailed',
          message:
            'timeout waiting for: [Deployment/apps/web status: InProgress]',
        },
        {
          type: 'Ready',
          status: 'False',
          reason: 'ReconciliationFailed',
          message: 'kustomize build failed',
        },
      ],
    };
    const { signals, facts } = signalsOf(flux);
    expect(signals).toEqual(
      expect.arrayContaining([
        'kind:Kustomization',
        'flux:suspended',
        'flux:not-ready',
        'reason:ReconciliationFailed',
        'reason:HealthCheckFailed',
        'condition:Ready',
      ]),
    );
    expect(signals.indexOf('reason:ReconciliationFailed')).toBeLessThan(
      signals.indexOf('reason:HealthCheckFailed'),
    );
    expect(facts['flux:not-ready']).toBe(
      'the Kustomization is not Ready (ReconciliationFailed): kustomize build failed',
    );
    expect(facts['flux:suspended']).toBe(
      'reconciliation of the Kustomization is suspended (spec.suspend: true)',
    );
    expect(facts['autoSync:disabled']).toBe(
      'automated sync is disabled: changes reach the cluster only when someone syncs',
    );
    expect(signals).not.toContain('flux:ready');
  });

  it('never emits Flux signals for Argo CD applications', () => {
    const { signals } = signalsOf(
      detail({
        conditions: [
          { type: 'Ready', message: '', status: 'True', reason: 'x' },
        ],
      }),
    );
    expect(signals.some(signal => /^(kind|flux|reason):/.test(signal))).toBe(
      false,
    );
  });
});
