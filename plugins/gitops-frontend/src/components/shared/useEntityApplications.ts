import { useCallback, useMemo, useRef, useState } from 'react';
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
}

/**
 * The applications of an entity, those that need attention first, one
 * request per load. With `poll`, the list reloads while the page is
 * visible: faster while a sync or rollout runs (asking the backend for
 * fresh status, which it rate-limits per entity), slower when all is well
 * (see `pollCadence`).
 */
export function useEntityApplications(
  entity: Entity,
  options: { poll?: boolean } = {},
): EntityApplications {
  const api = useApi(gitOpsApiRef);
  const configuredIntervalMs = usePollIntervalMs();
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const freshNext = useRef(false);
  // Each answer carries the entity it is for: useAsyncRetry keeps the
  // previous value while the next load runs, even for another entity.
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const refresh = freshNext.current;
    freshNext.current = false;
    return {
      entityRef,
      response: await (refresh
        ? api.getApplications(entityRef, { refresh })
        : api.getApplications(entityRef)),
    };
  }, [api, entityRef]);

  // useAsyncRetry forgets the value when a reload fails; one failed poll
  // must not blank the page, so the last answer stays next to the error.
  const [kept, setKept] = useState(value);
  if (value && value !== kept) {
    setKept(value);
  }
  const response = kept?.entityRef === entityRef ? kept.response : undefined;

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

  return {
    entityRef,
    response,
    applications,
    loading,
    error,
    retry,
    refresh,
    cadence,
  };
}
