import { normalizeApplication, normalizeApplicationDetail } from './argocd';
import type { RawApplication } from './argocd';
import { normalizeFluxObject, normalizeFluxObjectDetail } from './flux';
import type { FluxSourceLookup } from './flux';
import { A, B, helmRelease, kustomization } from './__testUtils__/fluxBuilders';
import { guidanceFor } from './guidance';
import { planRollback } from './rollback';
import { signalsOf } from './signals';
import type { KnowledgeEntryMeta } from './types';

/**
 * Credentials planted in every URL and message Argo CD and Flux hand us;
 * none may survive normalization or anything derived from it.
 */
const TOKEN = 'ghp_L3akedT0ken';
const PASSWORD = 'hunter2-pw';
const HELM_PASSWORD = 'helm-s3cret';
const OCI_PASSWORD = 'oci-s3cret';
const SECRETS = [TOKEN, PASSWORD, HELM_PASSWORD, OCI_PASSWORD];

const GIT_URL = `https://user:${TOKEN}@github.com/acme/shop-deploy.git`;
const TOKEN_AS_USER_URL = `https://${TOKEN}@github.com/acme/values.git`;
const HELM_URL = `https://helm:${HELM_PASSWORD}@charts.example.com/stable`;
const OCI_URL = `oci://robot:${OCI_PASSWORD}@ghcr.io/acme/charts`;
const SSH_URL = `ssh://git:${PASSWORD}@github.com/acme/infra.git`;
const quoted = (url: string) =>
  `failed to fetch ${url}: authentication required`;

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const SHA_C = 'c'.repeat(40);

const ENTRIES: KnowledgeEntryMeta[] = [
  {
    id: 'auth-failure',
    title: 'Repository authentication fails',
    kind: 'runbook',
    level: 'senior',
    topics: [],
    related: [],
    signals: ['message:authentication required', 'health:Degraded'],
    summary: '',
  },
];

function expectClean(value: unknown) {
  const json = JSON.stringify(value);
  expect(json).not.toMatch(/:\/\/[^"\s/@]*:[^"\s/@]*@/);
  expect(json).not.toContain('user:');
  for (const secret of SECRETS) {
    expect(json).not.toContain(secret);
  }
}

/** Every read of `app` and what is derived from it: summary, detail, plan, signals, guidance. */
function everything(app: RawApplication) {
  const detail = normalizeApplicationDetail(app, {
    instance: 'prod',
    tree: {
      nodes: [
        {
          kind: 'Pod',
          name: 'checkout-web-1',
          namespace: 'checkout',
          health: { status: 'Degraded', message: quoted(GIT_URL) },
        },
      ],
    },
    revisionMetadata: () => ({
      author: 'Jane Doe <jane@example.com>',
      message: `Point at ${GIT_URL}`,
      date: '2024-05-01T10:00:00Z',
    }),
  });
  return {
    summary: normalizeApplication(app, { instance: 'prod' }),
    detail,
    plan: planRollback(detail),
    signals: signalsOf(detail),
    guidance: guidanceFor(detail, ENTRIES),
  };
}

const messages = {
  health: { status: 'Degraded', message: quoted(GIT_URL) },
  conditions: [
    { type: 'ComparisonError', message: quoted(TOKEN_AS_USER_URL) },
    { type: 'SyncError', message: `Get "${HELM_URL}/index.yaml": 401` },
  ],
};

function failedOperation(revision: Record<string, unknown>) {
  return {
    phase: 'Failed',
    message: `rpc error: ${quoted(OCI_URL)}`,
    operation: { sync: revision },
    syncResult: {
      ...revision,
      resources: [
        {
          kind: 'Job',
          name: 'db-migrate',
          hookType: 'PreSync',
          hookPhase: 'Failed',
          message: `git clone ${SSH_URL} failed`,
        },
      ],
    },
  };
}

