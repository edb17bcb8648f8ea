import type {
  ApplicationDetail,
  ApplicationSummary,
  ApplicationsResponse,
  FleetLinks,
  FluxKind,
  GitOpsActionRequest,
  GitOpsActionResponse,
  GitOpsTarget,
  SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { Deadline } from '../shared/Deadline';

/** The kinds of object a GitOps application can be: an Argo CD `Application` or a Flux object. @public */
export type ApplicationObjectKind = 'Application' | FluxKind;

/** Every {@link ApplicationObjectKind}. @public */
export const APPLICATION_OBJECT_KINDS: readonly ApplicationObjectKind[] = [
  'Application',
  'Kustomization',
  'HelmRelease',
];

/** One application as the detail route names it. @public */
export interface ApplicationRef {
  /** The Argo CD instance or cluster it lives on, by its configured name. */
  instance: string;
  /** The Application (or Flux object) name. */
  name: string;
  /** The namespace of the object, when the caller knows it. */
  namespace?: string;
  /** Needed only when a Kustomization, HelmRelease or Application share a name on one cluster. */
  kind?: ApplicationObjectKind;
}

/**
 * Where a source looked for Argo CD Applications by name and got an
 * answer, so that a name found nowhere is reported once per such place.
 * @public
 */
export interface SearchedPlace {
  instance: string;
  /** "Argo CD instance 'central' has no application 'x' in project 'y'". */
  describeMissing(applicationName: string): string;
}

/** How a source reads what it answers. @public */
export interface SourceReadOptions {
  /**
   * Read from upstream instead of the cache, and write the answer back so
   * other callers get it. Concurrent refreshes of the same upstream request
   * share one call; data that never changes (revision metadata) stays cached.
   */
  refresh?: boolean;
  /**
   * The incoming request's deadline: every upstream call made for it stops
   * when it passes, and the answer says what could not be read in time.
   */
  deadline?: Deadline;
}

/** How the {@link ApplicationStatusService} is asked for an answer. @public */
export interface ApplicationReadOptions extends SourceReadOptions {
  /**
   * Who the refresh is for, usually the entity ref: a service may read
   * upstream at most once per key (and application, for a detail) per
   * interval and answer other refreshes from the cache. Defaults to the
   * target itself.
   */
  refreshKey?: string;
}

/** How an action is run. @public */
export interface ActionRunOptions {
  /** The incoming request's deadline; the write itself is sent once, never retried. */
  deadline?: Deadline;
  /**
   * Who asked, as a Backstage entity ref, for upstreams that record it
   * (`operation.initiatedBy` of an Application written to a cluster).
   * Argo CD's API records its own configured account instead.
   */
  actor?: string;
}

/** How the {@link ApplicationStatusService} is asked to run an action. @public */
export interface ApplicationActionOptions extends ActionRunOptions {
  /**
   * Who follows the operation afterwards, usually the entity ref: for a
   * few minutes that key's refreshes of the application may read upstream
   * every 1.5 s, so the page can watch the operation end.
   */
  refreshKey?: string;
}

/** What one source answered for a target. @public */
export interface SourceAnswer extends ApplicationsResponse {
  /** Places searched for the target's `argocd/app-name` names. */
  searched: SearchedPlace[];
}

/**
 * The state of one watched Argo CD instance or cluster, as `/health`
 * reports it.
 * @public
 */
export interface WatchStatus {
  /** The configured Argo CD instance or cluster name. */
  instance: string;
  /** What is watched: an Argo CD API server, or a cluster's Kubernetes API. */
  source: 'argocd' | 'kubernetes';
  /**
   * `starting` until the first list is in; `synced` while the stream is
   * open; `reconnecting` while it is down (the last known status is
   * served); `stopped` after shutdown.
   */
  state: 'starting' | 'synced' | 'reconnecting' | 'stopped';
  /** When the state began (ISO 8601). */
  since: string;
  /** Since when changes may be missing, while reconnecting. */
  staleSince?: string;
  /** Applications held in memory. */
  applications: number;
}

/**
 * A change a watch applied to one application, for pushing to the pages
 * that show it.
 * @public
 */
export interface ApplicationChange {
  /** What happened, as Argo CD's watch reports it. */
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The application after the change (before it, for a deletion). */
  summary: ApplicationSummary;
  /** Its `metadata.labels`, which `argocd/app-selector` matches. */
  labels: Record<string, string>;
  /** Its `metadata.resourceVersion` after the change. */
  resourceVersion?: string;
}

/** One application as the fleet view joins it to the catalog. @public */
export interface FleetCandidate {
  application: ApplicationSummary;
  /** Its `metadata.labels`, which selectors match. */
  labels: Record<string, string>;
  /** Its ApplicationSet and child Applications (Argo CD only). */
  links: FleetLinks;
}

/** Every application a source can read, for the fleet view. @public */
export interface FleetAnswer {
  applications: FleetCandidate[];
  errors: SourceError[];
}

/**
 * One place GitOps status is read from (Argo CD's API, Kubernetes clusters,
 * or a watch-fed cache). Sources report what they found and how they
 * failed; deciding which source serves an instance name and reporting a
 * name that no source found is the {@link ApplicationStatusService}'s job.
 * @public
 */
export interface ApplicationStatusSource {
  /** The instance names this source reads Argo CD Applications from. */
  argoCdInstances(): string[];

  /** True when objects on `instance` are read through this source. */
  servesInstance(instance: string): boolean;

  /**
   * Summaries of what the target selects. `target.instances`, when set,
   * holds only names this source answers for (possibly none). A failing
   * instance becomes an entry in `errors`; it never hides the others.
   */
  getApplications(
    target: GitOpsTarget,
    options?: SourceReadOptions,
  ): Promise<SourceAnswer>;

  /**
   * The detail of one application on an instance this source serves.
   * Throws `NotFoundError` when the target does not select it (checked
   * before any detail call), `InputError` when the name is ambiguous, and
   * an `UpstreamError` when the upstream fails.
   */
  getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
    options?: SourceReadOptions,
  ): Promise<ApplicationDetail>;

  /**
   * Every application on every instance or cluster this source serves,
   * unselected, for the fleet view; lists are cached like the others. A
   * failing instance becomes an entry in `errors`.
   */
  listFleet?(options?: SourceReadOptions): Promise<FleetAnswer>;

  /** Starts background work (watches); called once the backend has started. */
  start?(): void;

  /** Stops background work; called on shutdown. */
  stop?(): Promise<void>;

  /** The state of each watch this source keeps. */
  watchStatuses?(): WatchStatus[];

  /** Calls `listener` for every change its watches apply; returns the unsubscribe. */
  subscribe?(listener: (change: ApplicationChange) => void): () => void;

  /**
   * True when actions may be sent to `instance` (not configured with
   * `actions: false`). A source without {@link ApplicationStatusSource.runAction}
   * is read-only.
   */
  acceptsActions?(instance: string): boolean;

  /**
   * Runs an action on one application the target selects, after the same
   * membership check as the detail. Throws `NotFoundError` when the target
   * does not select it, `InputError` when the action does not fit its kind,
   * `ConflictError` (409) when its current state forbids the action (see
   * `actionRefusal`), checked before anything is written, and an
   * `UpstreamError` when the upstream refuses or fails. Never retries the
   * write.
   */
  runAction?(
    target: GitOpsTarget,
    ref: ApplicationRef,
    request: GitOpsActionRequest,
    options?: ActionRunOptions,
  ): Promise<GitOpsActionResponse>;
}

