import type {
  ApplicationDetail,
  ApplicationSource,
  HistoryEntry,
} from '../types';

/** Full 40-character SHAs that read well in test failures: sha('a') = 'aaaa…'. */
export function sha(char: string): string {
  return char.repeat(40);
}

/** The health of an application whose rollout did not finish. */
export const DEGRADED_HEALTH = {
  status: 'Degraded' as const,
  message: 'Deployment "checkout-web" exceeded its progress deadline',
};

/** A multi-source application's sources: a Helm chart, and the Git repository of its values. */
export function chartWithGitValues(): ApplicationSource[] {
  return [
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
  ];
}

/** A history entry deployed `id` minutes after 10:00. */
export function entry(
  id: number,
  revision: string,
  extra: Partial<HistoryEntry> = {},
): HistoryEntry {
  return {
    id,
    revision,
    deployedAt: `2024-05-01T10:${String(id).padStart(2, '0')}:00Z`,
    ...extra,
  };
}

/** A healthy single-source Argo CD application in `argocd`; history is newest first. */
export function detail(
  overrides: Partial<ApplicationDetail> = {},
): ApplicationDetail {
  return {
    instance: 'prod',
    sourceKind: 'argocd',
    kind: 'Application',
    name: 'checkout-web',
    namespace: 'argocd',
    project: 'shop',
    sync: { status: 'Synced', revision: sha('b') },
    health: { status: 'Healthy' },
    operation: {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      revision: sha('b'),
    },
    conditions: [],
    autoSync: { enabled: false, prune: false, selfHeal: false },
    source: {
      repoURL: 'https://github.com/acme/shop-deploy.git',
      path: 'apps/checkout-web',
      targetRevision: 'main',
    },
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'checkout',
    },
    images: ['ghcr.io/acme/checkout-web:2.8.0'],
    links: {},
    history: [entry(2, sha('b')), entry(1, sha('a'))],
    resources: [],
    resourceCounts: { Healthy: 3 },
    historyLimit: 10,
    ...overrides,
  };
}
