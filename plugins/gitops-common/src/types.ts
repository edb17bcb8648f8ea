/**
 * The normalized GitOps model shared by the backend and the frontend.
 * Status words are Argo CD's own (`Synced`, `Degraded`, `Failed`, …); Flux
 * readiness is mapped onto the same words so the UI needs one vocabulary.
 * Nothing here carries a credential.
 */

import type { GitOpsActionName } from './actions/types';

/** @public */
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';

/** @public */
export type HealthStatus =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** @public */
export type OperationPhase =
  | 'Running'
  | 'Terminating'
  | 'Failed'
  | 'Error'
  | 'Succeeded';

/** Where an application's status was read from. @public */
export type SourceKind = 'argocd' | 'argocd-kubernetes' | 'flux';

/** @public */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  /** Multi-source `ref` name (e.g. a values repository). */
  ref?: string;
  /** Multi-source display name. */
  name?: string;
}

/** @public */
export interface ApplicationCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
  /** Kubernetes-style condition status (`True`, `False`, `Unknown`); Flux conditions. */
  status?: string;
  /** Machine-readable reason (Flux, e.g. `ReconciliationFailed`). */
  reason?: string;
}

/** One resource or hook of a sync that did not succeed (`status.operationState.syncResult.resources`). @public */
export interface OperationResourceResult {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  /** `SyncFailed`, `Synced`, `Pruned`, `PruneSkipped`. */
  status?: string;
  /** Hook type (`PreSync`, `Sync`, `PostSync`, `SyncFail`) when the resource is a hook. */
  hookType?: string;
  /** `Running`, `Succeeded`, `Failed`, `Error`, `Terminating`. */
  hookPhase?: string;
  message?: string;
}

/** @public */
export interface ApplicationOperation {
  phase: OperationPhase;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  /** The revision the operation synced or tried to sync. */
  revision?: string;
  revisions?: string[];
  retryCount?: number;
  /** Who started it: a user name, or `automated` for the controller. */
  initiatedBy?: string;
  /** Resources and hooks that failed in this operation, when any did. */
  failedResources?: OperationResourceResult[];
}

/** @public */
export interface ApplicationSummary {
  /** The configured Argo CD instance or Kubernetes cluster name. */
  instance: string;
  /** Where this status was read from. */
  sourceKind: SourceKind;
  /** Resource kind for Flux (`Kustomization`, `HelmRelease`); `Application` for Argo CD. */
  kind: string;
  name: string;
  namespace: string;
  project?: string;
  /** The environment this application deploys, from its `env`/`environment` label when present. */
  environment?: string;
  sync: { status: SyncStatus; revision?: string; revisions?: string[] };
  health: { status: HealthStatus; message?: string };
  operation: ApplicationOperation | null;
  conditions: ApplicationCondition[];
  autoSync: { enabled: boolean; prune: boolean; selfHeal: boolean };
  /** True when the object is suspended (Flux `spec.suspend`). */
  suspended?: boolean;
  /** True while the object is being deleted (`metadata.deletionTimestamp` is set): no operation can start. */
  deleting?: boolean;
  /**
   * Flux: the last reconcile asked for by hand (`reconcile.fluxcd.io/requestedAt`)
   * and the last one the controller handled (`status.lastHandledReconcileAt`);
   * equal once the request is done.
   */
  reconcile?: { requestedAt?: string; handledAt?: string };
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  /** How the manifests are generated (`Helm`, `Kustomize`, `Directory`, `Plugin`), one per source when known. */
  sourceTypes?: string[];
  destination: { server?: string; name?: string; namespace?: string };
  images: string[];
  reconciledAt?: string;
  links: { argocd?: string };
}

/** @public */
export interface HistoryEntry {
  /** Argo CD history id (what `argocd app rollback` takes). */
  id: number;
  revision: string;
  revisions?: string[];
  deployedAt: string;
  deployStartedAt?: string;
  initiatedBy?: string;
  author?: string;
  message?: string;
  /** Commit date from revision metadata. */
  date?: string;
  /** Chart version or source description when there is no Git commit. */
  source?: ApplicationSource;
  sources?: ApplicationSource[];
}

/** @public */
export interface ResourceStatus {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  health?: HealthStatus;
  sync?: SyncStatus;
  message?: string;
}

/** @public */
export interface ApplicationDetail extends ApplicationSummary {
  /** Newest first. */
  history: HistoryEntry[];
  /** Every resource that is not Healthy (or not Synced). */
  resources: ResourceStatus[];
  /** Counts of all resources by health status (including the healthy ones). */
  resourceCounts: Record<string, number>;
  /** Argo CD's `revisionHistoryLimit` when set (default 10). */
  historyLimit?: number;
  /**
   * Parts of the detail that could not be read (commit metadata for the
   * history, a Flux source), each with what is missing and why. The rest
   * of the detail is complete.
   */
  errors?: SourceError[];
  /**
   * The actions the backend accepts for this application (`gitops.actions`
   * on, and not turned off for its instance or cluster); absent when none.
   * Whether the viewer may take them is a permission check of its own.
   */
  actions?: GitOpsActionName[];
}

/** @public */
export type SourceErrorCode =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'bad-response'
  /** A watched source lost its stream: the status shown is the last one known. */
  | 'stale';

/** An error from one instance or one application; never hides the others. @public */
export interface SourceError {
  instance: string;
  application?: string;
  code: SourceErrorCode;
  message: string;
}

/** @public */
export interface ApplicationsResponse {
  applications: ApplicationSummary[];
  errors: SourceError[];
}

