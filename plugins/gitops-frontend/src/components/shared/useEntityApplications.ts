import { useMemo, useState } from 'react';
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
} from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import { sortByEnvironment } from './applications';
import { usePollIntervalMs, usePolling } from './usePolling';

/** The applications of an entity and the state of loading them. */
export interface EntityApplications {
  entityRef: CompoundEntityRef;
  /** The last answer, kept while a reload is in flight or after it failed. */
  response: ApplicationsResponse | undefined;
  /** The answer's applications, dev → staging → prod. */
  applications: ApplicationSummary[];
  loading: boolean;
  /** The error of the last load, if it failed. */
  error: Error | undefined;
  /** Loads again; a no-op while a load is in flight. */
  retry: () => void;
  /** Undefined when this caller does not poll or polling is turned off. */
  pollIntervalMs: number | undefined;
}

/**
 * The applications of an entity, dev → staging → prod, one request per load.
 * With `poll`, the list reloads every `gitops.frontend.pollIntervalSeconds`
 * while the page is visible.
 */
export function useEntityApplications(
  entity: Entity,
  options: { poll?: boolean } = {},
): EntityApplications {
  const api = useApi(gitOpsApiRef);
  const configuredIntervalMs = usePollIntervalMs();
  const pollIntervalMs = options.poll ? configuredIntervalMs : undefined;
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  // Each answer carries the entity it is for: useAsyncRetry keeps the
  // previous value while the next load runs, even for another entity.
  const { value, loading, error, retry } = useAsyncRetry(
    async () => ({ entityRef, response: await api.getApplications(entityRef) }),
    [api, entityRef],
  );
  usePolling(retry, pollIntervalMs);

  // useAsyncRetry forgets the value when a reload fails; one failed poll
  // must not blank the page, so the last answer stays next to the error.
  const [kept, setKept] = useState(value);
  if (value && value !== kept) {
    setKept(value);
  }
  const response = kept?.entityRef === entityRef ? kept.response : undefined;

  const applications = useMemo(
    () => sortByEnvironment(response?.applications ?? []),
    [response],
  );

  return {
    entityRef,
    response,
    applications,
    loading,
    error,
    retry,
    pollIntervalMs,
  };
}
