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
  /** Set for a watch (`watch=true`), which stays open while it streams. */
  watch?: boolean;
  /** Whether a valid bearer token came with it. */
  authorized: boolean;
  status: number;
  at: string;
  /** For a PATCH: its content type (without parameters) and, once read, the parsed patch. */
  contentType?: string;
  patch?: unknown;
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
  /** Tokens that may list and get but not patch (403); default `['sim-kube-readonly']`. */
  readOnlyTokens?: string[];
  /** The identity of the read-only tokens; default `system:serviceaccount:backstage:backstage-gitops-readonly`. */
  readOnlyUser?: string;
  /** How long the simulated Flux and Argo CD controllers take to handle a reconcile or refresh request; default 1500. */
  reconcileDelayMs?: number;
  /** How long an operation written to an Argo CD Application runs before it ends; default 3000. */
  operationDurationMs?: number;
  /** How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK event; default 60000, as the API server. */
  watchBookmarkIntervalMs?: number;
}

/** Names one object: apiVersion, kind, namespace (for namespaced kinds) and name. */
export interface KubeObjectRef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** A running fake Kubernetes API server. */
export interface KubeApiServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The first accepted token. */
  token: string;
  /** Replaces the served objects; they are also what {@link KubeApiServer.resetState} goes back to. */
  setObjects(objects: KubeObject[]): void;
  /** Puts back the objects of the last `setObjects` (or the start) and drops pending controller work. */
  resetState(): Promise<void>;
  /** The stored object with the apiVersion, kind, namespace and name of `ref`, as watches and lists see it. */
  getObject(ref: KubeObjectRef): KubeObject | undefined;
  /**
   * Creates an object or replaces the stored one (same apiVersion, kind, namespace and name) with it, status
   * included, under a new resourceVersion: what a controller writing status does. Open watches get an ADDED or
   * MODIFIED event. Answers the stored object.
   */
  putObject(object: KubeObject): KubeObject;
  /** Deletes an object; open watches get a DELETED event. False when there was none. */
  deleteObject(ref: KubeObjectRef): boolean;
  /**
   * Ends every open watch, as an API server restart does; answers how many there were. With `compact`, the
   * change history is forgotten first, so a watch resuming from an earlier resourceVersion gets 410 Gone.
   */
  dropWatches(options?: { compact?: boolean }): number;
  /** How many watches are open. */
  openWatches(): number;
  /** Stops serving a resource, as if its CRD were deleted (404 for every path under it). */
  uninstall(resource: string): void;
  /** Serves a resource again. */
  install(resource: string): void;
  /** RBAC: list, get and patch calls on this resource (optionally in one namespace only) are forbidden (403). */
  forbid(resource: string, namespace?: string): void;
  /** Lifts every `forbid`. */
  allowAll(): void;
  /** Injects a fault; `undefined` clears it. Throws for invalid `oversizeBytes`/`withContentLength`/`truncateAfterBytes`. */
  setFault(fault: KubeFault | undefined): void;
  /** Waits this long before answering every request. */
  setLatency(ms: number): void;
  requests: KubeRequest[];
  resetRequests(): void;
  /** The recorded requests per `"<METHOD> <path>"`, e.g. `{"PATCH /apis/.../kustomizations/web": 1}`. */
  requestCounts(): Record<string, number>;
  /** Resolves once the simulated controllers have nothing pending. */
  settled(): Promise<void>;
  /** Stops serving; pending controller work is dropped. */
  close(): Promise<void>;
}
