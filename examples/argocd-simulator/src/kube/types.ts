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
 * (never answer) wins over `status` (a `Status` body with that code), which
 * wins over `malformed`, then `oversizeBytes`; `truncateAfterBytes` cuts an
 * `oversizeBytes` list, or else the real one. The body faults apply to list
 * calls the server would answer with 200 (authorized, served, valid
 * selectors); other requests get their usual error but still count.
 */
export interface KubeFault {
  status?: number;
  timeout?: boolean;
  latencyMs?: number;
  /** A 200 `<Kind>List` whose JSON is cut off inside the first item (the response itself is complete). */
  malformed?: boolean;
  /**
   * A valid `<Kind>List` of at least this many bytes: numbered copies (`<name>-00000001`, ...) of the objects the
   * request selected (else of every object of the kind, else of a bare one), streamed in 64 KiB chunks with chunked
   * transfer encoding. At most 4 GiB.
   */
  oversizeBytes?: number;
  /** With `oversizeBytes`: send a content-length of the whole list (default: chunked, size unknown). */
  withContentLength?: boolean;
  /**
   * Send a content-length for the whole list but only this many bytes of it (at most all but the last), then
   * destroy the socket. Cuts the `oversizeBytes` list, or else the real one.
   */
  truncateAfterBytes?: number;
  /** Only requests for this resource, e.g. `helmreleases.helm.toolkit.fluxcd.io`. */
  resource?: string;
  /** Apply to this many matching requests, then clear. */
  times?: number;
}

/** One request the fake answered (status 0 while held by a timeout fault; a cut-off body keeps the status it was sent with). */
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
  /** Injects a fault; `undefined` clears it. Throws for invalid `oversizeBytes`/`withContentLength`/`truncateAfterBytes`. */
  setFault(fault: KubeFault | undefined): void;
  /** Waits this long before answering every request. */
  setLatency(ms: number): void;
  requests: KubeRequest[];
  resetRequests(): void;
  close(): Promise<void>;
}
