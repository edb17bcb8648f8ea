import type { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import type {
  ApplicationStatusService,
  WatchStatus,
} from '../services/applications/types';
import type { KnowledgeService } from '../services/knowledge';

type WatchState = WatchStatus['state'];

/** The watches without names: how many are in each state, and the oldest stale time. */
function watchCounts(statuses: WatchStatus[]) {
  const states: Record<WatchState, number> = {
    starting: 0,
    synced: 0,
    reconnecting: 0,
    stopped: 0,
  };
  for (const status of statuses) {
    states[status.state] += 1;
  }
  const staleSince = statuses
    .flatMap(status => status.staleSince ?? [])
    .sort()[0];
  return { ...states, ...(staleSince ? { staleSince } : {}) };
}

/**
 * `GET /health`, unauthenticated: counts only, never file names or
 * reasons. Problems in the organization's knowledge content do not make
 * the plugin unhealthy, nor does a watch that is reconnecting (its
 * answers say so). Instance and cluster names are shown only to callers
 * with Backstage credentials, as the application routes do.
 */
export function createHealthRoutes(options: {
  httpAuth: HttpAuthService;
  applications: ApplicationStatusService;
  knowledge: KnowledgeService;
}) {
  const { httpAuth, applications, knowledge } = options;
  const router = Router();
  router.get('/health', async (req, res) => {
    const [entries, problems, credentials] = await Promise.all([
      knowledge.listEntries(),
      knowledge.getProblems(),
      httpAuth.credentials(req, { allow: ['user', 'service', 'none'] }),
    ]);
    const statuses = applications.watchStatuses?.() ?? [];
    const named = credentials.principal.type !== 'none';
    res.json({
      status: 'ok',
      knowledge: { entries: entries.length, problems: problems.length },
      ...(statuses.length > 0
        ? {
            watches: {
              ...watchCounts(statuses),
              ...(named ? { instances: statuses } : {}),
            },
          }
        : {}),
    });
  });
  return router;
}
