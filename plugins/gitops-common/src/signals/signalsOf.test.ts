import { detail, entry, sha } from '../__testUtils__/builders';
import { readSharedJson, readSharedYaml } from '../__testUtils__/sharedArgocd';
import {
  normalizeApplication,
  normalizeApplicationDetail,
} from '../argocd/normalize';
import type { ApplicationDetail, ApplicationSummary } from '../types';
import { MESSAGE_PATTERNS } from './messagePatterns';
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

describe('message signals', () => {
  const failedSync = (message: string): ApplicationDetail =>
    detail({
      sync: { status: 'OutOfSync' },
      operation: { phase: 'Failed', message, revision: sha('c') },
    });
  const degradedPod = (message: string): ApplicationDetail =>
    detail({
      health: { status: 'Degraded' },
      resources: [
        {
          kind: 'Pod',
          namespace: 'checkout',
          name: 'checkout-web-7d9f',
          health: 'Degraded',
          message,
        },
      ],
    });
  const condition = (type: string, message: string): ApplicationDetail =>
    detail({ conditions: [{ type, message }] });

  const CASES: Array<[string, ApplicationDetail, string]> = [
    [
      'field is immutable',
      failedSync(
        'one or more objects failed to apply, reason: Deployment.apps "checkout-web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"checkout-web"}}: field is immutable',
      ),
      'the last sync failed: field is immutable on Deployment checkout-web',
    ],
    [
      'not permitted in project',
      failedSync(
        "application repo https://github.com/acme/other.git is not permitted in project 'shop'",
      ),
      'the last sync failed: not permitted in project shop',
    ],
    [
      'namespace not found',
      failedSync(
        'one or more objects failed to apply, reason: namespaces "payments" not found',
      ),
      'the last sync failed: namespace payments not found',
    ],
    [
      'hook failed',
      failedSync(
        'PostSync hook batch/Job/smoke-test failed: Job has reached the specified backoff limit',
      ),
      'the last sync failed: hook failed',
    ],
    [
      'forbidden',
      failedSync(
        'deployments.apps is forbidden: User "system:serviceaccount:argocd:argocd-application-controller" cannot create resource "deployments" in API group "apps" in the namespace "payments"',
      ),
      'the last sync failed: forbidden: system:serviceaccount:argocd:argocd-application-controller cannot create deployments in namespace payments',
    ],
    [
      'violates PodSecurity',
      failedSync(
        'pods "web" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false',
      ),
      'the last sync failed: violates PodSecurity on Pod web',
    ],
    [
      'ImagePullBackOff',
      degradedPod('Back-off pulling image "ghcr.io/acme/checkout-web:2.9.0"'),
      'a Degraded resource reports: ImagePullBackOff on Pod checkout-web-7d9f',
    ],
    [
      'CrashLoopBackOff',
      degradedPod(
        'back-off 5m0s restarting failed container=web pod=checkout-web-7d9f_checkout',
      ),
      'a Degraded resource reports: CrashLoopBackOff on Pod checkout-web-7d9f',
    ],
    [
      'OOMKilled',
      degradedPod('container web terminated with reason OOMKilled'),
      'a Degraded resource reports: OOMKilled on Pod checkout-web-7d9f',
    ],
    [
      'CreateContainerConfigError',
      degradedPod('CreateContainerConfigError: secret "db-creds" not found'),
      'a Degraded resource reports: CreateContainerConfigError on Secret db-creds',
    ],
    [
      'exceeded quota',
      failedSync(
        'pods "checkout-web-7d9f" is forbidden: exceeded quota: compute-resources, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi',
      ),
      'the last sync failed: exceeded quota on Pod checkout-web-7d9f',
    ],
    [
      'insufficient resources',
      degradedPod('0/3 nodes are available: 3 Insufficient memory.'),
      'a Degraded resource reports: insufficient resources on Pod checkout-web-7d9f',
    ],
    [
      'progress deadline exceeded',
      detail({
        health: {
          status: 'Degraded',
          message: 'Deployment "checkout-web" exceeded its progress deadline',
        },
      }),
      'health is Degraded: progress deadline exceeded',
    ],
    [
      'timed out',
      failedSync(
        'rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      ),
      'the last sync failed: timed out',
    ],
    [
      'repository not found',
      condition(
        'ComparisonError',
        'Failed to fetch default: `git fetch origin --tags --force --prune` failed exit status 128: remote: Repository not found.',
      ),
      'condition ComparisonError: repository not found',
    ],
    [
      'authentication required',
      condition(
        'ComparisonError',
        'rpc error: code = Unknown desc = authentication required',
      ),
      'condition ComparisonError: authentication required',
    ],
    [
      'unable to resolve revision',
      condition(
        'ComparisonError',
        "rpc error: code = Unknown desc = unable to resolve 'release-9' to a commit SHA",
      ),
      'condition ComparisonError: unable to resolve revision',
    ],
    [
      'failed to load',
      condition(
        'ComparisonError',
        'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = Manifest generation error (cached): kustomize build failed',
      ),
      'condition ComparisonError: failed to load',
    ],
    [
      'admission webhook denied the request',
      failedSync(
        'admission webhook "validate.kyverno.svc-fail" denied the request: policy require-labels failed',
      ),
      'the last sync failed: admission webhook denied the request',
    ],
    [
      'could not find the requested resource',
      failedSync(
        'The Kubernetes API could not find monitoring.coreos.com/ServiceMonitor for requested resource checkout/web. Make sure the "ServiceMonitor" CRD is installed on the destination cluster: no matches for kind "ServiceMonitor" in version "monitoring.coreos.com/v1"',
      ),
      'the last sync failed: could not find the requested resource',
    ],
    [
      'schema validation',
      failedSync(
        'error validating data: ValidationError(Deployment.spec.template.spec.containers[0]): unknown field "imagePullPolicyy" in io.k8s.api.core.v1.Container',
      ),
      'the last sync failed: schema validation',
    ],
    [
      'sync window',
      detail({
        operation: {
          phase: 'Error',
          message: 'Sync operation blocked by sync window',
        },
      }),
      'the last sync failed: sync window',
    ],
  ];

  it('covers every pattern in MESSAGE_PATTERNS', () => {
    expect(new Set(CASES.map(([id]) => id))).toEqual(
      new Set(MESSAGE_PATTERNS.map(pattern => pattern.id)),
    );
  });

  it.each(CASES)('message:%s', (id, app, fact) => {
    const { signals, facts } = signalsOf(app);
    expect(signals).toContain(`message:${id}`);
    expect(facts[`message:${id}`]).toBe(fact);
  });

  it('does not call an immutable field a schema error, nor a quota an RBAC error', () => {
    expect(
      signalsOf(CASES[0][1]).signals.filter(s => s.startsWith('message:')),
    ).toEqual(['message:field is immutable']);
    expect(
      signalsOf(CASES[10][1]).signals.filter(s => s.startsWith('message:')),
    ).toEqual(['message:exceeded quota']);
  });

  it('names a failed hook from the sync result even when its message says nothing about hooks', () => {
    const app = detail({
      operation: {
        phase: 'Failed',
        message: 'one or more synchronization tasks completed unsuccessfully',
        failedResources: [
          {
            group: 'batch',
            kind: 'Job',
            namespace: 'checkout',
            name: 'db-migrate',
            hookType: 'PreSync',
            hookPhase: 'Failed',
            message: 'Job has reached the specified backoff limit',
          },
        ],
      },
    });
    const { signals, facts, messages } = signalsOf(app);
    expect(signals).toContain('message:hook failed');
    expect(facts['message:hook failed']).toBe(
      'the last sync failed: PreSync hook Job db-migrate failed (Job has reached the specified backoff limit)',
    );
    expect(messages).toEqual([
      'the last sync failed: one or more synchronization tasks completed unsuccessfully',
      'the last sync failed: Job has reached the specified backoff limit',
    ]);
  });

  it('takes the object from the failed resource when the message does not name one', () => {
    const app = detail({
      operation: {
        phase: 'Failed',
        failedResources: [
          {
            kind: 'Deployment',
            name: 'checkout-web',
            status: 'SyncFailed',
            message: 'spec.selector: field is immutable',
          },
        ],
      },
    });
    expect(signalsOf(app).facts['message:field is immutable']).toBe(
      'the last sync failed: field is immutable on Deployment checkout-web',
    );
  });

  it('keeps one fact per signal: the first, most direct one', () => {
    const app = detail({
      operation: {
        phase: 'Failed',
        message: 'Deployment.apps "a" is invalid: field is immutable',
      },
      conditions: [
        {
          type: 'SyncError',
          message: 'Deployment.apps "b" is invalid: field is immutable',
        },
      ],
    });
    const { signals, facts } = signalsOf(app);
    expect(
      signals.filter(signal => signal === 'message:field is immutable'),
    ).toHaveLength(1);
    expect(facts['message:field is immutable']).toBe(
      'the last sync failed: field is immutable on Deployment a',
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
