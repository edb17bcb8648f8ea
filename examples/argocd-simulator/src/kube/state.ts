import { resourceName, type ServedResource } from './resources';
import type {
  KubeFault,
  KubeObject,
  KubeObjectRef,
  KubeRequest,
} from './types';

/** One change of the stored objects, as watches replay it. */
export interface KubeEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The object after the change (for a deletion: as it was, with the deletion's resourceVersion). */
  object: KubeObject;
  /** The object before a MODIFIED change, so a selecting watch can tell it entered or left its selection. */
  previous?: KubeObject;
  resourceVersion: number;
}

/** An open watch: gets every change as it is stored. */
export interface KubeWatcher {
  deliver(event: KubeEvent): void;
  /** Ends the stream as a server does (a clean end of the chunked body). */
  close(): void;
}

/** Changes kept for watches resuming from a resourceVersion; older ones get 410 Gone. */
const MAX_HISTORY = 1000;

/** Who a bearer token acts as. */
export interface Caller {
  user: string;
  /** Read-only tokens may list and get, not patch. */
  canWrite: boolean;
}

export interface KubeIdentities {
  tokens: string[];
  user: string;
  readOnlyTokens: string[];
  readOnlyUser: string;
}

const apiVersionOf = (resource: ServedResource) =>
  `${resource.group}/${resource.version}`;

/** Spec (everything but metadata and, with the status subresource, status) as compared for a new generation. */
function generationContent(
  object: KubeObject,
  resource: ServedResource | undefined,
): string {
  const { metadata: _metadata, status, ...rest } = object;
  return JSON.stringify(
    resource?.statusSubresource ? rest : { ...rest, status },
  );
}

/**
 * What the fake Kubernetes API server serves; its knobs change it between requests. Objects are never edited in
 * place: a write stores a new document under the next `resourceVersion` (one counter for the whole server, like
 * etcd's), and {@link KubeState.reset} brings back the objects of the last {@link KubeState.setObjects}.
 */
export class KubeState {
  /** `plural.group`, or `plural.group@namespace`, that RBAC forbids. */
  readonly denied = new Set<string>();
  readonly requests: KubeRequest[] = [];
  objects: KubeObject[] = [];
  resourceVersion = 1000;
  fault: KubeFault | undefined;
  latencyMs = 0;
  /** How often watches asked for bookmarks get one. */
  bookmarkIntervalMs = 60_000;
  /** Open watches. */
  readonly watchers = new Set<KubeWatcher>();
  /** Recent changes, oldest first, for watches that resume from a resourceVersion. */
  history: KubeEvent[] = [];
  /** The oldest resourceVersion a watch may resume from; older ones are answered with 410 Gone. */
  oldestWatchable = this.resourceVersion;
  private initial: KubeObject[] = [];

  constructor(
    private readonly identities: KubeIdentities,
    /** `plural.group` of the resources served. */
    readonly served: Set<string>,
  ) {}

  /** The identity of the main tokens, which RBAC messages name. */
  get user(): string {
    return this.identities.user;
  }

  /** The caller a `Bearer` authorization header names; undefined for a missing or unknown token. */
  callerOf(authorization: string): Caller | undefined {
    const { tokens, user, readOnlyTokens, readOnlyUser } = this.identities;
    const presented = (token: string) => authorization === `Bearer ${token}`;
    if (tokens.some(presented)) {
      return { user, canWrite: true };
    }
    return readOnlyTokens.some(presented)
      ? { user: readOnlyUser, canWrite: false }
      : undefined;
  }

  /** Whether RBAC (the `forbid` knob) denies the resource, everywhere or in this namespace. */
  isDenied(resource: ServedResource, namespace: string | undefined): boolean {
    const name = resourceName(resource);
    return (
      this.denied.has(name) ||
      (namespace !== undefined && this.denied.has(`${name}@${namespace}`))
    );
  }

  setObjects(next: KubeObject[]): void {
    for (const object of next) {
      if (!object?.apiVersion || !object.kind || !object.metadata?.name) {
        throw new Error(
          `A Kubernetes object needs apiVersion, kind and metadata.name: ${JSON.stringify(
            object,
          ).slice(0, 200)}`,
        );
      }
    }
    this.initial = next;
    this.reset();
  }

  /**
   * The objects of the last {@link KubeState.setObjects} again, as they were given. Like a restore of etcd: open
   * watches end and may not resume from an earlier resourceVersion (410 Gone), so their clients list again.
   */
  reset(): void {
    this.resourceVersion += 1;
    this.compact();
    this.dropWatches();
    this.objects = this.initial.map((object, index) => ({
      ...object,
      metadata: {
        uid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        resourceVersion: String(this.resourceVersion),
        ...object.metadata,
      },
    }));
  }

