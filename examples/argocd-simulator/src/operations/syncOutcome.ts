import type { ArgoApplication } from '../types';
import { statusAfterDeploy } from './deployedStatus';
import {
  failureOfSyncing,
  type AppSimulation,
  type SyncFailureSpec,
} from './simulation';
import { deploymentOf, type Deployment } from './targetRevision';

/** gitops-engine's closing messages of a sync operation. */
export const SYNCED_MESSAGE = 'successfully synced (all tasks run)';
export const DRY_RUN_MESSAGE = 'successfully synced (dry run)';

type ResourceResult = Record<string, unknown>;

/** What `kubectl apply` printed for a managed resource: `deployment.apps/payments-api configured`. */
function applied(
  resource: Record<string, unknown>,
  dryRun: boolean,
): ResourceResult {
  const group = typeof resource.group === 'string' ? resource.group : '';
  const kind = String(resource.kind ?? '').toLowerCase();
  const verb = resource.kind === 'Deployment' ? 'configured' : 'unchanged';
  return {
    group,
    version: resource.version,
    kind: resource.kind,
    namespace: resource.namespace,
    name: resource.name,
    status: 'Synced',
    message: `${kind}${group ? `.${group}` : ''}/${resource.name} ${verb}${
      dryRun ? ' (dry run)' : ''
    }`,
    hookPhase: 'Running',
    syncPhase: 'Sync',
  };
}

function syncResultOf(
  app: ArgoApplication,
  deployment: Deployment,
  failure: SyncFailureSpec | undefined,
  dryRun: boolean,
) {
  const resources = failure
    ? failure.resources ?? []
    : (app.status?.resources ?? []).map(resource => applied(resource, dryRun));
  return deployment.multiSource
    ? {
        resources,
        revisions: deployment.revisions,
        sources: deployment.sources,
      }
    : {
        resources,
        revision: deployment.revisions[0],
        source: deployment.sources[0],
      };
}

/**
 * The controller finishes the app's operation: Succeeded or Failed (as the scenario's `syncFailure` says), with a
 * sync result, and the top-level `operation` cleared. Only a successful real run changes what is deployed; a dry
 * run reports what it would apply and leaves the rest of the status as it was.
 */
export function withOperationFinished(
  app: ArgoApplication,
  simulation: AppSimulation | undefined,
  finishedAt: string,
): ArgoApplication {
  const { operation: requested, ...rest } = app;
  const operation = requested ?? app.status?.operationState?.operation ?? {};
  const sync = operation.sync ?? {};
  const dryRun = sync.dryRun === true;
  const deployment = deploymentOf(app, sync, simulation);
  const failure = dryRun
    ? undefined
    : failureOfSyncing(simulation, deployment.revisions);
  const startedAt = app.status?.operationState?.startedAt ?? finishedAt;
  let message = SYNCED_MESSAGE;
  if (failure) {
    message = failure.message;
  } else if (dryRun) {
    message = DRY_RUN_MESSAGE;
  }
  const status = {
    ...app.status,
    operationState: {
      operation,
      phase: failure ? 'Failed' : 'Succeeded',
      message,
      syncResult: syncResultOf(app, deployment, failure, dryRun),
      startedAt,
      finishedAt,
    },
    reconciledAt: finishedAt,
  };
  return {
    ...rest,
    status:
      failure || dryRun
        ? status
        : statusAfterDeploy(app, status, deployment, simulation, {
            startedAt,
            finishedAt,
            initiatedBy: operation.initiatedBy ?? {},
          }),
  };
}
