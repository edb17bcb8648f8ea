import type { InstanceStore } from '../instanceStore';
import type { OperationSubject } from '../operations/operationRunner';
import type { AppRecord } from '../types';

/** An app of the API simulator as the simulated controller sees it. */
export function appSubject(
  store: InstanceStore,
  record: AppRecord,
): OperationSubject {
  const { namespace, name } = record.application.metadata;
  return {
    key: `${store.name}/${namespace}/${name}`,
    current: () => record.application,
    update: app => {
      store.replace(record, app);
    },
    simulation: record.simulation,
  };
}
