import type { AppSimulation } from './operations/simulation';

/**
 * Options for {@link startSimulator}.
 *
 * @public
 */
export interface SimulatorOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1 so the unauthenticated control endpoint stays local. */
  host?: string;
  /** Directory with one sub-directory per instance holding `<app>.yaml` files; defaults to the bundled scenarios. */
  scenarioDir?: string;
  /**
   * Synthetic load data for benchmarks. When set, it replaces the scenario data: `applications` apps spread over
   * services and dev/staging/prod, each with `historyLength` history entries of distinct revisions, all with metadata.
   */
  generate?: {
    applications: number;
    historyLength: number;
    instances?: string[];
  };
  /** Lifetime of tokens issued by `POST /api/v1/session`; Argo CD's default is 24h. */
  sessionTtlSeconds?: number;
  /** Static API token per instance (like an Argo CD account token); default `sim-<instance>-token`. */
  tokens?: Record<string, string>;
  /** Password of the `admin` user per instance; default `<instance>-password`. */
  passwords?: Record<string, string>;
  /**
   * What a GET of a missing app answers when the request names no `project`. Argo CD (since 2.5) answers
   * 403 "permission denied" so callers cannot probe which apps exist; it answers 404 only when `project` is given.
   * `'not-found'` always answers 404, for clients written against older servers. Default `'permission-denied'`.
   */
  missingAppWithoutProject?: 'permission-denied' | 'not-found';
  /**
   * How long a sync or rollback runs before it ends (Succeeded or Failed); default 3000. The controller picks a
   * requested operation up at once (phase Running), like Argo CD's within a moment.
   */
  operationDurationMs?: number;
  /**
   * API tokens per instance that may read but not sync or roll back (Argo CD RBAC `role:readonly`), for the
   * account `backstage-readonly`. Default `sim-<instance>-readonly` for every instance; `{}` for none.
   */
  readOnlyTokens?: Record<string, string[]>;
}

/**
 * A failure injected into one instance. Several kinds combine: latency is waited first, then
 * `timeout` wins over `status`, which wins over `malformed`, which wins over `oversizeBytes`;
 * `truncateAfterBytes` cuts an `oversizeBytes` list, or else the real answer.
 *
 * @public
 */
export interface FaultSpec {
  /** Answer with this HTTP status and an Argo CD error body (or `body`). */
  status?: number;
  /** Body to send with `status`: a string is sent as is, anything else as JSON. */
  body?: unknown;
  /** Never answer (the socket stays open until the client gives up or the simulator closes). */
  timeout?: boolean;
  /** Answer 200 with a complete response whose JSON body is cut off (invalid JSON). */
  malformed?: boolean;
  /**
   * Answer 200 with a valid application list (`{"metadata":{},"items":[...]}`) of at least this many bytes: numbered
   * copies (`oversize-00000001`, ...) of generated apps, streamed in 64 KiB chunks with chunked transfer encoding, so
   * the client cannot know the size up front. The request's path and query are not looked at. At most 4 GiB.
   */
  oversizeBytes?: number;
  /** With `oversizeBytes`: send a content-length of the whole list (default: chunked, size unknown). */
  withContentLength?: boolean;
  /**
   * Send a content-length for the whole body but only this many bytes of it (at most all but the last), then
   * destroy the socket: a body cut off mid-way. Cuts the `oversizeBytes` list, or else the real answer; a watch
   * stream (chunked, no content-length) is cut once this many bytes of it are written.
   */
  truncateAfterBytes?: number;
  /**
   * Watch streams only (`/api/v1/stream/...`; other requests neither get nor use up such a fault): answer 200, send
   * `streamErrorAfterEvents` events, then one grpc-gateway error line
   * `{"error":{"grpc_code":14,"http_code":503,"message":"...","http_status":"Service Unavailable"}}` and end the
   * response, as a stream failing on the server does. `true`, or the message to send. The other kinds win over it.
   */
  streamError?: boolean | string;
  /** With `streamError`: how many events (the existing apps' ADDED first) to send before the error line; default 0. */
  streamErrorAfterEvents?: number;
  /** Wait this long before answering (or before applying the other kinds). */
  latencyMs?: number;
  /** Only requests whose instance-relative path contains this string, e.g. `/resource-tree`. */
  pathIncludes?: string;
  /** Apply to this many matching requests, then clear. */
  times?: number;
}