describe('no credentials leave normalization', () => {
  it('strips a single-source Argo CD application', () => {
    const app: RawApplication = {
      metadata: { name: 'checkout-web', namespace: 'argocd' },
      spec: {
        source: {
          repoURL: GIT_URL,
          path: 'apps/checkout',
          targetRevision: 'main',
        },
        destination: {
          server: `https://admin:${PASSWORD}@k8s.example.com`,
          namespace: 'checkout',
        },
      },
      status: {
        sync: { status: 'Synced', revision: SHA_B },
        ...messages,
        operationState: failedOperation({ revision: SHA_B }),
        resources: [
          {
            kind: 'Deployment',
            name: 'checkout-web',
            status: 'Synced',
            health: { status: 'Degraded', message: quoted(HELM_URL) },
          },
        ],
        history: [
          {
            id: 1,
            revision: SHA_A,
            deployedAt: '2024-05-01T09:00:00Z',
            source: { repoURL: GIT_URL, path: 'apps/checkout' },
          },
          {
            id: 2,
            revision: SHA_B,
            deployedAt: '2024-05-01T10:00:00Z',
            source: { repoURL: GIT_URL, path: 'apps/checkout' },
          },
        ],
      },
    };
    const all = everything(app);
    expectClean(all);

    expect(all.summary.source?.repoURL).toBe(
      'https://github.com/acme/shop-deploy.git',
    );
    expect(all.summary.destination.server).toBe('https://k8s.example.com/');
    expect(all.detail.history[0].source?.repoURL).toBe(
      'https://github.com/acme/shop-deploy.git',
    );
    expect(all.detail.history[0].author).toBe('Jane Doe <jane@example.com>');
    expect(all.summary.operation?.failedResources?.[0].message).toBe(
      'git clone ssh://git@github.com/acme/infra.git failed',
    );
    expect(all.plan.state).toBe('recommended');
    expect(JSON.stringify(all.plan)).toContain(
      'In a clone of https://github.com/acme/shop-deploy.git',
    );
    expect(all.signals.messages?.join('\n')).toContain(
      'failed to fetch https://github.com/acme/shop-deploy.git',
    );
    expect(all.guidance.explanations.map(e => e.id)).toEqual(['auth-failure']);
  });

  it('strips a multi-source application with Helm and OCI chart repositories', () => {
    const sources = [
      { repoURL: HELM_URL, chart: 'redis', targetRevision: '18.1.0' },
      { repoURL: OCI_URL, chart: 'checkout', targetRevision: '1.2.0' },
      { repoURL: TOKEN_AS_USER_URL, targetRevision: 'main', ref: 'values' },
    ];
    const revisions = (sha: string) => ['18.1.0', '1.2.0', sha];
    const app: RawApplication = {
      metadata: { name: 'checkout-web', namespace: 'argocd' },
      spec: { sources },
      status: {
        sync: { status: 'OutOfSync', revisions: revisions(SHA_C) },
        ...messages,
        operationState: failedOperation({ revisions: revisions(SHA_C) }),
        history: [
          {
            id: 1,
            revisions: revisions(SHA_A),
            deployedAt: '2024-05-01T09:00:00Z',
            sources,
          },
          {
            id: 2,
            revisions: revisions(SHA_B),
            deployedAt: '2024-05-01T10:00:00Z',
            sources,
          },
        ],
      },
    };
    const all = everything(app);
    expectClean(all);

    expect(all.summary.sources?.map(source => source.repoURL)).toEqual([
      'https://charts.example.com/stable',
      'oci://ghcr.io/acme/charts',
      'https://github.com/acme/values.git',
    ]);
    expect(all.detail.history[1].sources?.[2].repoURL).toBe(
      'https://github.com/acme/values.git',
    );
    expect(all.plan.state).toBe('recommended');
    expect(JSON.stringify(all.plan)).toContain(
      'in a clone of https://github.com/acme/values.git',
    );
  });

  it('strips a Flux source URL and Flux messages', () => {
    const lookup: FluxSourceLookup = ref =>
      ref.kind === 'GitRepository'
        ? { url: GIT_URL, ref: 'main' }
        : { url: OCI_URL };
    const failed = {
      type: 'Ready',
      status: 'False',
      reason: 'ArtifactFailed',
      message: quoted(GIT_URL),
      lastTransitionTime: '2024-05-01T10:05:00Z',
    };
    const objects = [
      kustomization({
        conditions: [
          failed,
          { type: 'Reconciling', status: 'True', message: quoted(HELM_URL) },
        ],
        lastAppliedRevision: B,
        lastAttemptedRevision: B,
        history: [
          {
            digest: `sha256:${'1'.repeat(64)}`,
            lastReconciled: '2024-05-01T10:00:00Z',
            lastReconciledStatus: 'ReconciliationSucceeded',
            metadata: { revision: B },
          },
          {
            digest: `sha256:${'2'.repeat(64)}`,
            lastReconciled: '2024-05-01T09:00:00Z',
            lastReconciledStatus: 'ReconciliationSucceeded',
            metadata: { revision: A },
          },
        ],
      }),
      helmRelease({
        conditions: [
          { ...failed, message: quoted(OCI_URL) },
          { type: 'Stalled', status: 'True', message: quoted(HELM_URL) },
        ],
      }),
      kustomization(
        { conditions: [{ ...failed, status: 'True' }] },
        { suspend: true },
      ),
    ];
    for (const raw of objects) {
      const summary = normalizeFluxObject(raw, {
        instance: 'prod-eu',
        source: lookup,
      });
      const detail = normalizeFluxObjectDetail(raw, {
        instance: 'prod-eu',
        source: lookup,
      });
      expectClean({
        summary,
        detail,
        plan: planRollback(detail),
        signals: signalsOf(detail),
        guidance: guidanceFor(detail, ENTRIES),
      });
    }

    const detail = normalizeFluxObjectDetail(objects[0], {
      instance: 'prod-eu',
      source: lookup,
    });
    expect(detail.source?.repoURL).toBe(
      'https://github.com/acme/shop-deploy.git',
    );
    expect(detail.health.message).toBe(
      'failed to fetch https://github.com/acme/shop-deploy.git: authentication required',
    );
    expect(JSON.stringify(planRollback(detail))).toContain(
      'In a clone of https://github.com/acme/shop-deploy.git',
    );
  });
});
