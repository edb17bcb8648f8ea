import type { ApplicationSummary, HistoryEntry } from '../types';
import type { GitOpsActionRequest } from './types';

/** Why an action cannot run on the application as it stands, and what to do instead. @public */
export interface ActionRefusal {
  /** One sentence naming the application and the state that blocks the action. */
  reason: string;
  /** Where to go from here: usually the rollback guidance or waiting. */
  hint: string;
}

/** What the checks read: the summary, and the history when the caller has the detail. @public */
export type ActionSubject = ApplicationSummary & { history?: HistoryEntry[] };

const SEE_GUIDANCE =
  'The rollback guidance on the GitOps tab shows the way that lasts.';

function isBusy(app: ActionSubject): boolean {
  const phase = app.operation?.phase;
  return phase === 'Running' || phase === 'Terminating';
}

function shortRevision(revision: string): string {
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}

function argoCdRefusal(
  app: ActionSubject,
  request: GitOpsActionRequest,
): ActionRefusal | undefined {
  if (request.action === 'refresh') {
    return undefined; // Argo CD refreshes whatever state the application is in.
  }
  if (isBusy(app)) {
    return {
      reason: `Another operation is ${
        app.operation?.phase === 'Terminating' ? 'ending' : 'running'
      } on '${app.name}'${
        app.operation?.initiatedBy
          ? ` (started by ${app.operation.initiatedBy})`
          : ''
      }, and Argo CD runs one at a time.`,
      hint: 'Wait for it to finish, or terminate it in Argo CD, then try again.',
    };
  }
  if (request.action === 'rollback') {
    if (app.autoSync.enabled) {
      return {
        reason: `'${app.name}' has auto-sync on: Argo CD refuses a rollback, because the controller would sync straight back to what Git says.`,
        hint: `Revert the change in Git, or turn auto-sync off first. ${SEE_GUIDANCE}`,
      };
    }
    if (app.history && !app.history.some(entry => entry.id === request.id)) {
      const kept = app.history.map(entry => `#${entry.id}`).join(', ');
      return {
        reason: `The history of '${app.name}' has no entry #${request.id}${
          kept ? ` (it holds ${kept})` : ' (it is empty)'
        }.`,
        hint: `Pick an entry from the history table. ${SEE_GUIDANCE}`,
      };
    }
  }
  if (
    request.action === 'sync' &&
    request.revision &&
    !request.dryRun &&
    app.autoSync.enabled &&
    request.revision !== (app.source?.targetRevision || 'HEAD')
  ) {
    return {
      reason: `'${app.name}' has auto-sync on and follows '${
        app.source?.targetRevision || 'HEAD'
      }': Argo CD refuses to sync it to ${shortRevision(
        request.revision,
      )}, as the controller would move it back.`,
      hint: `Sync without a revision, change the target revision in Git, or turn auto-sync off first. ${SEE_GUIDANCE}`,
    };
  }
  return undefined;
}

function fluxRefusal(
  app: ActionSubject,
  request: GitOpsActionRequest,
): ActionRefusal | undefined {
  const what = `${app.kind} '${app.name}'`;
  if (request.action === 'reconcile' && app.suspended) {
    return {
      reason: `${what} is suspended: Flux does not reconcile it until it is resumed.`,
      hint: 'Resume it first; it is reconciled as soon as it resumes.',
    };
  }
  if (request.action === 'suspend' && app.suspended) {
    return {
      reason: `${what} is already suspended.`,
      hint: 'Resume it to let Flux apply Git again.',
    };
  }
  if (request.action === 'resume' && !app.suspended) {
    return {
      reason: `${what} is not suspended: Flux already reconciles it.`,
      hint: 'Use Reconcile to make Flux apply Git now.',
    };
  }
  return undefined;
}

/**
 * Why the upstream would refuse this action on the application as it is
 * now, checked before anything is sent: the same rules Argo CD's API server
 * and the Flux CLI apply (no rollback with auto-sync on, one operation at a
 * time, nothing on an application being deleted, no reconcile of a
 * suspended object). Undefined when the action may go ahead. Whether the
 * action fits the kind of application (Argo CD or Flux) is the caller's
 * check.
 * @public
 */
export function actionRefusal(
  app: ActionSubject,
  request: GitOpsActionRequest,
): ActionRefusal | undefined {
  if (app.deleting && request.action !== 'refresh') {
    return {
      reason: `'${app.name}' is being deleted, so no operation can start on it.`,
      hint: 'Wait for the deletion to finish, or ask whoever deleted it.',
    };
  }
  return app.sourceKind === 'flux'
    ? fluxRefusal(app, request)
    : argoCdRefusal(app, request);
}
