import { treeFollowingStatus } from './operations/resourceTree';
import type { AppRecord, ArgoApplication, InstanceData } from './types';

/** The namespace Argo CD itself runs in; apps without `appNamespace` are looked up here. */
export const CONTROLLER_NAMESPACE = 'argocd';

/** What a record was loaded with, for a reset and for the resource tree to follow later changes. */
interface Loaded {
  application: ArgoApplication;
  resourceTree: AppRecord['resourceTree'];
}

/**
 * One instance's apps, indexed. Writes replace an app's document as a whole (never edit it in place), bumping its
 * `resourceVersion` like the Kubernetes API server behind Argo CD does; {@link InstanceStore.reset} puts every app
 * back as loaded.
 */
export class InstanceStore {
  readonly name: string;
  readonly apps: AppRecord[];
  private readonly byKey = new Map<string, AppRecord>();
  private readonly loaded = new Map<AppRecord, Loaded>();
  private readonly loadedResourceVersion: number;
  private newestResourceVersion: number;

  constructor(data: InstanceData) {
    this.name = data.name;
    // Argo CD sorts lists by name; sorting once here spares every list request. Byte order, as Go's < on strings.
    const byteOrder = (a: string, b: string) => Number(a > b) - Number(a < b);
    this.apps = [...data.apps].sort(
      (a, b) =>
        byteOrder(a.application.metadata.name, b.application.metadata.name) ||
        byteOrder(
          a.application.metadata.namespace,
          b.application.metadata.namespace,
        ),
    );
    let newest = 0;
    for (const record of data.apps) {
      const { name, namespace } = record.application.metadata;
      const key = `${namespace}/${name}`;
      if (this.byKey.has(key)) {
        throw new Error(
          `Duplicate application ${key} in instance ${data.name}`,
        );
      }
      this.byKey.set(key, record);
      this.loaded.set(record, {
        application: record.application,
        resourceTree: record.resourceTree,
      });
      newest = Math.max(
        newest,
        Number(record.application.metadata.resourceVersion ?? 0) || 0,
      );
    }
    this.loadedResourceVersion = newest;
    this.newestResourceVersion = newest;
  }

  /** What `metadata.resourceVersion` of a list says: the newest resourceVersion of any app. */
  get resourceVersion(): string {
    return String(this.newestResourceVersion);
  }

  find(namespace: string, name: string): AppRecord | undefined {
    return this.byKey.get(`${namespace}/${name}`);
  }

  /** Stores the next document of an app under a new resourceVersion; its resource tree follows the new status. */
  replace(record: AppRecord, application: ArgoApplication): ArgoApplication {
    this.newestResourceVersion += 1;
    const generation = application.metadata.generation;
    const stored: ArgoApplication = {
      ...application,
      metadata: {
        ...application.metadata,
        resourceVersion: String(this.newestResourceVersion),
        // No status subresource on Applications: every change is a new generation.
        ...(typeof generation === 'number'
          ? { generation: generation + 1 }
          : {}),
      },
    };
    const loaded = this.loaded.get(record)!;
    record.application = stored;
    record.resourceTree = treeFollowingStatus(
      loaded.resourceTree,
      loaded.application,
      stored,
    );
    return stored;
  }

  /** Every app back as loaded. */
  reset(): void {
    for (const [record, loaded] of this.loaded) {
      record.application = loaded.application;
      record.resourceTree = loaded.resourceTree;
    }
    this.newestResourceVersion = this.loadedResourceVersion;
  }
}
