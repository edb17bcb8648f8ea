import { environmentRank } from './environment';
import { shortRevision } from './links';
import { isOperationFailed, isOperationInProgress } from './status';
import type { ApplicationSummary, RollbackPlan } from './types';

/**
 * How much an application needs someone, most urgent first: its last sync
 * failed; it is Degraded or Missing; it differs from Git (and no sync is
 * running); a rollout or sync is running; it is suspended; its status is
 * unknown; all is well.
 * @public
 */
export type AttentionLevel =
  | 'failed'
  | 'degraded'
  | 'out-of-sync'
  | 'progressing'
  | 'suspended'
  | 'unknown'
  | 'healthy';

/** Every {@link AttentionLevel}, most urgent first. @public */
export const ATTENTION_LEVELS: readonly AttentionLevel[] = [
  'failed',
  'degraded',
  'out-of-sync',
  'progressing',
  'suspended',
  'unknown',
  'healthy',
];

/** The status fields {@link attentionOf} reads. @public */
export type AttentionStatusFields = Pick<
  ApplicationSummary,
  'sync' | 'health' | 'operation' | 'suspended'
>;

/** The {@link AttentionLevel} an application's live status puts it at. @public */
export function attentionOf(app: AttentionStatusFields): AttentionLevel {
  const health = app.health.status;
  if (isOperationFailed(app.operation?.phase)) return 'failed';
  if (health === 'Degraded' || health === 'Missing') return 'degraded';
  // A running sync is already dealing with a drift.
  if (isOperationInProgress(app.operation?.phase)) return 'progressing';
  if (app.sync.status === 'OutOfSync') return 'out-of-sync';
  if (health === 'Progressing') return 'progressing';
  if (health === 'Suspended' || app.suspended) return 'suspended';
  if (health === 'Unknown' || app.sync.status === 'Unknown') return 'unknown';
  return 'healthy';
}

/** True when someone should look at the application now. @public */
export function needsAttention(app: AttentionStatusFields): boolean {
  return attentionOf(app) !== 'healthy';
}

/** Prod first, then staging, test, dev; unknown environments last. */
function environmentOrder(app: ApplicationSummary): number {
  const rank = environmentRank(app);
  return rank === undefined ? Number.MAX_SAFE_INTEGER : -rank;
}

/**
 * Applications ordered by what needs attention ({@link ATTENTION_LEVELS}),
 * then by environment (prod first), then by name and instance.
 * @public
 */
export function sortByAttention<T extends ApplicationSummary>(apps: T[]): T[] {
  const level = (app: T) => ATTENTION_LEVELS.indexOf(attentionOf(app));
  return [...apps].sort(
    (a, b) =>
      level(a) - level(b) ||
      environmentOrder(a) - environmentOrder(b) ||
      a.name.localeCompare(b.name) ||
      a.instance.localeCompare(b.instance),
  );
}

function revisionLabel(value: {
  revision?: string;
  revisions?: string[];
}): string {
  const revisions = value.revisions?.length
    ? value.revisions
    : [value.revision];
  return revisions.map(shortRevision).filter(Boolean).join(' + ');
}

/** The revision a failed or running sync was for (never the synced one); else the synced one. */
function revisionOf(app: AttentionStatusFields, level: AttentionLevel): string {
  const operation = app.operation;
  const aboutOperation =
    level === 'failed' ||
    (level === 'progressing' && isOperationInProgress(operation?.phase));
  if (aboutOperation) {
    return operation ? revisionLabel(operation) : '';
  }
  return revisionLabel(app.sync);
}

function rollbackAdvice(plan: RollbackPlan | undefined): string | undefined {
  if (plan?.state !== 'recommended') return undefined;
  const good = plan.knownGood;
  const target = good ? revisionLabel(good) : '';
  return target ? `rollback to ${target} recommended` : 'rollback recommended';
}

function problemOf(app: ApplicationSummary, level: AttentionLevel): string {
  const revision = revisionOf(app, level);
  const at = revision ? ` ${revision}` : '';
  switch (level) {
    case 'failed':
      return `Last sync${revision ? ` to ${revision}` : ''} failed`;
    case 'degraded':
      return app.health.status === 'Missing'
        ? 'Resources missing from the cluster'
        : `Degraded${revision ? ` after deploy ${revision}` : ''}`;
    case 'out-of-sync':
      return 'Out of sync with Git';
    case 'progressing':
      return isOperationInProgress(app.operation?.phase)
        ? `Sync to${at || ' a new revision'} running`
        : `Rolling out${at || ' a change'}`;
    case 'suspended':
      return app.suspended ? 'Reconciliation suspended' : 'Paused (Suspended)';
    case 'unknown':
      return 'Status unknown';
    default:
      return `Synced and healthy${revision ? ` at ${revision}` : ''}`;
  }
}

function adviceOf(app: ApplicationSummary, level: AttentionLevel): string {
  switch (level) {
    case 'failed':
      return 'read the sync message, fix the cause and sync again';
    case 'degraded':
      return app.health.status === 'Missing'
        ? 'sync to create them'
        : 'check the unhealthy resources';
    case 'out-of-sync':
      return app.autoSync.enabled
        ? 'auto-sync should apply it; check the conditions if it stays'
        : 'sync to apply the change';
    case 'progressing':
      return 'wait for it to finish';
    case 'suspended':
      return 'resume it when ready';
    case 'unknown':
      return 'see the conditions for why it could not be compared';
    default:
      return 'nothing to do';
  }
}

/**
 * One line on what is wrong and what to do ("Degraded after deploy a9a6cab —
 * rollback to dadcc6b recommended"). With the application's rollback plan,
 * a recommended rollback is the advice; without it (the card has only
 * summaries), the advice comes from the status alone.
 * @public
 */
export function attentionLine(
  app: ApplicationSummary,
  rollback?: RollbackPlan,
): string {
  const level = attentionOf(app);
  const advice =
    (level === 'failed' || level === 'degraded'
      ? rollbackAdvice(rollback)
      : undefined) ?? adviceOf(app, level);
  return `${problemOf(app, level)} — ${advice}`;
}
