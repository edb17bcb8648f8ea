import { shortRevision } from '../links';
import { isOperationFailed, isOperationInProgress } from '../status';
import type {
  ApplicationDetail,
  HistoryEntry,
  RollbackRevision,
  RollbackState,
} from '../types';

/** The planner's judgement before any step is written. @public */
export interface RollbackAssessment {
  state: RollbackState;
  /** Why the planner reached this state, in one sentence. */
  reason: string;
  suspect: RollbackRevision | null;
  knownGood: RollbackRevision | null;
}

/** What identifies a deploy: the revision, or every source's revision for multi-source apps. */
function revisionKey(entry: {
  revision?: string;
  revisions?: string[];
}): string {
  return entry.revisions && entry.revisions.length > 0
    ? entry.revisions.join('\n')
    : entry.revision ?? '';
}

function label(entry: { revision?: string; revisions?: string[] }): string {
  return entry.revisions && entry.revisions.length > 0
    ? entry.revisions.map(shortRevision).join(' + ')
    : shortRevision(entry.revision);
}

function fromHistory(entry: HistoryEntry): RollbackRevision {
  const revision: RollbackRevision = {
    id: entry.id,
    revision: entry.revision,
    origin: 'history',
  };
  if (entry.revisions) revision.revisions = entry.revisions;
  if (entry.author) revision.author = entry.author;
  if (entry.message) revision.message = entry.message;
  if (entry.deployedAt) revision.deployedAt = entry.deployedAt;
  return revision;
}

function symptomOf(degraded: boolean, failedPhase: string | undefined): string {
  const syncFailed = `the last sync ${
    failedPhase === 'Error' ? 'errored' : 'failed'
  }`;
  if (degraded && failedPhase) {
    return `Health is Degraded and ${syncFailed}`;
  }
  if (degraded) {
    return 'Health is Degraded';
  }
  return `T${syncFailed.slice(1)}`;
}

/**
 * Decides whether a rollback is warranted and between which revisions. This
 * is the one place the rule lives; `planRollback` and the
 * `history:rollback-candidate` signal both use it.
 *
 * - `in-progress`: an operation is Running or Terminating, or nothing has
 *   failed and health is Progressing (a rollout that has not settled yet).
 * - `recommended`: health is Degraded or the last operation Failed/Errored,
 *   after a deploy, and an earlier revision that differs from the suspect
 *   exists in history.
 * - `not-needed`: nothing has failed (including an application that was
 *   never synced: there is nothing to go back to).
 * - `unknown`: something failed but history cannot name a known-good revision,
 *   or Argo CD cannot tell the status.
 *
 * The suspect is the newest history entry, or the failing operation's
 * revision when that sync never reached history (history records successful
 * syncs only). The known-good revision is the newest entry whose revision
 * differs from the suspect's, skipping re-syncs and self-heals of the same
 * revision; multi-source apps compare every source's revision.
 * @public
 */
export function assessRollback(detail: ApplicationDetail): RollbackAssessment {
  const operation = detail.operation;
  const history = Array.isArray(detail.history) ? detail.history : [];

  if (operation && isOperationInProgress(operation.phase)) {
    const target = label(operation);
    return {
      state: 'in-progress',
      reason: `A sync${target ? ` to ${target}` : ''} is ${
        operation.phase
      }; wait for it to finish before deciding on a rollback.`,
      suspect: null,
      knownGood: null,
    };
  }

  const failed = isOperationFailed(operation?.phase);
  const degraded = detail.health.status === 'Degraded';
  if (!failed && !degraded) {
    return assessWithoutFailure(detail, history);
  }
  const symptom = symptomOf(degraded, failed ? operation?.phase : undefined);
  return assessFailure(detail, history, symptom, failed);
}