/**
 * One request the simulator answered (or held, for a timeout fault: status 0).
 *
 * @public
 */
export interface RecordedRequest {
  instance: string;
  method: string;
  /** Path below the instance prefix, e.g. `/api/v1/applications`. */
  path: string;
  query: Record<string, string | string[]>;
  /** HTTP status sent, or 0 when no response was sent before the connection closed (a watch: once it began). */
  status: number;
  /** Arrival time, RFC 3339. */
  at: string;
  /** Until the response was handed over or the connection closed; a watch stream's stays 0 while it is open. */
  durationMs: number;
}

/**
 * A running simulator.
 *
 * @public
 */
export interface Simulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Names of the served instances, e.g. `['central', 'edge']`. */
  instances: string[];
  /** Base URL of one instance, e.g. `http://127.0.0.1:<port>/central`; throws for an unknown instance. */
  instanceUrl(name: string): string;
  /** Static API token of one instance. */
  token(name: string): string;
  setFault(instance: string, fault: FaultSpec | undefined): void;
  /** Extra latency for every API request on every instance (0 to clear). */
  setLatency(ms: number): void;
  /** Invalidates every session token issued so far (static tokens keep working). */
  expireSessions(): void;
  /** Requests in arrival order; the same array is kept across {@link Simulator.resetRequests}. */
  requests: RecordedRequest[];
  resetRequests(): void;
  /**
   * The recorded requests counted per instance and `"<METHOD> <path>"`, e.g.
   * `{ central: { 'GET /api/v1/applications': 2, 'POST /api/v1/session': 1 } }`; with `instance`, that one only
   * (an empty object when it had none). Cleared by {@link Simulator.resetRequests}.
   */
  requestCounts(instance?: string): Record<string, Record<string, number>>;
  /**
   * Puts credentials (default `deploy-bot:ghp_fakeToken123`) into every `repoURL` of one app and adds a
   * `ComparisonError` condition quoting the first; returns the changed app. Throws for an unknown instance or app.
   */
  leakRepoCredentials(
    instance: string,
    leak: { app: string; appNamespace?: string; credentials?: string },
  ): ArgoApplication;
  /** Puts back every app changed by {@link Simulator.leakRepoCredentials}. */
  clearRepoCredentialLeaks(): void;
  /**
   * Puts every app of every instance back as loaded (undoing syncs, rollbacks, refreshes, credential leaks, status
   * changes, added and deleted apps) and drops the operations still running. The apps it changes are stored under new
   * resourceVersions (versions never go back), and watch streams get their events. Faults, latency, sessions, open
   * streams and the request log are left alone.
   */
  resetState(): Promise<void>;
  /** An app as the API would answer it now (with its running operation, if any); undefined when there is none. */
  application(
    instance: string,
    name: string,
    appNamespace?: string,
  ): ArgoApplication | undefined;
  /**
   * Changes an app's `status.health` (replaced by the one given) and `status.sync.status` (merged into `status.sync`)
   * as the application controller would; it is stored under a new resourceVersion and watch streams get a MODIFIED
   * event. Returns the stored app; throws for an unknown instance or app.
   */
  setApplicationStatus(
    instance: string,
    name: string,
    change: ApplicationStatusChange,
  ): ArgoApplication;
  /**
   * Stores a whole app document (namespace default `argocd`) under a new resourceVersion: a new app (ADDED, with an
   * empty resource tree and no commit metadata) or a replaced one (MODIFIED). Returns the stored app.
   */
  putApplication(
    instance: string,
    application: ArgoApplication,
  ): ArgoApplication;
  /** Deletes an app (watch streams get DELETED); returns its last document, under the deletion's resourceVersion. */
  deleteApplication(
    instance: string,
    name: string,
    appNamespace?: string,
  ): ArgoApplication;
  /** How many watch streams (`GET /api/v1/stream/applications`) are open now, of every instance or one. */
  openStreams(instance?: string): number;
  /**
   * Destroys the connections of the open watch streams (of every instance or one) without an error line, as a load
   * balancer cutting long requests does; returns how many it dropped.
   */
  dropStreams(instance?: string): number;
  /** Resolves once no simulated operation is pending (one held by a sync window never ends and is not waited for). */
  settled(): Promise<void>;
  /** Stops serving; pending operations are dropped and open watch streams cut. */
  close(): Promise<void>;
}

