import { readSharedJson, readSharedYaml } from '../__testUtils__/sharedArgocd';
import type {
  RawApplication,
  RawApplicationTree,
  RawRevisionMetadata,
} from './types';
import { normalizeApplication, normalizeApplicationDetail } from './normalize';
import { revisionMetadataRequests } from './normalizeHistory';

const DIFF_CACHE = 'real-applications/controller_testdata_diff-cache.yaml';
const CHILD_APP =
  'real-applications/controller_testdata_live-child-application.yaml';
const DEGRADED =
  'real-applications/gitops-engine_pkg_health_testdata_application-degraded.yaml';
const HEALTHY =
  'real-applications/gitops-engine_pkg_health_testdata_application-healthy.yaml';
const ROADIE_APP = 'roadie-e2e-fixtures/applications-test-app.json';
const ROADIE_METADATA = 'roadie-e2e-fixtures/deploy-history-data.json';

const VELERO_SHA = 'ea8759964626a583667a2bfd08f334ec2070040a';
const GUESTBOOK_SHA = '53e28ff20cc530b9ada2173fbbd64d48338583ba';

describe('normalizeApplicationDetail on Argo CD controller test data (diff-cache)', () => {
  const app = readSharedYaml(DIFF_CACHE);
  const lookups: Array<[string, number | undefined]> = [];
  const detail = normalizeApplicationDetail(app, {
    instance: 'gke-alpha',
    uiUrl: 'https://argocd.example.com/',
    revisionMetadata: (revision, sourceIndex) => {
      lookups.push([revision, sourceIndex]);
      return {
        author: 'Jane Doe <jane@example.com>',
        message: 'Velero 1.13',
        date: '2024-03-04T21:00:00Z',
      };
    },
  });

  it('reads identity, project, destination and sources', () => {
    expect(detail).toMatchObject({
      instance: 'gke-alpha',
      sourceKind: 'argocd',
      kind: 'Application',
      name: 'velero-test',
      namespace: 'argo-cd',
      project: 'sre',
      destination: { name: 'gke-alpha-01-europe-west1', namespace: 'test-lla' },
      source: {
        repoURL: 'https://github.com/foo/manifests-velero.git',
        path: 'instances/test',
        targetRevision: 'test-lla',
      },
      sourceTypes: ['Plugin'],
      images: ['nginx:latest'],
      reconciledAt: '2024-03-05T07:33:04Z',
    });
    expect(detail.sources).toBeUndefined();
    expect(detail.environment).toBeUndefined();
  });

  it('passes status words through as Argo CD spells them', () => {
    expect(detail.sync).toEqual({ status: 'Synced', revision: 'rev1' });
    expect(detail.health).toEqual({ status: 'Healthy' });
    expect(detail.conditions).toEqual([]);
  });

  it('reads the operation state', () => {
    expect(detail.operation).toEqual({
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: '2024-03-05T07:33:03Z',
      finishedAt: '2024-03-05T07:33:04Z',
      revision: VELERO_SHA,
      initiatedBy: 'foo@example.com',
    });
  });

  it('has no automated sync (syncPolicy has retry and options only)', () => {
    expect(detail.autoSync).toEqual({
      enabled: false,
      prune: false,
      selfHeal: false,
    });
  });

  it('puts history newest first and keeps every entry', () => {
    expect(detail.history.map(entry => entry.id)).toEqual([
      23, 22, 21, 20, 19, 18, 17, 16, 15, 14,
    ]);
    expect(detail.history[0]).toEqual({
      id: 23,
      revision: VELERO_SHA,
      deployedAt: '2024-03-05T07:33:04Z',
      deployStartedAt: '2024-03-05T07:33:03Z',
      source: {
        repoURL: 'https://github.com/foo/manifests-velero.git',
        path: 'instances/test',
        targetRevision: 'test-lla',
      },
      author: 'Jane Doe <jane@example.com>',
      message: 'Velero 1.13',
      date: '2024-03-04T21:00:00Z',
    });
    expect(detail.history[9].deployedAt).toBe('2024-03-04T22:00:06Z');
    expect(detail.historyLimit).toBe(10);
  });

  it('asks for commit metadata of the Git revision without a source index', () => {
    expect(
      new Set(lookups.map(([revision, index]) => `${revision}:${index}`)),
    ).toEqual(new Set([`${VELERO_SHA}:undefined`]));
    expect(revisionMetadataRequests(app)).toEqual([{ revision: VELERO_SHA }]);
  });

  it('counts every resource by health and lists none when all are Synced and Healthy', () => {
    expect(detail.resources).toEqual([]);
    expect(detail.resourceCounts).toEqual({ Healthy: 2 });
  });

  it('links to the Argo CD UI with the app namespace', () => {
    expect(detail.links).toEqual({
      argocd: 'https://argocd.example.com/applications/argo-cd/velero-test',
    });
  });
});

