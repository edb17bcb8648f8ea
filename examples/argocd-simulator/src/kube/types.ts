/** A Kubernetes object as stored: `apiVersion`, `kind` and `metadata.name` are required. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * A failure injected into list calls. Latency is waited first, then `timeout`
 * (never answer) wins over `status` (a `Status` body with that code).
 */
export interface KubeFault {
  status?: number;
  timeout?: boolean;
  latencyMs?: number;
  /** Only requests for this resource, e.g. `helmreleases.helm.toolkit.fluxcd.io`. */
  resource?: string;
  /** Apply to this many matching requests, then clear. */
  times?: number;
}

/** One request the fake answered (status 0 while held by a timeout fault). */
export interface KubeRequest {
  method: string;
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Whether a valid bearer token came with it. */
  authorized: boolean;
  status: number;
  at: string;
}

/** Options of `startKubeApiServer`. */
export interface KubeApiServerOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Bearer tokens the server accepts; default `['sim-kube-token']`. */
  tokens?: string[];
  /** Objects to serve. */
  objects?: KubeObject[];
  /** Resources served (`plural.group`); default every known one. Leave one out to play "CRD not installed". */
  resources?: string[];
  /** The identity RBAC messages name; default `system:serviceaccount:backstage:backstage-gitops`. */
  user?: string;
}

/** A running fake Kubernetes API server. */
export interface KubeApiServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The first accepted token. */
  token: string;
  /** Replaces the served objects. */
  setObjects(objects: KubeObject[]): void;
  /** Stops serving a resource, as if its CRD were deleted (404 for every path under it). */
  uninstall(resource: string): void;
  /** Serves a resource again. */
  install(resource: string): void;
  /** RBAC: list calls on this resource (optionally in one namespace only) are forbidden (403). */
  forbid(resource: string, namespace?: string): void;
  /** Lifts every `forbid`. */
  allowAll(): void;
  /** Injects a fault; `undefined` clears it. */
  setFault(fault: KubeFault | undefined): void;
  /** Waits this long before answering every request. */
  setLatency(ms: number): void;
  requests: KubeRequest[];
  resetRequests(): void;
  close(): Promise<void>;
}
