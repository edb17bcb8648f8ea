/**
 * A scenario's `simulation` block: what the simulated application controller does when the app is synced or rolled
 * back. Everything is optional; without it a sync succeeds, the app ends Healthy, and Git's head is the revision
 * the app already compares against (`status.sync.revision`).
 */
export interface AppSimulation {
  /** The newest commit of a branch or tag target (`main`): what a sync without revision deploys. */
  headRevision?: string;
  /** Health once a revision (commit SHA or chart version) is deployed; default Healthy. */
  healthByRevision?: Record<string, HealthSpec>;
  /** Syncs of these revisions (of every revision, without `revisions`) fail with this message. */
  syncFailure?: SyncFailureSpec;
  /** A deny sync window is active: the API refuses syncs, and a rollback stays Running, blocked. */
  syncWindowBlocks?: boolean;
}

/** `Degraded`, or `{status: Degraded, message: ...}` for the message the Deployment's health carries. */
export type HealthSpec = string | { status: string; message?: string };

export interface SyncFailureSpec {
  /** `status.operationState.message` of the failed operation. */
  message: string;
  revisions?: string[];
  /** `syncResult.resources` of the failed operation (the resource that failed to apply, hooks...). */
  resources?: Array<Record<string, unknown>>;
}

/** The health statuses Argo CD knows (gitops-engine `health.HealthStatusCode`). */
const HEALTH_STATUSES = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];

const KNOWN_KEYS = [
  'headRevision',
  'healthByRevision',
  'syncFailure',
  'syncWindowBlocks',
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkHealth(revision: string, spec: unknown): string | undefined {
  const status = isRecord(spec) ? spec.status : spec;
  if (typeof status !== 'string' || !HEALTH_STATUSES.includes(status)) {
    return `healthByRevision.${revision} must be one of ${HEALTH_STATUSES.join(
      ', ',
    )} or {status, message}`;
  }
  if (isRecord(spec) && spec.message !== undefined) {
    return typeof spec.message === 'string'
      ? undefined
      : `healthByRevision.${revision}.message must be a string`;
  }
  return undefined;
}

function checkFailure(failure: unknown): string | undefined {
  if (!isRecord(failure) || typeof failure.message !== 'string') {
    return 'syncFailure needs a message string';
  }
  if (
    failure.revisions !== undefined &&
    !(
      Array.isArray(failure.revisions) &&
      failure.revisions.every(r => typeof r === 'string')
    )
  ) {
    return 'syncFailure.revisions must be a list of revisions';
  }
  if (
    failure.resources !== undefined &&
    !(Array.isArray(failure.resources) && failure.resources.every(isRecord))
  ) {
    return 'syncFailure.resources must be a list of resource results';
  }
  return undefined;
}

/** The first thing wrong with a `simulation` block, so a typo fails loading instead of being ignored. */
function problemOf(value: Record<string, unknown>): string | undefined {
  const unknownKey = Object.keys(value).find(key => !KNOWN_KEYS.includes(key));
  if (unknownKey) {
    return `unknown key ${unknownKey} (known: ${KNOWN_KEYS.join(', ')})`;
  }
  if (
    value.headRevision !== undefined &&
    typeof value.headRevision !== 'string'
  ) {
    return 'headRevision must be a string';
  }
  if (
    value.syncWindowBlocks !== undefined &&
    typeof value.syncWindowBlocks !== 'boolean'
  ) {
    return 'syncWindowBlocks must be a boolean';
  }
  if (value.healthByRevision !== undefined) {
    if (!isRecord(value.healthByRevision)) {
      return 'healthByRevision must map revisions to health';
    }
    for (const [revision, spec] of Object.entries(value.healthByRevision)) {
      const problem = checkHealth(revision, spec);
      if (problem) {
        return problem;
      }
    }
  }
  return value.syncFailure === undefined
    ? undefined
    : checkFailure(value.syncFailure);
}

/** Checks a scenario's `simulation` block; throws `Error` naming the problem. */
export function parseSimulation(value: unknown): AppSimulation | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isRecord(value)) {
    throw new Error('simulation must be a mapping');
  }
  const problem = problemOf(value);
  if (problem) {
    throw new Error(`simulation: ${problem}`);
  }
  return value as AppSimulation;
}

/** The health a deployed revision ends with: the scenario's table, else Healthy. */
export function healthAfterDeploying(
  simulation: AppSimulation | undefined,
  revisions: string[],
): { status: string; message?: string } {
  for (const revision of revisions) {
    const spec = simulation?.healthByRevision?.[revision];
    if (spec !== undefined) {
      return typeof spec === 'string' ? { status: spec } : spec;
    }
  }
  return { status: 'Healthy' };
}

/** The failure a sync of these revisions runs into, if the scenario says so. */
export function failureOfSyncing(
  simulation: AppSimulation | undefined,
  revisions: string[],
): SyncFailureSpec | undefined {
  const failure = simulation?.syncFailure;
  if (!failure) {
    return undefined;
  }
  return !failure.revisions ||
    failure.revisions.some(r => revisions.includes(r))
    ? failure
    : undefined;
}