/** Live status as matchable strings, e.g. `sync:OutOfSync`, `message:field is immutable`. @public */
export interface Signals {
  /** Every signal string that holds for this application. */
  signals: string[];
  /** Human facts behind each signal, used to explain why an entry is shown. */
  facts: Record<string, string>;
  /**
   * The live messages scanned for `message:` signals, each prefixed with
   * where it came from (`the last sync failed: …`). Lets a knowledge entry's
   * `message:<text>` match text that no named pattern covers.
   */
  messages?: string[];
}

/** @public */
export interface Explanation {
  id: string;
  title: string;
  kind: KnowledgeKind;
  /** One line naming the live fact that made this entry relevant. */
  why: string;
  score: number;
}

/** @public */
export type RollbackState =
  | 'not-needed'
  | 'recommended'
  | 'in-progress'
  | 'unknown';

/** @public */
export interface RollbackStep {
  title: string;
  commands: string[];
  note?: string;
}

/** @public */
export interface RollbackRevision {
  /** History id; `-1` when `origin` is `operation` (a failed sync never enters history). */
  id: number;
  revision: string;
  /** Per-source revisions of a multi-source application. */
  revisions?: string[];
  author?: string;
  message?: string;
  deployedAt?: string;
  /** Where the revision was found: a history entry, or the failing operation. */
  origin?: 'history' | 'operation';
}

/** @public */
export interface RollbackPlan {
  state: RollbackState;
  /** Why the planner reached this state. */
  reason: string;
  knownGood: RollbackRevision | null;
  suspect: RollbackRevision | null;
  steps: RollbackStep[];
  warnings: string[];
}

/** @public */
export interface GuidanceResponse {
  signals: string[];
  explanations: Explanation[];
  rollback: RollbackPlan;
}

/**
 * `GET …/applications/:instance/:application?include=guidance`: the detail
 * and its guidance in one answer, so the GitOps tab makes one request per
 * application.
 * @public
 */
export interface ApplicationDetailWithGuidance extends ApplicationDetail {
  guidance: GuidanceResponse;
}

/** @public */
export type KnowledgeKind = 'question' | 'runbook' | 'glossary';

/** @public */
export type KnowledgeLevel = 'entry' | 'senior' | 'sre';

/** @public */
export interface QuizItem {
  prompt: string;
  options: string[];
  /** Zero-based index into `options`. */
  answer: number;
  explanation: string;
}

/** Front matter of a knowledge entry. @public */
export interface KnowledgeEntryMeta {
  id: string;
  title: string;
  kind: KnowledgeKind;
  level: KnowledgeLevel;
  topics: string[];
  related: string[];
  signals: string[];
  summary: string;
  /** Questions as people ask them, in their own words; search treats them like the title. */
  askedAs?: string[];
  seedQuestion?: number;
  /**
   * Position of a question in its level's learning path, from 1; entries
   * without one follow the ordered ones, by title.
   */
  order?: number;
}

/** @public */
export interface KnowledgeEntry extends KnowledgeEntryMeta {
  /** Markdown source, rendered client-side with a sanitizing renderer. */
  body: string;
  quiz: QuizItem[];
}

/** Free text and filters of a knowledge search; every field is optional. @public */
export interface KnowledgeQuery {
  /** Free text; empty lists every entry (filtered) ordered by level, then title. */
  q?: string;
  topic?: string;
  level?: KnowledgeLevel;
  kind?: KnowledgeKind;
}

/** A run of plain text in a search snippet; `match` marks a query term. @public */
export interface TextSegment {
  text: string;
  match: boolean;
}

/** A ranked knowledge search hit. @public */
export interface KnowledgeSearchHit {
  id: string;
  title: string;
  kind: KnowledgeKind;
  level: KnowledgeLevel;
  topics: string[];
  summary: string;
  /** {@inheritDoc KnowledgeEntryMeta.order} */
  order?: number;
  score: number;
  /**
   * Snippets with matched terms wrapped in `<mark>` … `</mark>` (text is otherwise escaped).
   * @deprecated Kept for existing clients; render {@link KnowledgeSearchHit.snippets} instead.
   */
  highlights: string[];
  /** The same snippets as data: plain text segments, `match: true` where a query term matched. */
  snippets: TextSegment[][];
}

/** `GET /api/gitops/knowledge` @public */
export interface KnowledgeSearchResponse {
  results: KnowledgeSearchHit[];
  total: number;
}

/** Summary of an entry, as listed in related entries and learning paths. @public */
export type KnowledgeEntrySummary = Pick<
  KnowledgeEntryMeta,
  'id' | 'title' | 'kind' | 'level' | 'topics' | 'summary' | 'order'
>;

/** `GET /api/gitops/knowledge/:id` @public */
export interface KnowledgeEntryResponse {
  entry: KnowledgeEntry;
  related: KnowledgeEntrySummary[];
}

/** `GET /api/gitops/knowledge/topics` @public */
export interface KnowledgeTopicsResponse {
  topics: { id: string; count: number }[];
  levels: { id: KnowledgeLevel; count: number }[];
  kinds: { id: KnowledgeKind; count: number }[];
}

/** One skill check question, with the entries that explain it. @public */
export interface SkillCheckItem extends QuizItem {
  related: string[];
}

/** `GET /api/gitops/knowledge/skill-check`: the cross-topic quiz. @public */
export interface SkillCheck {
  id: string;
  title: string;
  level: KnowledgeLevel;
  items: SkillCheckItem[];
}

/** One thing wrong with a knowledge content file: which file, which field, and why. @public */
export interface KnowledgeProblem {
  /** The file, under its directory as written in `gitops.knowledge.directories`. */
  file: string;
  /** Dotted front matter path such as `quiz.1.answer`; absent for file-level problems. */
  field?: string;
  reason: string;
}

/** `GET /api/gitops/knowledge/problems`: what the backend skipped or ignored in the organization's content. @public */
export interface KnowledgeProblemsResponse {
  problems: KnowledgeProblem[];
}
