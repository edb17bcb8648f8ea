import type {
  ArgoApplication,
  ArgoHistoryEntry,
  ArgoOperationInitiator,
} from '../types';
import { healthAfterDeploying, type AppSimulation } from './simulation';
import {
  headRevisions,
  sameRevisions,
  type Deployment,
} from './targetRevision';

/** Argo CD's default `spec.revisionHistoryLimit`. */
const DEFAULT_HISTORY_LIMIT = 10;

type Status = NonNullable<ArgoApplication['status']>;

export interface DeployTimes {
  startedAt: string;
  finishedAt: string;
  initiatedBy: ArgoOperationInitiator;
}

/** `status.history` with the deployment appended (id: the last one's + 1) and cut to the app's limit. */
function historyWith(
  app: ArgoApplication,
  deployment: Deployment,
  times: DeployTimes,
): ArgoHistoryEntry[] {
  const history = app.status?.history ?? [];
  const last = history[history.length - 1];
  const what = deployment.multiSource
    ? { revisions: deployment.revisions, sources: deployment.sources }
    : { revision: deployment.revisions[0], source: deployment.sources[0] };
  const entry: ArgoHistoryEntry = {
    ...what,
    deployedAt: times.finishedAt,
    id: last ? last.id + 1 : 0,
    deployStartedAt: times.startedAt,
    initiatedBy: times.initiatedBy,
  };
  const limit =
    typeof app.spec.revisionHistoryLimit === 'number'
      ? app.spec.revisionHistoryLimit
      : DEFAULT_HISTORY_LIMIT;
  return [...history, entry].slice(-Math.max(limit, 1));
}

/**
 * `status.resources` once applied: every resource Synced and, if it has a health, Healthy, except the Deployments,
 * which take the deployed revision's health and stay OutOfSync when Git's head is another revision.
 */
function resourcesAfterDeploy(
  resources: Status['resources'],
  synced: boolean,
  health: { status: string; message?: string },
): Status['resources'] {
  return resources?.map(resource => {
    if (resource.kind === 'Deployment') {
      return { ...resource, status: synced ? 'Synced' : 'OutOfSync', health };
    }
    const applied = { ...resource, status: 'Synced' };
    return resource.health
      ? { ...applied, health: { status: 'Healthy' } }
      : applied;
  });
}

/**
 * The status after a successful (non dry-run) sync, as the controller's next comparison reports it: history grown,
 * health from the scenario, and sync status against the target's head. `status.sync.revision` names that head,
 * not the deployed revision, so a rollback to an older commit reads OutOfSync until Git is reverted too.
 */
export function statusAfterDeploy(
  app: ArgoApplication,
  status: Status,
  deployment: Deployment,
  simulation: AppSimulation | undefined,
  times: DeployTimes,
): Status {
  const head = headRevisions(app, simulation);
  const synced = sameRevisions(deployment.revisions, head);
  const health = healthAfterDeploying(simulation, deployment.revisions);
  const { conditions, ...rest } = status;
  // Argo CD clears a SyncError condition once a sync succeeds.
  const kept = Array.isArray(conditions)
    ? conditions.filter(condition => condition?.type !== 'SyncError')
    : [];
  return {
    ...rest,
    resources: resourcesAfterDeploy(status.resources, synced, health),
    sync: {
      ...status.sync,
      status: synced ? 'Synced' : 'OutOfSync',
      ...(deployment.multiSource ? { revisions: head } : { revision: head[0] }),
    },
    health: { status: health.status },
    history: historyWith(app, deployment, times),
    ...(kept.length > 0 ? { conditions: kept } : {}),
  };
}