/**
 * GitOps status for what an entity's annotations select, from every
 * configured source. Implementations only ever fetch what the target
 * selects.
 * @public
 */
export interface ApplicationStatusService {
  /**
   * Every application the target selects, from every source in parallel.
   * A failing instance or cluster becomes an entry in `errors`; a name in
   * `argocd/app-name` that no source found is reported once per place
   * searched. With `refresh`, reads upstream unless the target was
   * refreshed too recently.
   */
  getApplications(
    target: GitOpsTarget,
    options?: ApplicationReadOptions,
  ): Promise<ApplicationsResponse>;

  /**
   * The detail of one selected application, with history and resources.
   * With `refresh`, reads upstream unless that application was refreshed
   * too recently.
   */
  getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
    options?: ApplicationReadOptions,
  ): Promise<ApplicationDetail>;

  /**
   * Every application of every source, unselected, for the fleet view,
   * within one deadline. It says nothing about who may see what: the
   * caller joins it to the entities the viewer may read.
   */
  listFleet?(options?: ApplicationReadOptions): Promise<FleetAnswer>;

  /** The state of every watched source, for `/health`. Optional, like the watches. */
  watchStatuses?(): WatchStatus[];

  /** Calls `listener` for every change a watched source applies; returns the unsubscribe. */
  subscribe?(listener: (change: ApplicationChange) => void): () => void;

  /**
   * Runs an action on one selected application. Throws `NotFoundError` when
   * actions are off (`gitops.actions.enabled`, or `actions: false` on its
   * instance or cluster) or the target does not select it; see
   * {@link ApplicationStatusSource.runAction} for the rest. Optional so that
   * read-only implementations stay valid.
   */
  runAction?(
    target: GitOpsTarget,
    ref: ApplicationRef,
    request: GitOpsActionRequest,
    options?: ApplicationActionOptions,
  ): Promise<GitOpsActionResponse>;
}