/**
 * A status change of one app for {@link Simulator.setApplicationStatus}, e.g.
 * `{ health: { status: 'Degraded', message: 'Back-off restarting' }, sync: { status: 'OutOfSync' } }`.
 *
 * @public
 */
export interface ApplicationStatusChange {
  /** The app's namespace; default `argocd`. */
  appNamespace?: string;
  /** The app's new health, replacing the old one. */
  health?: { status: string; message?: string };
  /** The new sync status; the rest of `status.sync` (revision, comparedTo) stays. */
  sync?: { status: string };
}

/** Argo CD's `v1alpha1ApplicationSource`, only the fields the simulator reads. */
export interface ArgoSource {
  repoURL: string;
  chart?: string;
  path?: string;
  targetRevision?: string;
  ref?: string;
  [key: string]: unknown;
}

/** Argo CD's `v1alpha1SyncOperation`, typed where the simulator reads it. */
export interface ArgoSyncOperation {
  revision?: string;
  revisions?: string[];
  source?: ArgoSource;
  sources?: ArgoSource[];
  dryRun?: boolean;
  prune?: boolean;
  [key: string]: unknown;
}

/** Argo CD's `v1alpha1OperationInitiator`. */
export interface ArgoOperationInitiator {
  username?: string;
  automated?: boolean;
}

/** Argo CD's `v1alpha1Operation`: what the top-level `operation` of an app asks the controller to do. */
export interface ArgoOperation {
  sync?: ArgoSyncOperation;
  initiatedBy?: ArgoOperationInitiator;
  [key: string]: unknown;
}

/** Argo CD's `v1alpha1OperationState`, typed where the simulator reads it. */
export interface ArgoOperationState {
  operation?: ArgoOperation;
  phase?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  [key: string]: unknown;
}

/** Argo CD's `v1alpha1RevisionHistory`, only the fields the simulator reads. */
export interface ArgoHistoryEntry {
  id: number;
  revision?: string;
  revisions?: string[];
  source?: ArgoSource;
  sources?: ArgoSource[];
  deployedAt?: string;
  deployStartedAt?: string;
  initiatedBy?: ArgoOperationInitiator;
  [key: string]: unknown;
}

/** An Argo CD `v1alpha1Application` as the API returns it; typed only where the simulator looks. */
export interface ArgoApplication {
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    resourceVersion?: string;
    [key: string]: unknown;
  };
  spec: {
    project?: string;
    source?: ArgoSource;
    sources?: ArgoSource[];
    [key: string]: unknown;
  };
  status?: {
    history?: ArgoHistoryEntry[];
    operationState?: ArgoOperationState;
    resources?: Array<Record<string, unknown>>;
    sync?: {
      status?: string;
      revision?: string;
      revisions?: string[];
      [key: string]: unknown;
    };
    health?: Record<string, unknown>;
    summary?: Record<string, unknown>;
    [key: string]: unknown;
  };
  operation?: ArgoOperation;
}

/** Argo CD's `v1alpha1RevisionMetadata`. */
export interface RevisionMetadata {
  author: string;
  date: string;
  message: string;
  tags?: string[];
  signatureInfo?: string;
}

/** Argo CD's `v1alpha1ChartDetails`. */
export interface ChartDetails {
  description?: string;
  home?: string;
  maintainers?: string[];
}

/** Argo CD's `v1alpha1ApplicationTree`; nodes are passed through untouched. */
export interface ApplicationTree {
  nodes?: Record<string, unknown>[];
  [key: string]: unknown;
}

/** One application with everything the API can say about it. */
export interface AppRecord {
  application: ArgoApplication;
  /** Built on demand, so generated load data does not hold thousands of trees in memory. */
  resourceTree(): ApplicationTree;
  /** Commit SHA to metadata, for the Git sources of the app. */
  revisions: Map<string, RevisionMetadata>;
  /** Chart details for Helm chart sources, whatever the version asked. */
  chartDetails?: ChartDetails;
  /** How syncs and rollbacks of this app turn out (the scenario's `simulation` block). */
  simulation?: AppSimulation;
}

/** The data of one simulated Argo CD instance. */
export interface InstanceData {
  name: string;
  apps: AppRecord[];
}