  find(
    resource: ServedResource,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    return this.objects.find(
      object =>
        object.apiVersion === apiVersionOf(resource) &&
        object.kind === resource.kind &&
        object.metadata.namespace === namespace &&
        object.metadata.name === name,
    );
  }

  /**
   * Stores the next version of an object under a new resourceVersion, with a new generation when its spec changed
   * (any non-metadata change for a CRD without the status subresource).
   */
  replace(
    current: KubeObject,
    next: KubeObject,
    resource: ServedResource,
  ): KubeObject {
    const index = this.objects.indexOf(current);
    if (index < 0) {
      throw new Error(
        `${current.kind} ${current.metadata.name} is no longer stored`,
      );
    }
    this.resourceVersion += 1;
    const generation = Number(current.metadata.generation ?? 1);
    const changed =
      generationContent(current, resource) !==
      generationContent(next, resource);
    const stored: KubeObject = {
      ...next,
      metadata: {
        ...next.metadata,
        resourceVersion: String(this.resourceVersion),
        ...(changed ? { generation: generation + 1 } : {}),
      },
    };
    this.objects = this.objects.map((object, i) =>
      i === index ? stored : object,
    );
    this.record({
      type: 'MODIFIED',
      object: stored,
      previous: current,
      resourceVersion: this.resourceVersion,
    });
    return stored;
  }

  /**
   * Creates an object, or replaces the one with its apiVersion, kind, namespace and name, under a new
   * resourceVersion (generation and uid kept as given, or as stored).
   */
  put(object: KubeObject): KubeObject {
    const current = this.objects.find(held => sameObject(held, object));
    this.resourceVersion += 1;
    const stored: KubeObject = {
      ...object,
      metadata: {
        uid:
          current?.metadata.uid ??
          `00000000-0000-4000-9000-${String(this.resourceVersion).padStart(
            12,
            '0',
          )}`,
        ...object.metadata,
        resourceVersion: String(this.resourceVersion),
      },
    };
    this.objects = current
      ? this.objects.map(held => (held === current ? stored : held))
      : [...this.objects, stored];
    this.record({
      type: current ? 'MODIFIED' : 'ADDED',
      object: stored,
      previous: current,
      resourceVersion: this.resourceVersion,
    });
    return stored;
  }

  /** Deletes the object with the apiVersion, kind, namespace and name of `ref`; false when there is none. */
  remove(ref: KubeObjectRef): boolean {
    const current = this.objects.find(held => sameObject(held, ref));
    if (!current) {
      return false;
    }
    this.resourceVersion += 1;
    this.objects = this.objects.filter(held => held !== current);
    this.record({
      type: 'DELETED',
      object: {
        ...current,
        metadata: {
          ...current.metadata,
          resourceVersion: String(this.resourceVersion),
        },
      },
      resourceVersion: this.resourceVersion,
    });
    return true;
  }

  /** Forgets the change history, like etcd's compaction: watches may resume only from now on. */
  compact(): void {
    this.history = [];
    this.oldestWatchable = this.resourceVersion;
  }

  /** Ends every open watch; answers how many there were. */
  dropWatches(): number {
    const open = [...this.watchers];
    this.watchers.clear();
    for (const watcher of open) {
      watcher.close();
    }
    return open.length;
  }

  private record(event: KubeEvent): void {
    this.history.push(event);
    if (this.history.length > MAX_HISTORY) {
      const dropped = this.history.shift()!;
      this.oldestWatchable = dropped.resourceVersion;
    }
    for (const watcher of [...this.watchers]) {
      watcher.deliver(event);
    }
  }

  /** The fault for a request on `resource`, counting down its `times`. */
  takeFault(resource: ServedResource | undefined): KubeFault | undefined {
    const fault = this.fault;
    if (
      !fault ||
      (fault.resource &&
        (!resource || fault.resource !== resourceName(resource)))
    ) {
      return undefined;
    }
    if (fault.times !== undefined) {
      this.fault =
        fault.times > 1 ? { ...fault, times: fault.times - 1 } : undefined;
    }
    return fault;
  }
}

/** Whether two objects (or refs) name the same object. */
export function sameObject(a: KubeObjectRef, b: KubeObjectRef): boolean {
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '') &&
    a.metadata.name === b.metadata.name
  );
}
