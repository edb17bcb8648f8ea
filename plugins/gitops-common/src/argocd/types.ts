/**
 * The parts of Argo CD's JSON that this package reads, typed after the
 * `v1alpha1*` definitions of Argo CD's OpenAPI document (`assets/swagger.json`).
 *
 * Everything is optional because the API omits empty fields, the `fields=`
 * query parameter trims documents, and the Kubernetes route returns whatever
 * is stored. Nothing here is trusted: the normalizer re-checks every value.
 */

/** `v1ObjectMeta`, reduced to what we read. @public */
export interface RawObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  /** Changes with every write; Argo CD's watch orders changes by it. */
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

/** `v1alpha1ApplicationSource`. @public */
export interface RawApplicationSource {
  repoURL?: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  ref?: string;
  name?: string;
  helm?: { releaseName?: string; valueFiles?: string[] };
  kustomize?: unknown;
  directory?: unknown;
  plugin?: { name?: string };
}

/** `v1alpha1ApplicationDestination`. @public */
export interface RawApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** `v1alpha1SyncPolicyAutomated`. @public */
export interface RawSyncPolicyAutomated {
  /** Explicit switch (Argo CD 3.x); absent means enabled when `automated` is present. */
  enabled?: boolean;
  prune?: boolean;
  selfHeal?: boolean;
  allowEmpty?: boolean;
}

/** `v1alpha1SyncPolicy`. @public */
export interface RawSyncPolicy {
  automated?: RawSyncPolicyAutomated;
  syncOptions?: string[];
  retry?: { limit?: number };
}

/** `v1alpha1ApplicationSpec`. @public */
export interface RawApplicationSpec {
  project?: string;
  source?: RawApplicationSource;
  sources?: RawApplicationSource[];
  destination?: RawApplicationDestination;
  syncPolicy?: RawSyncPolicy;
  revisionHistoryLimit?: number;
}

/** `v1alpha1SyncStatus`. @public */
export interface RawSyncStatus {
  status?: string;
  revision?: string;
  revisions?: string[];
}

/** `v1alpha1AppHealthStatus` / `v1alpha1HealthStatus`. @public */
export interface RawHealthStatus {
  status?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** `v1alpha1ApplicationCondition`. @public */
export interface RawApplicationCondition {
  type?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** `v1alpha1OperationInitiator`. @public */
export interface RawOperationInitiator {
  username?: string;
  automated?: boolean;
}

/** `v1alpha1RevisionHistory`: one successful sync. Argo CD stores these oldest first. @public */
export interface RawRevisionHistory {
  id?: number;
  revision?: string;
  revisions?: string[];
  deployedAt?: string;
  deployStartedAt?: string;
  initiatedBy?: RawOperationInitiator;
  source?: RawApplicationSource;
  sources?: RawApplicationSource[];
}

/** `v1alpha1SyncOperation`. @public */
export interface RawSyncOperation {
  revision?: string;
  revisions?: string[];
  prune?: boolean;
  dryRun?: boolean;
  source?: RawApplicationSource;
  sources?: RawApplicationSource[];
}

/** `v1alpha1Operation`. @public */
export interface RawOperation {
  sync?: RawSyncOperation;
  initiatedBy?: RawOperationInitiator;
  retry?: { limit?: number };
}

/** `v1alpha1ResourceResult`: the outcome of one resource (or hook) in a sync. @public */
export interface RawResourceResult {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** `Synced`, `SyncFailed`, `Pruned`, `PruneSkipped`. */
  status?: string;
  message?: string;
  /** `Running`, `Succeeded`, `Failed`, `Error`, `Terminating`. */
  hookPhase?: string;
  /** `PreSync`, `Sync`, `PostSync`, `SyncFail`, `Skip`; empty for non-hook resources. */
  hookType?: string;
  syncPhase?: string;
}

/** `v1alpha1SyncOperationResult`. @public */
export interface RawSyncOperationResult {
  revision?: string;
  revisions?: string[];
  resources?: RawResourceResult[];
  source?: RawApplicationSource;
  sources?: RawApplicationSource[];
}

/** `v1alpha1OperationState`: the last (or current) operation. @public */
export interface RawOperationState {
  operation?: RawOperation;
  phase?: string;
  message?: string;
  syncResult?: RawSyncOperationResult;
  startedAt?: string;
  finishedAt?: string;
  retryCount?: number;
}

/** `applicationv1alpha1ResourceStatus`: a resource managed by the application. @public */
export interface RawResourceStatus {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** Sync status of the resource. */
  status?: string;
  health?: RawHealthStatus;
  hook?: boolean;
  requiresPruning?: boolean;
}

/** `v1alpha1ApplicationSummary` (the `status.summary` field). @public */
export interface RawApplicationSummaryField {
  images?: string[];
  externalURLs?: string[];
}

/** `v1alpha1ApplicationStatus`. @public */
export interface RawApplicationStatus {
  sync?: RawSyncStatus;
  health?: RawHealthStatus;
  history?: RawRevisionHistory[];
  conditions?: RawApplicationCondition[];
  operationState?: RawOperationState;
  resources?: RawResourceStatus[];
  summary?: RawApplicationSummaryField;
  reconciledAt?: string;
  sourceType?: string;
  sourceTypes?: string[];
  controllerNamespace?: string;
}

/** `v1alpha1Application`. @public */
export interface RawApplication {
  apiVersion?: string;
  kind?: string;
  metadata?: RawObjectMeta;
  spec?: RawApplicationSpec;
  status?: RawApplicationStatus;
  operation?: RawOperation;
}

/** `v1alpha1ApplicationList`. @public */
export interface RawApplicationList {
  items?: RawApplication[] | null;
  metadata?: { resourceVersion?: string };
}

/** `v1alpha1ResourceNode`: a live resource in the application tree (managed or a child, e.g. a Pod). @public */
export interface RawResourceNode {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  health?: RawHealthStatus;
  images?: string[];
  info?: Array<{ name?: string; value?: string }>;
  parentRefs?: Array<{
    group?: string;
    kind?: string;
    namespace?: string;
    name?: string;
  }>;
  createdAt?: string;
}

/** `v1alpha1ApplicationTree` (`GET /api/v1/applications/{name}/resource-tree`). @public */
export interface RawApplicationTree {
  nodes?: RawResourceNode[];
  orphanedNodes?: RawResourceNode[];
}

/** `v1alpha1RevisionMetadata` (`GET /api/v1/applications/{name}/revisions/{revision}/metadata`). @public */
export interface RawRevisionMetadata {
  author?: string;
  date?: string;
  message?: string;
  tags?: string[];
  signatureInfo?: string;
}
