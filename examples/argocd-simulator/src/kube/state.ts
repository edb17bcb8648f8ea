import { resourceName, type ServedResource } from './resources';
import type { KubeFault, KubeObject, KubeRequest } from './types';

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

  /** The objects of the last {@link KubeState.setObjects} again, as they were given. */
  reset(): void {
    this.resourceVersion += 1;
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
    return stored;
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
