import { detail, sha } from '../__testUtils__/builders';
import type { ApplicationDetail } from '../types';
import { MESSAGE_PATTERNS } from './messagePatterns';
import { signalsOf } from './signalsOf';

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
    [
      // gitops-engine's running-phase message: `<group>/<kind>/<name>`.
      'waiting for',
      detail({
        health: { status: 'Progressing' },
        operation: {
          phase: 'Running',
          message:
            'waiting for healthy state of apps/Deployment/checkout-web and 2 more resources',
          revision: sha('c'),
        },
      }),
      'the running sync reports: waiting for healthy state of Deployment checkout-web',
    ],
    [
      // helm-controller marks a HelmRelease Stalled with reason RetriesExceeded
      // and "Failed to <action> after <n> attempt(s)" once remediation is used up.
      'exceeded maximum retries',
      detail({
        sourceKind: 'flux',
        kind: 'HelmRelease',
        name: 'podinfo',
        namespace: 'apps',
        health: { status: 'Degraded' },
        operation: undefined,
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'UpgradeFailed',
            message:
              'Upgrade of release apps/podinfo with chart podinfo@6.5.4 failed: context canceled',
          },
          {
            type: 'Stalled',
            status: 'True',
            reason: 'RetriesExceeded',
            message: 'Failed to upgrade after 4 attempt(s)',
          },
        ],
      }),
      'condition Stalled: exceeded maximum retries: upgrade failed 4 times',
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

  it('names the hook a running sync waits for, and a core-group object by kind', () => {
    const running = (message: string) =>
      signalsOf(detail({ operation: { phase: 'Running', message } })).facts[
        'message:waiting for'
      ];
    expect(running('waiting for completion of hook batch/Job/db-migrate')).toBe(
      'the running sync reports: waiting for completion of hook Job db-migrate',
    );
    expect(
      running(
        'waiting for completion of hook /ServiceAccount/certgen and 2 more hooks',
      ),
    ).toBe(
      'the running sync reports: waiting for completion of hook ServiceAccount certgen',
    );
    // kustomize-controller's health check timeout is not an Argo CD wave wait.
    expect(
      signalsOf(
        detail({
          conditions: [
            {
              type: 'Ready',
              message:
                "health check failed after 2m0s: timeout waiting for: [Deployment/checkout/web status: 'InProgress']",
            },
          ],
        }),
      ).signals,
    ).not.toContain('message:waiting for');
  });

  it('reads helm-controller retry exhaustion, and leaves a retried failure alone', () => {
    const helmRelease = (message: string) =>
      signalsOf(
        detail({
          sourceKind: 'flux',
          kind: 'HelmRelease',
          operation: undefined,
          conditions: [{ type: 'Ready', status: 'False', message }],
        }),
      ).signals;
    expect(
      // helm-controller's ErrExceededMaxRetries, wrapped as the reconcile error.
      helmRelease('exceeded maximum retries: cannot upgrade release'),
    ).toContain('message:exceeded maximum retries');
    expect(helmRelease('Failed to install after 1 attempt(s)')).toContain(
      'message:exceeded maximum retries',
    );
    expect(
      helmRelease(
        'Upgrade of release apps/podinfo with chart podinfo@6.5.4 failed: context canceled',
      ),
    ).not.toContain('message:exceeded maximum retries');
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