describe('normalizeApplicationDetail on an app-of-apps child with a Helm chart (live-child-application)', () => {
  const app = readSharedYaml(CHILD_APP);
  const lookup = jest.fn();
  const detail = normalizeApplicationDetail(app, {
    instance: 'home',
    uiUrl: 'https://argocd.example.com',
    revisionMetadata: lookup,
  });

  it('reads the chart source and the automated policy', () => {
    expect(detail.source).toEqual({
      repoURL: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-workflows',
      targetRevision: '0.45.27',
    });
    expect(detail.autoSync).toEqual({
      enabled: true,
      prune: true,
      selfHeal: false,
    });
    expect(detail.project).toBe('default');
    expect(detail.historyLimit).toBe(1);
  });

  it('reports Unknown for a document without status, and no operation', () => {
    expect(detail.sync).toEqual({ status: 'Unknown' });
    expect(detail.health).toEqual({ status: 'Unknown' });
    expect(detail.operation).toBeNull();
    expect(detail.history).toEqual([]);
    expect(detail.resourceCounts).toEqual({});
    expect(detail.links.argocd).toBe(
      'https://argocd.example.com/applications/argocd/argo-workflows',
    );
    expect(lookup).not.toHaveBeenCalled();
  });
});

describe('normalizeApplication on gitops-engine health test data', () => {
  it.each([
    [DEGRADED, 'Degraded'],
    [HEALTHY, 'Healthy'],
  ])('%s → %s with Unknown for everything missing', (file, health) => {
    const summary = normalizeApplication(readSharedYaml(file), {
      instance: 'x',
    });
    expect(summary).toEqual({
      instance: 'x',
      sourceKind: 'argocd',
      kind: 'Application',
      name: '',
      namespace: '',
      sync: { status: 'Unknown' },
      health: { status: health },
      operation: null,
      conditions: [],
      autoSync: { enabled: false, prune: false, selfHeal: false },
      destination: {},
      images: [],
      links: {},
    });
  });
});

describe('normalizeApplicationDetail on a recorded API response (Roadie e2e fixture)', () => {
  const app = readSharedJson(ROADIE_APP);
  const metadata = readSharedJson<RawRevisionMetadata>(ROADIE_METADATA);
  const detail = normalizeApplicationDetail(app, {
    instance: 'main',
    uiUrl: 'https://argocd.example.com',
    revisionMetadata: revision =>
      revision === GUESTBOOK_SHA ? metadata : undefined,
  });

  it('reads the summary fields', () => {
    expect(detail).toMatchObject({
      name: 'test-app',
      namespace: 'argocd',
      project: 'default',
      sync: { status: 'Synced', revision: GUESTBOOK_SHA },
      health: { status: 'Healthy' },
      source: {
        repoURL: 'https://github.com/argoproj/argocd-example-apps.git',
        path: 'guestbook',
        targetRevision: 'HEAD',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'default',
      },
      images: ['gcr.io/heptio-images/ks-guestbook-demo:0.2'],
      sourceTypes: ['Directory'],
      links: {
        argocd: 'https://argocd.example.com/applications/argocd/test-app',
      },
    });
    expect(detail.operation).toMatchObject({
      phase: 'Succeeded',
      initiatedBy: 'iain',
      revision: GUESTBOOK_SHA,
    });
  });

  it('orders history newest first, keeps id 0 and joins the commit metadata', () => {
    expect(detail.history).toEqual([
      expect.objectContaining({
        id: 1,
        revision: GUESTBOOK_SHA,
        deployedAt: '2021-08-11T11:38:52Z',
        author: 'test-user',
        message: 'Update README.md',
        date: '2023-03-20T18:44:10Z',
      }),
      expect.objectContaining({
        id: 0,
        deployedAt: '2021-03-04T17:39:07Z',
        author: 'test-user',
      }),
    ]);
  });

  it('merges the resource tree: live health wins, children count, unhealthy ones are listed worst first', () => {
    const tree: RawApplicationTree = {
      nodes: [
        {
          version: 'v1',
          kind: 'Service',
          namespace: 'default',
          name: 'guestbook-ui',
          health: { status: 'Healthy' },
        },
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: 'default',
          name: 'guestbook-ui',
          health: {
            status: 'Progressing',
            message:
              'Waiting for rollout to finish: 0 of 1 updated replicas are available...',
          },
        },
        {
          group: 'apps',
          kind: 'ReplicaSet',
          namespace: 'default',
          name: 'guestbook-ui-85985d774c',
          health: { status: 'Progressing' },
        },
        {
          kind: 'Pod',
          namespace: 'default',
          name: 'guestbook-ui-85985d774c-2h7xq',
          health: {
            status: 'Degraded',
            message:
              'Back-off pulling image "gcr.io/heptio-images/ks-guestbook-demo:0.3"',
          },
        },
        { kind: 'Endpoints', namespace: 'default', name: 'guestbook-ui' },
      ],
    };
    const withTree = normalizeApplicationDetail(app, {
      instance: 'main',
      tree,
    });
    expect(withTree.resources).toEqual([
      {
        kind: 'Pod',
        namespace: 'default',
        name: 'guestbook-ui-85985d774c-2h7xq',
        health: 'Degraded',
        message:
          'Back-off pulling image "gcr.io/heptio-images/ks-guestbook-demo:0.3"',
      },
      {
        group: 'apps',
        kind: 'Deployment',
        namespace: 'default',
        name: 'guestbook-ui',
        health: 'Progressing',
        sync: 'Synced',
        message:
          'Waiting for rollout to finish: 0 of 1 updated replicas are available...',
      },
      {
        group: 'apps',
        kind: 'ReplicaSet',
        namespace: 'default',
        name: 'guestbook-ui-85985d774c',
        health: 'Progressing',
      },
    ]);
    expect(withTree.resourceCounts).toEqual({
      Healthy: 1,
      Progressing: 2,
      Degraded: 1,
    });
  });
});

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
        sources: [
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
        ],
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

