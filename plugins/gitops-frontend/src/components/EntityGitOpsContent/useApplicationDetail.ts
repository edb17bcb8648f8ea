import { useCallback, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import { applicationRef } from '../shared';

/**
 * The status an application's summary reports. Polling reloads only the
 * list; the detail and guidance of an application (one request) are fetched
 * again when this changes, when Argo CD reconciles, when the backend pushes
 * a change of it, or when the user refreshes.
 */
function statusFingerprint(app: ApplicationSummary): string {
  // Only fields the list and the detail both carry in full; the detail's
  // operation may add `failedResources`, which the list can leave out.
  return JSON.stringify([
    app.sync.status,
    app.sync.revision,
    app.sync.revisions,
    app.health.status,
    app.health.message,
    app.operation?.phase,
    app.operation?.startedAt,
    app.operation?.finishedAt,
    app.conditions.map(c => [c.type, c.message]),
    app.autoSync,
  ]);
}

/**
 * Loads the detail and guidance of one application of the polled list, and
 * picks the summary to show from the detail or the list. `reload` reads it
 * again from upstream (`refresh: true`), as following an action does.
 */
export function useApplicationDetail(
  entityRef: CompoundEntityRef,
  app: ApplicationSummary,
  /** Increments on every explicit refresh. */
  refreshCount: number,
  /**
   * Increments with every change the backend pushed for it, together with
   * the list that follows the change: one plain read (its store is live)
   * even when the summary changed too.
   */
  pushedChanges: number,
) {
  const api = useApi(gitOpsApiRef);
  const { instance, name, namespace, kind } = app;
  const reloadKey = `${refreshCount}:${pushedChanges}:${
    app.reconciledAt
  }:${statusFingerprint(app)}`;
  const [reloads, setReloads] = useState(0);
  // A load caused by the Refresh button or by `reload` asks the backend for
  // fresh status.
  const freshFor = useRef({ refreshCount, reloads });
  const detail = useAsync(() => {
    const ref = applicationRef({ instance, name, namespace, kind });
    const last = freshFor.current;
    if (last.refreshCount === refreshCount && last.reloads === reloads) {
      return api.getApplicationWithGuidance(entityRef, ref);
    }
    freshFor.current = { refreshCount, reloads };
    return api.getApplicationWithGuidance(entityRef, ref, { refresh: true });
  }, [api, entityRef, instance, name, namespace, kind, reloadKey, reloads]);
  const reload = useCallback(() => setReloads(count => count + 1), []);
  // While a reload is in flight the previous detail stays on screen.
  const shown = detail.value;
  // The list is polled more often than the detail is reloaded: the summary
  // comes from the detail only while both agree, otherwise from the list.
  const current =
    shown && statusFingerprint(shown) === statusFingerprint(app) ? shown : app;
  return { detail, shown, current, reload };
}
