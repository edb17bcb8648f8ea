import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ApplicationSummary,
  ApplicationsResponse,
  sortByAttention,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import { PollCadence, pollCadence } from './pollCadence';
import { usePollIntervalMs, usePolling } from './usePolling';
import {
  PUSH_HEARTBEAT_MS,
  PushedChangeCounts,
  usePushedChanges,
} from './usePushedChanges';

const NO_PUSHED_CHANGES: PushedChangeCounts = {};

/** The applications of an entity and the state of loading them. */
export interface EntityApplications {
  entityRef: CompoundEntityRef;
  /** The last answer, kept while a reload is in flight or after it failed. */
  response: ApplicationsResponse | undefined;
  /** The answer's applications, those that need attention first. */
  applications: ApplicationSummary[];
  loading: boolean;
  /** The error of the last load, if it failed. */
  error: Error | undefined;
  /** Loads again from the backend's cache; a no-op while a load is in flight. */
  retry: () => void;
  /** Loads again, asking the backend to re-read upstream rather than its cache. */
  refresh: () => void;
  /** Undefined when this caller does not poll or polling is turned off. */
  cadence: PollCadence | undefined;
  /**
   * How many changes the backend pushed for each application (by
   * `applicationKey`) the shown answer follows: an open panel re-reads its
   * detail when its count moves.
   */
  pushedChanges: PushedChangeCounts;
}

/**
 * The applications of an entity, those that need attention first, one
 * request per load. With `poll`, the list reloads while the page is
 * visible: faster while a sync or rollout runs (asking the backend for
 * fresh status, which it rate-limits per entity), slower when all is well
 * (see `pollCadence`). When the backend signals that the entity's
 * applications changed, the list reloads at once (see `usePushedChanges`).
 */
export function useEntityApplications(
  entity: Entity,
  options: { poll?: boolean } = {},
): EntityApplications {
  const api = useApi(gitOpsApiRef);
  const configuredIntervalMs = usePollIntervalMs();
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const freshNext = useRef(false);
  const pushed = usePushedChanges(entityRef);
  // Each answer carries the entity it is for: useAsyncRetry keeps the
  // previous value while the next load runs, even for another entity.
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const refresh = freshNext.current;
    freshNext.current = false;
    const pushedChanges = pushed.startRead();
    return {
      entityRef,
      response: await (refresh
        ? api.getApplications(entityRef, { refresh })
        : api.getApplications(entityRef)),
      pushedChanges,
    };
  }, [api, entityRef]);

  // A pushed change waits for the read in flight, which may have started
  // before it, then reads again: the backend's store is live, so a plain read.
  useEffect(() => {
    if (pushed.due && !loading) retry();
  }, [pushed.due, loading, retry]);

  // useAsyncRetry forgets the value when a reload fails; one failed poll
  // must not blank the page, so the last answer stays next to the error.
  const [kept, setKept] = useState(value);
  if (value && value !== kept) {
    setKept(value);
  }
  const current = kept?.entityRef === entityRef ? kept : undefined;
  const response = current?.response;

  const applications = useMemo(
    () => sortByAttention(response?.applications ?? []),
    [response],
  );
  const cadence = options.poll
    ? pollCadence(applications, configuredIntervalMs)
    : undefined;

  const refresh = useCallback(() => {
    freshNext.current = true;
    retry();
  }, [retry]);
  const active = cadence?.pace === 'active';
  usePolling(active ? refresh : retry, cadence?.intervalMs);
  // Pushes only reach recent viewers: a page that reads less often than the
  // heartbeat (the card never polls) reads that often while signals are on.
  const pollsOften =
    cadence?.intervalMs !== undefined &&
    cadence.intervalMs <= PUSH_HEARTBEAT_MS;
  usePolling(retry, pushed.live && !pollsOften ? PUSH_HEARTBEAT_MS : undefined);

  return {
    entityRef,
    response,
    applications,
    loading,
    error,
    retry,
    refresh,
    cadence,
    pushedChanges: current?.pushedChanges ?? NO_PUSHED_CHANGES,
  };
}
