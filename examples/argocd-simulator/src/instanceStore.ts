import { treeFollowingStatus } from './operations/resourceTree';
import type { AppRecord, ArgoApplication, InstanceData } from './types';

/** The namespace Argo CD itself runs in; apps without `appNamespace` are looked up here. */
export const CONTROLLER_NAMESPACE = 'argocd';

/** What a record was loaded with, for a reset and for the resource tree to follow later changes. */
interface Loaded {
  application: ArgoApplication;
  resourceTree: AppRecord['resourceTree'];
}

/** The event types of Kubernetes' watch API, which Argo CD's application watch passes on. */
export type AppChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change of the store: the app's document after it (for DELETED, its last one, under the deletion's version). */
export interface AppChange {
  type: AppChangeType;
  application: ArgoApplication;
}

export type AppChangeListener = (change: AppChange) => void;

const keyOf = (application: ArgoApplication) =>
  `${application.metadata.namespace}/${application.metadata.name}`;

// Argo CD sorts lists by name, then namespace; byte order, as Go's < on strings.
const byteOrder = (a: string, b: string) => Number(a > b) - Number(a < b);
const listOrder = (a: AppRecord, b: AppRecord) =>
  byteOrder(a.application.metadata.name, b.application.metadata.name) ||
  byteOrder(a.application.metadata.namespace, b.application.metadata.namespace);

/**
 * One instance's apps, indexed. Writes replace an app's document as a whole (never edit it in place), bumping its
 * `resourceVersion` like the Kubernetes API server behind Argo CD does, and tell the subscribed listeners (the
 * watch streams) about it. Versions only ever grow, also across {@link InstanceStore.reset}, so a watcher's
 * `resourceVersion` never hides a later change.
 */
export class InstanceStore {
  readonly name: string;
  /** The apps there are now, kept in list order. */
  readonly apps: AppRecord[];
  private readonly byKey = new Map<string, AppRecord>();
  private readonly loaded = new Map<AppRecord, Loaded>();
  private readonly initial: ReadonlySet<AppRecord>;
  /** Documents whose content is what their app was loaded with, so a reset leaves those apps alone. */
  private readonly asLoaded = new WeakSet<ArgoApplication>();
  private readonly listeners = new Set<AppChangeListener>();
  private newestResourceVersion: number;

  constructor(data: InstanceData) {
    this.name = data.name;
    // Sorting once here spares every list request.
    this.apps = [...data.apps].sort(listOrder);
    this.initial = new Set(data.apps);
    let newest = 0;
    for (const record of data.apps) {
      const key = keyOf(record.application);
      if (this.byKey.has(key)) {
        throw new Error(
          `Duplicate application ${key} in instance ${data.name}`,
        );
      }
      this.byKey.set(key, record);
      this.remember(record);
      this.asLoaded.add(record.application);
      newest = Math.max(
        newest,
        Number(record.application.metadata.resourceVersion ?? 0) || 0,
      );
    }
    this.newestResourceVersion = newest;
  }

  /** What `metadata.resourceVersion` of a list says: the newest resourceVersion of the instance. */
  get resourceVersion(): string {
    return String(this.newestResourceVersion);
  }

  find(namespace: string, name: string): AppRecord | undefined {
    return this.byKey.get(`${namespace}/${name}`);
  }

  /** Calls `listener` with every later change; returns the unsubscribe function. */
  subscribe(listener: AppChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** How many listeners are subscribed, so tests can prove a closed stream left none behind. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Stores the next document of an app under a new resourceVersion; its resource tree follows the new status. */
  replace(record: AppRecord, application: ArgoApplication): ArgoApplication {
    const generation = application.metadata.generation;
    const stored = this.put(record, {
      ...application,
      metadata: {
        ...application.metadata,
        // No status subresource on Applications: every change is a new generation.
        ...(typeof generation === 'number'
          ? { generation: generation + 1 }
          : {}),
      },
    });
    const loaded = this.loaded.get(record)!;
    record.resourceTree = treeFollowingStatus(
      loaded.resourceTree,
      loaded.application,
      stored,
    );
    return stored;
  }

  /** Stores a document as given, only under a new resourceVersion (MODIFIED); the resource tree is left alone. */
  put(record: AppRecord, application: ArgoApplication): ArgoApplication {
    const stored = this.versioned(application);
    if (this.asLoaded.has(application)) {
      this.asLoaded.add(stored);
    }
    record.application = stored;
    // An app deleted meanwhile (an operation finishing late) changes nothing anyone can see.
    if (this.isPresent(record)) {
      this.emit('MODIFIED', stored);
    }
    return stored;
  }

  /** A new app (ADDED), in list order under a new resourceVersion; throws when its name is taken. */
  add(record: AppRecord): ArgoApplication {
    const key = keyOf(record.application);
    if (this.byKey.has(key)) {
      throw new Error(`Application ${key} already exists in ${this.name}`);
    }
    record.application = this.versioned(record.application);
    this.insert(record);
    if (!this.loaded.has(record)) {
      this.remember(record);
    }
    this.emit('ADDED', record.application);
    return record.application;
  }

  /** Removes an app (DELETED); the event carries its last document under the deletion's resourceVersion. */
  delete(record: AppRecord): ArgoApplication {
    if (!this.isPresent(record)) {
      throw new Error(
        `Application ${keyOf(record.application)} is not in ${this.name}`,
      );
    }
    this.byKey.delete(keyOf(record.application));
    this.apps.splice(this.apps.indexOf(record), 1);
    const last = this.versioned(record.application);
    this.emit('DELETED', last);
    return last;
  }

  /**
   * Every app back as loaded: apps added since are deleted, deleted ones added again, changed ones stored as loaded
   * under a new resourceVersion (rewinding the versions would hide these changes from a watcher), each with its event.
   */
  reset(): void {
    for (const record of [...this.apps]) {
      if (!this.initial.has(record)) {
        this.delete(record);
        this.loaded.delete(record);
      }
    }
    for (const record of this.initial) {
      const loaded = this.loaded.get(record)!;
      record.resourceTree = loaded.resourceTree;
      if (!this.isPresent(record)) {
        record.application = loaded.application;
        this.add(record);
        this.asLoaded.add(record.application);
      } else if (!this.asLoaded.has(record.application)) {
        this.put(record, loaded.application);
      }
    }
  }

  private isPresent(record: AppRecord): boolean {
    return this.byKey.get(keyOf(record.application)) === record;
  }

  private remember(record: AppRecord): void {
    this.loaded.set(record, {
      application: record.application,
      resourceTree: record.resourceTree,
    });
  }

  private insert(record: AppRecord): void {
    this.byKey.set(keyOf(record.application), record);
    const index = this.apps.findIndex(other => listOrder(record, other) < 0);
    this.apps.splice(index < 0 ? this.apps.length : index, 0, record);
  }

  private versioned(application: ArgoApplication): ArgoApplication {
    this.newestResourceVersion += 1;
    return {
      ...application,
      metadata: {
        ...application.metadata,
        resourceVersion: String(this.newestResourceVersion),
      },
    };
  }

  private emit(type: AppChangeType, application: ArgoApplication): void {
    // A copy: a listener may unsubscribe (its stream ends) while it is called.
    for (const listener of [...this.listeners]) {
      listener({ type, application });
    }
  }
}
