import { CONTROLLER_NAMESPACE, type InstanceStore } from './instanceStore';
import type {
  AppRecord,
  ApplicationStatusChange,
  ArgoApplication,
} from './types';

/*
 * Changes to an instance's apps made from outside the API, as the application controller or `kubectl` would make
 * them: for tests and benchmarks of clients that watch.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalString(value: unknown, field: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value === '')) {
    throw new Error(`${field} must be a non-empty string`);
  }
  return value;
}

/** A status change as the control route receives it, checked. */
export function parseStatusChange(body: unknown): ApplicationStatusChange {
  if (!isRecord(body)) {
    throw new Error('The body must be an object');
  }
  const { appNamespace, health, sync } = body;
  if (health === undefined && sync === undefined) {
    throw new Error('The body needs health, sync or both');
  }
  for (const [field, value] of Object.entries({ health, sync })) {
    if (value !== undefined && !(isRecord(value) && value.status)) {
      throw new Error(`${field} must be an object with a status`);
    }
  }
  const change: ApplicationStatusChange = {
    appNamespace: optionalString(appNamespace, 'appNamespace'),
  };
  if (isRecord(health)) {
    change.health = {
      status: optionalString(health.status, 'health.status')!,
      message: optionalString(health.message, 'health.message'),
    };
  }
  if (isRecord(sync)) {
    change.sync = { status: optionalString(sync.status, 'sync.status')! };
  }
  return change;
}

function findOrThrow(
  store: InstanceStore,
  name: string,
  appNamespace: string | undefined,
): AppRecord {
  const namespace = appNamespace || CONTROLLER_NAMESPACE;
  const record = store.find(namespace, name);
  if (!record) {
    throw new Error(
      `No application ${namespace}/${name} in instance ${store.name}`,
    );
  }
  return record;
}

/** Health replaced, sync status merged into `status.sync`; a MODIFIED event under a new resourceVersion. */
export function setApplicationStatus(
  store: InstanceStore,
  name: string,
  change: ApplicationStatusChange,
): ArgoApplication {
  const record = findOrThrow(store, name, change.appNamespace);
  const app = record.application;
  const health = change.health && {
    status: change.health.status,
    ...(change.health.message !== undefined && {
      message: change.health.message,
    }),
  };
  return store.replace(record, {
    ...app,
    status: {
      ...app.status,
      ...(health && { health }),
      ...(change.sync && {
        sync: { ...app.status?.sync, status: change.sync.status },
      }),
    },
  });
}

/** Adds the app (ADDED) or replaces the one of its name and namespace (MODIFIED), as given. */
export function putApplication(
  store: InstanceStore,
  application: ArgoApplication,
): ArgoApplication {
  if (
    !isRecord(application) ||
    !isRecord(application.metadata) ||
    !application.metadata.name ||
    typeof application.metadata.name !== 'string' ||
    !isRecord(application.spec)
  ) {
    throw new Error(
      'An application needs metadata.name (a string) and a spec object',
    );
  }
  const document: ArgoApplication = {
    ...application,
    metadata: {
      ...application.metadata,
      namespace: application.metadata.namespace || CONTROLLER_NAMESPACE,
    },
  };
  const { name, namespace } = document.metadata;
  const existing = store.find(namespace, name);
  if (existing) {
    return store.put(existing, document);
  }
  // An app created outside the scenarios: never synced, so no resources, and no commits to describe.
  const tree = {};
  return store.add({
    application: document,
    resourceTree: () => tree,
    revisions: new Map(),
  });
}

/** Deletes the app; returns the document its DELETED event carried. */
export function deleteApplication(
  store: InstanceStore,
  name: string,
  appNamespace?: string,
): ArgoApplication {
  return store.delete(findOrThrow(store, name, appNamespace));
}
