import type { InstanceStore } from '../instanceStore';
import type { OperationSubject } from '../operations/operationRunner';
import type { AppRecord } from '../types';

/** The key of an app's pending controller work, e.g. `central/argocd/payments-api-prod`. */
export const operationKey = (
  store: InstanceStore,
  namespace: string,
  name: string,
) => `${store.name}/${namespace}/${name}`;

/** An app of the API simulator as the simulated controller sees it. */
export function appSubject(
  store: InstanceStore,
  record: AppRecord,
): OperationSubject {
  const { namespace, name } = record.application.metadata;
  return {
    key: operationKey(store, namespace, name),
    current: () => record.application,
    update: app => {
      store.replace(record, app);
    },
    simulation: record.simulation,
  };
}
