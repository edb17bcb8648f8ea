import { readSharedJson, readSharedYaml } from '../__testUtils__/sharedArgocd';
import type { RawApplicationTree, RawRevisionMetadata } from './types';
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
