import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ApplicationDetail,
  ApplicationSummary,
  GuidanceResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { GitOpsApi } from '../../../api';

export const GOOD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const BAD_SHA = 'ffeeddccbbaa99887766554433221100ffeeddcc';
export const REPO = 'https://github.com/acme/payments-api.git';

export const annotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
    },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

export const plainEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'no-gitops', namespace: 'default' },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

/** A summary with sensible defaults: synced, healthy, last sync succeeded. */
export function summary(
  overrides: Partial<ApplicationSummary> & { name: string },
): ApplicationSummary {
  return {
    instance: 'central',
    sourceKind: 'argocd',
    kind: 'Application',
    namespace: 'argocd',
    project: 'payments',
    sync: { status: 'Synced', revision: GOOD_SHA },
    health: { status: 'Healthy' },
    operation: {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: minutesAgo(6),
      finishedAt: minutesAgo(5),
      initiatedBy: 'automated',
    },
    conditions: [],
    autoSync: { enabled: true, prune: true, selfHeal: true },
    source: {
      repoURL: REPO,
      path: 'deploy/overlays',
      targetRevision: 'main',
    },
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'payments',
    },
    images: ['ghcr.io/acme/payments-api:1.4.2'],
    reconciledAt: minutesAgo(1),
    links: {
      argocd: `https://argocd.example.com/applications/argocd/${overrides.name}`,
    },
    ...overrides,
  };
}

export const devApp = summary({
  name: 'payments-api-dev',
  environment: 'dev',
});

export const stagingApp = summary({
  name: 'payments-api-staging',
  environment: 'staging',
  sync: { status: 'OutOfSync', revision: GOOD_SHA },
  conditions: [
    {
      type: 'SyncError',
      message:
        'Deployment.apps "payments" is invalid: spec.selector: field is immutable',
    },
  ],
  operation: {
    phase: 'Failed',
    message: 'one or more objects failed to apply',
    startedAt: minutesAgo(12),
    finishedAt: minutesAgo(11),
    initiatedBy: 'automated',
  },
});

export const prodApp = summary({
  name: 'payments-api-prod',
  environment: 'prod',
  sync: { status: 'Synced', revision: BAD_SHA },
  health: {
    status: 'Degraded',
    message: 'Deployment "payments" exceeded its progress deadline',
  },
});

/** The detail of an application: history (newest first) and unhealthy resources. */
export function detail(app: ApplicationSummary): ApplicationDetail {
  return {
    ...app,
    history: [
      {
        id: 7,
        revision: BAD_SHA,
        deployedAt: minutesAgo(30),
        initiatedBy: 'automated',
        author: 'Dana Developer <dana@example.com>',
        message: 'Bump payments to 1.5.0\n\nAlso raises the pool size.',
      },
      {
        id: 6,
        revision: GOOD_SHA,
        deployedAt: minutesAgo(600),
        initiatedBy: 'admin',
        author: 'Sam Senior <sam@example.com>',
        message: 'Payments 1.4.2',
      },
    ],
    resources: [
      {
        group: 'apps',
        kind: 'Deployment',
        namespace: 'payments',
        name: 'payments',
        health: 'Degraded',
        sync: 'Synced',
        message: 'Deployment "payments" exceeded its progress deadline',
      },
    ],
    resourceCounts: { Healthy: 11, Degraded: 1 },
  };
}

export const rollbackGuidance: GuidanceResponse = {
  signals: ['health:Degraded'],
  explanations: [
    {
      id: 'runbook-degraded-after-deploy',
      title: 'Degraded after a deploy',
      kind: 'runbook',
      why: 'health is Degraded: Deployment "payments" exceeded its progress deadline',
      score: 12,
    },
    {
      id: 'what-is-self-heal',
      title: 'What does self-heal do?',
      kind: 'question',
      why: 'auto-sync is on with self-heal',
      score: 3,
    },
  ],
  rollback: {
    state: 'recommended',
    reason: 'Degraded since revision ffeeddc; revision a1b2c3d was healthy.',
    knownGood: {
      id: 6,
      revision: GOOD_SHA,
      author: 'Sam Senior <sam@example.com>',
      message: 'Payments 1.4.2',
      origin: 'history',
    },
    suspect: {
      id: 7,
      revision: BAD_SHA,
      author: 'Dana Developer <dana@example.com>',
      message: 'Bump payments to 1.5.0',
      origin: 'history',
    },
    steps: [
      {
        title: 'Revert the suspect commit in Git (preferred)',
        commands: [`git revert ${BAD_SHA}`, 'git push'],
        note: 'Argo CD syncs the revert like any other change.',
      },
      {
        title: 'Fast path: roll back in Argo CD',
        commands: [
          'argocd app set payments-api-prod --sync-policy none',
          'argocd app rollback payments-api-prod 6',
        ],
      },
    ],
    warnings: [
      'Auto-sync is on: Argo CD refuses a rollback until it is disabled.',
      'Database migrations are not rolled back.',
    ],
  },
};

/** Builds the failed-response error the real client throws. */
export async function responseError(
  status: number,
  statusText: string,
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: {
      name: status === 404 ? 'NotFoundError' : 'Error',
      message: statusText,
    },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText,
    url: 'http://localhost/api/gitops',
    type: 'basic',
    redirected: false,
    headers: new Map([['content-type', 'application/json']]),
    text: async () => body,
  } as unknown as Parameters<typeof ResponseError.fromResponse>[0]);
}

/** A GitOpsApi whose every method is a jest mock; the ones not given reject. */
export function fakeGitOpsApi(
  overrides: Partial<GitOpsApi> = {},
): jest.Mocked<GitOpsApi> {
  const method = (name: keyof GitOpsApi) =>
    jest.fn<Promise<unknown>, any[]>(
      (overrides[name] as (...args: any[]) => Promise<unknown>) ??
        (async () => {
          throw new Error(`unexpected call to ${name}`);
        }),
    );
  return {
    getApplications: method('getApplications'),
    getApplication: method('getApplication'),
    getGuidance: method('getGuidance'),
    getApplicationWithGuidance: method('getApplicationWithGuidance'),
    searchKnowledge: method('searchKnowledge'),
    getKnowledgeEntry: method('getKnowledgeEntry'),
    getKnowledgeTopics: method('getKnowledgeTopics'),
    getSkillCheck: method('getSkillCheck'),
    getKnowledgeProblems: method('getKnowledgeProblems'),
    runAction: method('runAction'),
    getFleet: method('getFleet'),
  } as unknown as jest.Mocked<GitOpsApi>;
}
