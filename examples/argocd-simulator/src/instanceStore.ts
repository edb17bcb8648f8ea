import type { AppRecord, InstanceData } from './types';

/** The namespace Argo CD itself runs in; apps without `appNamespace` are looked up here. */
export const CONTROLLER_NAMESPACE = 'argocd';

/** Read-only index over one instance's apps. */
export class InstanceStore {
  readonly name: string;
  readonly apps: AppRecord[];
  /** What `metadata.resourceVersion` of a list says: the newest resourceVersion of any app. */
  readonly resourceVersion: string;
  private readonly byKey = new Map<string, AppRecord>();

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
      newest = Math.max(
        newest,
        Number(record.application.metadata.resourceVersion ?? 0) || 0,
      );
    }
    this.resourceVersion = String(newest);
  }

  find(namespace: string, name: string): AppRecord | undefined {
    return this.byKey.get(`${namespace}/${name}`);
  }
}
