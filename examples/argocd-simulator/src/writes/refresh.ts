import type { InstanceStore } from '../instanceStore';
import { rfc3339 } from '../rfc3339';
import type { AppRecord, ArgoApplication } from '../types';

/**
 * `GET /api/v1/applications/{name}?refresh=normal|hard`: Argo CD asks the controller to compare again and answers
 * once it has, so the app comes back with a fresh `status.reconciledAt`. Argo CD takes any value but `hard` as a
 * normal refresh; a hard one also drops the manifest cache, which changes nothing here.
 */
export function refreshApp(
  store: InstanceStore,
  record: AppRecord,
): ArgoApplication {
  const app = record.application;
  return store.replace(record, {
    ...app,
    status: { ...app.status, reconciledAt: rfc3339() },
  });
}
