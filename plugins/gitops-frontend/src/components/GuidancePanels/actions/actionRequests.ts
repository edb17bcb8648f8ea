import {
  ApplicationDetail,
  GitOpsActionName,
  GitOpsActionRequest,
  RollbackPlan,
  RollbackRevision,
  actionsForSource,
  shortRevision,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ACTION_TEXT } from './actionText';

/**
 * The revision a rollback goes back to: the plan's known-good revision when
 * it is a history entry. A failed sync never enters history, so Argo CD
 * cannot roll back to it.
 */
export function rollbackTarget(
  plan: RollbackPlan | undefined,
): RollbackRevision | undefined {
  const good = plan?.knownGood;
  return good && good.origin !== 'operation' && good.id >= 0 ? good : undefined;
}

/** A rollback target as people name it: its history id and short revision, "#44 (dadcc6b)". */
export function targetText(target: RollbackRevision): string {
  return `#${target.id} (${shortRevision(target.revision)})`;
}

/** The button's text: "Roll back to #44 (dadcc6b)" names the target. */
export function actionLabel(
  action: GitOpsActionName,
  target: RollbackRevision | undefined,
): string {
  if (action === 'rollback' && target) {
    return `${ACTION_TEXT.rollback.label} to ${targetText(target)}`;
  }
  return ACTION_TEXT[action].label;
}

/**
 * The buttons to show, in the order the UI shows them: those the backend
 * accepts for the application (`detail.actions`) that fit its kind, with
 * Suspend or Resume, whichever applies.
 */
export function offeredActions(detail: ApplicationDetail): GitOpsActionName[] {
  const accepted = detail.actions ?? [];
  return actionsForSource(detail).filter(
    action =>
      accepted.includes(action) &&
      !(action === 'suspend' && detail.suspended) &&
      !(action === 'resume' && !detail.suspended),
  );
}

/**
 * The request a button starts from, with every option off; undefined for
 * a rollback without a target.
 */
export function defaultRequest(
  action: GitOpsActionName,
  target: RollbackRevision | undefined,
): GitOpsActionRequest | undefined {
  switch (action) {
    case 'refresh':
      return { action, hard: false };
    case 'sync':
      return { action, prune: false, dryRun: false };
    case 'rollback':
      return target
        ? { action, id: target.id, prune: false, dryRun: false }
        : undefined;
    case 'reconcile':
      return { action, withSource: false };
    default:
      return { action };
  }
}

/** Argo CD answers a dry run for these; the others change state or nothing at all. */
export function supportsDryRun(action: GitOpsActionName): boolean {
  return action === 'sync' || action === 'rollback';
}