describe('normalizing malformed documents never throws', () => {
  const malformed: unknown[] = [
    null,
    undefined,
    42,
    'application',
    [],
    {},
    { metadata: 'x', spec: [], status: 7 },
    {
      metadata: { name: 5, labels: { env: 3 } },
      spec: {
        source: 'git',
        sources: 'many',
        syncPolicy: { automated: 'yes' },
        revisionHistoryLimit: 'ten',
      },
      status: {
        sync: 'Synced',
        health: { status: 'Sick' },
        history: { id: 1 },
        conditions: [null, 'x', { type: 7 }],
        operationState: { phase: 'Exploded', syncResult: 'x' },
        resources: [
          null,
          1,
          { kind: 'Deployment' },
          {
            kind: 'Pod',
            name: 'p',
            health: { status: 'Weird' },
            status: 'Odd',
          },
        ],
        summary: { images: [1, 'nginx', null] },
      },
    },
    {
      status: {
        history: [null, { id: '7', revision: 3 }, { revisions: 'x' }],
        operationState: { phase: 'Failed', operation: null },
      },
    },
  ];

  it.each(malformed.map(doc => [JSON.stringify(doc) ?? String(doc), doc]))(
    '%s',
    (_label, doc) => {
      const detail = normalizeApplicationDetail(doc as RawApplication, {
        instance: 'x',
      });
      expect(detail.sync.status).toMatch(/^(Synced|OutOfSync|Unknown)$/);
      expect(detail.health.status).toMatch(
        /^(Healthy|Progressing|Degraded|Suspended|Missing|Unknown)$/,
      );
      expect(Array.isArray(detail.history)).toBe(true);
      expect(Array.isArray(detail.resources)).toBe(true);
    },
  );

  it('turns unknown words into Unknown and skips junk entries', () => {
    const detail = normalizeApplicationDetail(malformed[7] as RawApplication, {
      instance: 'x',
    });
    expect(detail.sync.status).toBe('Unknown');
    expect(detail.health.status).toBe('Unknown');
    expect(detail.operation).toBeNull();
    expect(detail.conditions).toEqual([]);
    // `automated: 'yes'` is not an object, so it does not count as a policy.
    expect(detail.autoSync).toEqual({
      enabled: false,
      prune: false,
      selfHeal: false,
    });
    expect(detail.images).toEqual(['nginx']);
    expect(detail.history).toEqual([]);
    expect(detail.historyLimit).toBe(10);
    expect(detail.resources).toEqual([
      { kind: 'Pod', name: 'p', health: 'Unknown', sync: 'Unknown' },
    ]);
    expect(detail.resourceCounts).toEqual({ Unknown: 1 });
  });

  it('keeps odd history entries with safe defaults', () => {
    const detail = normalizeApplicationDetail(malformed[8] as RawApplication, {
      instance: 'x',
    });
    expect(detail.history).toEqual([
      { id: 0, revision: '', deployedAt: '' },
      { id: 7, revision: '', deployedAt: '' },
    ]);
    expect(detail.operation).toEqual({ phase: 'Failed' });
  });
});
