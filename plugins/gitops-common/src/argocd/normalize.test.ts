import { chartWithGitValues } from '../__testUtils__/builders';
import { readSharedJson } from '../__testUtils__/sharedArgocd';
import type { RawApplication } from './types';
import { normalizeApplication, normalizeApplicationDetail } from './normalize';
import { revisionMetadataRequests } from './normalizeHistory';

const ROADIE_APP = 'roadie-e2e-fixtures/applications-test-app.json';

describe('normalizeApplication on synthetic documents', () => {
  const FAILED_APP: RawApplication = {
    metadata: {
      name: 'checkout-web',
      namespace: 'team-shop',
      labels: {
        'app.kubernetes.io/environment': 'staging',
        environment: 'prod',
      },
    },
    spec: {
      project: '',
      source: {
        repoURL: 'https://github.com/acme/shop-deploy.git',
        path: 'checkout',
        targetRevision: 'main',
      },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      sync: { status: 'OutOfSync', revision: 'c'.repeat(40) },
      health: {
        status: 'Degraded',
        message: 'Deployment "checkout-web" exceeded its progress deadline',
      },
      conditions: [
        {
          type: 'SyncError',
          message:
            'Failed sync attempt to cccc: one or more objects failed to apply',
          lastTransitionTime: '2024-05-01T10:05:00Z',
        },
        { message: 'a condition without a type is dropped' },
      ],
      operationState: {
        phase: 'Failed',
        message:
          'one or more objects failed to apply, reason: Deployment.apps "checkout-web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"checkout"}}: field is immutable',
        startedAt: '2024-05-01T10:04:00Z',
        finishedAt: '2024-05-01T10:05:00Z',
        retryCount: 3,
        operation: {
          sync: { revision: 'c'.repeat(40) },
          initiatedBy: { automated: true },
        },
        syncResult: {
          resources: [
            {
              group: 'apps',
              kind: 'Deployment',
              namespace: 'checkout',
              name: 'checkout-web',
              status: 'SyncFailed',
              message:
                'Deployment.apps "checkout-web" is invalid: field is immutable',
            },
            {
              group: 'batch',
              kind: 'Job',
              namespace: 'checkout',
              name: 'db-migrate',
              hookType: 'PreSync',
              hookPhase: 'Failed',
              message: 'Job has reached the specified backoff limit',
            },
            {
              kind: 'Service',
              namespace: 'checkout',
              name: 'checkout-web',
              status: 'Synced',
              message: 'service/checkout-web unchanged',
            },
          ],
        },
      },
    },
  };

  it('reads a failed sync: revision from the request, failed resources and hooks, initiator', () => {
    const summary = normalizeApplication(FAILED_APP, {
      instance: 'prod',
      sourceKind: 'argocd-kubernetes',
    });
    expect(summary.sourceKind).toBe('argocd-kubernetes');
    expect(summary.operation).toEqual({
      phase: 'Failed',
      message: FAILED_APP.status?.operationState?.message,
      startedAt: '2024-05-01T10:04:00Z',
      finishedAt: '2024-05-01T10:05:00Z',
      revision: 'c'.repeat(40),
      retryCount: 3,
      initiatedBy: 'automated',
      failedResources: [
        {
          group: 'apps',
          kind: 'Deployment',
          namespace: 'checkout',
          name: 'checkout-web',
          status: 'SyncFailed',
          message:
            'Deployment.apps "checkout-web" is invalid: field is immutable',
        },
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
    });
    expect(summary.conditions).toEqual([
      {
        type: 'SyncError',
        message:
          'Failed sync attempt to cccc: one or more objects failed to apply',
        lastTransitionTime: '2024-05-01T10:05:00Z',
      },
    ]);
    expect(summary.health).toEqual({
      status: 'Degraded',
      message: 'Deployment "checkout-web" exceeded its progress deadline',
    });
    expect(summary.autoSync).toEqual({
      enabled: true,
      prune: true,
      selfHeal: true,
    });
    expect(summary.project).toBe('default');
  });

  it('takes the environment from env, then environment, then app.kubernetes.io/environment', () => {
    expect(
      normalizeApplication(FAILED_APP, { instance: 'x' }).environment,
    ).toBe('prod');
    expect(
      normalizeApplication(
        { metadata: { labels: { env: 'dev', environment: 'prod' } } },
        { instance: 'x' },
      ).environment,
    ).toBe('dev');
    expect(
      normalizeApplication(
        { metadata: { labels: { 'app.kubernetes.io/environment': 'qa' } } },
        { instance: 'x' },
      ).environment,
    ).toBe('qa');
  });

  it('honours automated.enabled: false', () => {
    const app: RawApplication = {
      spec: { syncPolicy: { automated: { enabled: false, prune: true } } },
    };
    expect(normalizeApplication(app, { instance: 'x' }).autoSync).toEqual({
      enabled: false,
      prune: true,
      selfHeal: false,
    });
  });

  it('marks an application being deleted', () => {
    const app: RawApplication = {
      metadata: { name: 'a', deletionTimestamp: '2024-05-01T10:00:00Z' },
    };
    expect(normalizeApplication(app, { instance: 'x' }).deleting).toBe(true);
    expect(
      normalizeApplication({ metadata: { name: 'a' } }, { instance: 'x' }),
    ).not.toHaveProperty('deleting');
  });

  it('treats a requested operation the controller has not started as Running', () => {
    const app: RawApplication = {
      ...FAILED_APP,
      operation: {
        sync: { revision: 'd'.repeat(40) },
        initiatedBy: { username: 'jane' },
      },
    };
    expect(normalizeApplication(app, { instance: 'x' }).operation).toEqual({
      phase: 'Running',
      message: 'waiting to start',
      revision: 'd'.repeat(40),
      initiatedBy: 'jane',
    });
  });

  it('reads multi-source apps and asks metadata only for Git sources, with their index', () => {
    const gitA = 'a'.repeat(40);
    const gitB = 'b'.repeat(40);
    const app: RawApplication = {
      metadata: { name: 'payments', namespace: 'argocd' },
      spec: {
        source: { repoURL: 'https://ignored.example.com/repo.git' },
        sources: chartWithGitValues(),
      },
      status: {
        sync: { status: 'Synced', revisions: ['18.1.0', gitB] },
        history: [
          {
            id: 1,
            revisions: ['18.0.0', gitA],
            deployedAt: '2024-05-01T09:00:00Z',
          },
          {
            id: 2,
            revisions: ['18.1.0', gitB],
            deployedAt: '2024-05-01T10:00:00Z',
          },
        ],
      },
    };
    const lookup = jest.fn((revision: string) => ({
      author: 'Ana',
      message: `commit ${revision.slice(0, 1)}`,
    }));
    const detail = normalizeApplicationDetail(app, {
      instance: 'x',
      revisionMetadata: lookup,
    });
    expect(detail.source).toBeUndefined();
    expect(detail.sources).toEqual([
      {
        repoURL: 'https://charts.bitnami.com/bitnami',
        chart: 'redis',
        targetRevision: '18.1.0',
      },
      {
        repoURL: 'https://github.com/acme/values.git',
        targetRevision: 'main',
        ref: 'values',
      },
    ]);
    expect(detail.sync).toEqual({
      status: 'Synced',
      revisions: ['18.1.0', gitB],
    });
    expect(
      detail.history.map(entry => [
        entry.id,
        entry.revision,
        entry.revisions,
        entry.message,
      ]),
    ).toEqual([
      [2, '18.1.0', ['18.1.0', gitB], 'commit b'],
      [1, '18.0.0', ['18.0.0', gitA], 'commit a'],
    ]);
    expect(lookup.mock.calls).toEqual([
      [gitB, 1],
      [gitA, 1],
    ]);
    expect(revisionMetadataRequests(app)).toEqual([
      { revision: gitB, sourceIndex: 1 },
      { revision: gitA, sourceIndex: 1 },
    ]);
  });

  it('does not let a throwing metadata lookup cost the history', () => {
    const detail = normalizeApplicationDetail(readSharedJson(ROADIE_APP), {
      instance: 'x',
      revisionMetadata: () => {
        throw new Error('boom');
      },
    });
    expect(detail.history.map(entry => entry.id)).toEqual([1, 0]);
    expect(detail.history[0].author).toBeUndefined();
  });

  it.each([
    // eslint-disable-next-line no-script-url -- a hostile input under test
    ['a javascript: UI URL', 'javascript:alert(1)', undefined],
    [
      'a UI URL with trailing slashes',
      'https://cd.example.com//',
      'https://cd.example.com/applications/team-shop/checkout-web',
    ],
  ])('links safely for %s', (_case, uiUrl, expected) => {
    expect(
      normalizeApplication(FAILED_APP, { instance: 'x', uiUrl }).links.argocd,
    ).toBe(expected);
  });

  it('encodes link segments and uses the legacy route without a namespace', () => {
    expect(
      normalizeApplication(
        { metadata: { name: 'a b' } },
        { instance: 'x', uiUrl: 'https://cd.example.com' },
      ).links.argocd,
    ).toBe('https://cd.example.com/applications/a%20b');
  });
});
