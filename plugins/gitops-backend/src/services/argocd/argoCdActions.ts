import { InputError } from '@backstage/errors';
import {
  ARGOCD_ACTIONS,
  normalizeApplication,
  normalizeApplicationDetail,
  type ApplicationSummary,
  type ArgoCdActionName,
  type GitOpsActionRequest,
  type GitOpsActionResponse,
  type HistoryEntry,
  type NormalizeContext,
  type RawApplication,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { refusalError } from '../actions/refusalError';
import type { ActionRunOptions } from '../applications/types';
import type { ArgoCdClient, ApplicationLocator } from './ArgoCdClient';

type ArgoCdActionRequest = Extract<
  GitOpsActionRequest,
  { action: ArgoCdActionName }
>;

function isArgoCdAction(
  request: GitOpsActionRequest,
): request is ArgoCdActionRequest {
  return (ARGOCD_ACTIONS as readonly string[]).includes(request.action);
}

/** "#44 (dadcc6b)" */
function describeEntry(entry: HistoryEntry | undefined, id: number): string {
  return entry ? `#${id} (${entry.revision.slice(0, 7)})` : `#${id}`;
}

/** Refuses a Flux action on an Argo CD application with a 400. */
export function assertArgoCdAction(
  request: GitOpsActionRequest,
  name: string,
): asserts request is ArgoCdActionRequest {
  if (!isArgoCdAction(request)) {
    throw new InputError(
      `'${
        request.action
      }' is a Flux action; '${name}' is an Argo CD application (${ARGOCD_ACTIONS.join(
        ', ',
      )})`,
    );
  }
}

/**
 * One action on an Argo CD application through its API server: the
 * application is read fresh (one GET) so the checks Argo CD would apply run
 * on its current state, then the write is sent once. Argo CD records its
 * configured account as the initiator; the auditor records the person.
 */
export async function runArgoCdAction(options: {
  client: ArgoCdClient;
  context: NormalizeContext;
  app: ApplicationSummary;
  request: GitOpsActionRequest;
  run: ActionRunOptions;
}): Promise<GitOpsActionResponse> {
  const { client, context, app, request, run } = options;
  assertArgoCdAction(request, app.name);
  const locator: ApplicationLocator = {
    name: app.name,
    appNamespace: app.namespace || undefined,
    project: app.project,
  };
  const call = { deadline: run.deadline };
  const current = normalizeApplicationDetail(
    await client.getApplication(locator, call),
    context,
  );
  const refused = refusalError(current, request);
  if (refused) {
    throw refused;
  }

  let answer: RawApplication;
  let message: string;
  const dryRun = 'dryRun' in request && request.dryRun === true;
  const prune = 'prune' in request && request.prune === true;
  const pruning = prune ? ', pruning resources no longer in Git' : '';
  switch (request.action) {
    case 'refresh': {
      const kind = request.hard ? 'hard' : 'normal';
      answer = await client.refreshApplication(locator, kind, call);
      message = `Argo CD ${request.hard ? 'hard-refreshed' : 'refreshed'} '${
        app.name
      }': it compared Git with the cluster again`;
      break;
    }
    case 'sync': {
      answer = await client.syncApplication(
        locator,
        { revision: request.revision, prune, dryRun },
        call,
      );
      const to = request.revision ?? current.source?.targetRevision ?? 'HEAD';
      message = dryRun
        ? `Argo CD started a dry run of a sync of '${app.name}' to ${to}; nothing in the cluster changes`
        : `Argo CD started a sync of '${app.name}' to ${to}${pruning}`;
      break;
    }
    case 'rollback': {
      answer = await client.rollbackApplication(
        locator,
        { id: request.id, prune, dryRun },
        call,
      );
      const entry = describeEntry(
        current.history.find(candidate => candidate.id === request.id),
        request.id,
      );
      message = dryRun
        ? `Argo CD started a dry run of a rollback of '${app.name}' to ${entry}; nothing in the cluster changes`
        : `Argo CD started a rollback of '${app.name}' to ${entry}${pruning}`;
      break;
    }
    default:
      throw new InputError(
        `Unknown action '${(request as { action: string }).action}'`,
      );
  }
  const application = normalizeApplication(answer, context);
  const response: GitOpsActionResponse = {
    action: request.action,
    dryRun,
    message,
    application,
  };
  if (request.action !== 'refresh' && application.operation) {
    response.follow = { operation: application.operation };
  }
  return response;
}