/** Nothing failed: the state follows sync and health; there is no suspect. */
function assessWithoutFailure(
  detail: ApplicationDetail,
  history: HistoryEntry[],
): RollbackAssessment {
  const { status: sync } = detail.sync;
  const { status: health } = detail.health;
  const judged = (state: RollbackState, reason: string) => ({
    state,
    reason,
    suspect: null,
    knownGood: null,
  });
  if (health === 'Progressing') {
    // A rollout that has not settled yet is neither good nor bad: judging it
    // now would call a deploy fine minutes before its progress deadline.
    const target = label(history[0] ?? detail.sync);
    return judged(
      'in-progress',
      `Health is Progressing${
        target ? ` at ${target}` : ''
      }: the last deploy has not settled yet; wait for it to turn Healthy or Degraded before deciding on a rollback.`,
    );
  }
  if (!detail.operation && history.length === 0) {
    return judged(
      'not-needed',
      `Nothing to roll back: the application has never been synced (sync status is ${sync}, health is ${health}).`,
    );
  }
  if (sync === 'Synced' && health === 'Healthy') {
    return judged(
      'not-needed',
      `The application is Synced and Healthy${
        detail.sync.revision ? ` at ${label(detail.sync)}` : ''
      } and the last sync did not fail.`,
    );
  }
  if (sync === 'Unknown' || health === 'Unknown') {
    return judged(
      'unknown',
      `Sync status is ${sync} and health is ${health}: not enough to judge whether a rollback would help.`,
    );
  }
  return judged(
    'not-needed',
    `Nothing has failed: sync status is ${sync}, health is ${health} and the last sync did not fail.`,
  );
}

/**
 * The failed sync's revision when it never reached history, else the newest
 * history entry; `searchFrom` is where the known-good search starts.
 */
function suspectOf(
  operation: ApplicationDetail['operation'],
  history: HistoryEntry[],
  failed: boolean,
): { suspect: RollbackRevision | null; searchFrom: number } {
  const operationKey = operation ? revisionKey(operation) : '';
  if (
    failed &&
    operation &&
    operationKey !== '' &&
    (history.length === 0 || operationKey !== revisionKey(history[0]))
  ) {
    const suspect: RollbackRevision = {
      id: -1,
      revision: operation.revision ?? operation.revisions?.[0] ?? '',
      origin: 'operation',
    };
    if (operation.revisions) suspect.revisions = operation.revisions;
    return { suspect, searchFrom: 0 };
  }
  return history.length > 0
    ? { suspect: fromHistory(history[0]), searchFrom: 1 }
    : { suspect: null, searchFrom: 0 };
}

/** Something failed: name the suspect and look for a known-good revision before it. */
function assessFailure(
  detail: ApplicationDetail,
  history: HistoryEntry[],
  symptom: string,
  failed: boolean,
): RollbackAssessment {
  const { suspect, searchFrom } = suspectOf(detail.operation, history, failed);
  if (!suspect) {
    return {
      state: 'unknown',
      reason: `${symptom}, but the deploy history is empty: there is no earlier revision to go back to.`,
      suspect: null,
      knownGood: null,
    };
  }

  const suspectKey = revisionKey(suspect);
  const knownGoodEntry = history
    .slice(searchFrom)
    .find(entry => revisionKey(entry) !== suspectKey);
  const limitNote =
    detail.historyLimit !== undefined && history.length >= detail.historyLimit
      ? ` History is at its limit of ${detail.historyLimit} entries, so older revisions are gone.`
      : '';
  const suspectWhere =
    suspect.origin === 'operation'
      ? `the failed sync to ${label(suspect)}`
      : `deploying ${label(suspect)} (history id ${suspect.id})`;

  if (!knownGoodEntry) {
    return {
      state: 'unknown',
      reason:
        history.length <= 1 && suspect.origin === 'history'
          ? `${symptom} after ${suspectWhere}, but it is the only deploy in history: there is no earlier revision to go back to.${limitNote}`
          : `${symptom} after ${suspectWhere}, but no earlier history entry deploys a different revision.${limitNote}`,
      suspect,
      knownGood: null,
    };
  }

  const knownGood = fromHistory(knownGoodEntry);
  return {
    state: 'recommended',
    reason: `${symptom} after ${suspectWhere}; ${label(
      knownGood,
    )} (history id ${knownGood.id}) was deployed before it.`,
    suspect,
    knownGood,
  };
}
