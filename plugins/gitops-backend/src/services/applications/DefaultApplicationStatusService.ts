import { NotFoundError } from '@backstage/errors';
import {
  actionsForSource,
  type ApplicationDetail,
  type ApplicationsResponse,
  type GitOpsActionRequest,
  type GitOpsActionResponse,
  type GitOpsTarget,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { DEFAULT_REQUEST_DEADLINE_MS } from '../../config/readLimitsConfig';
import { DEFAULT_REFRESH_MIN_INTERVAL_SECONDS } from '../../config/readRefreshConfig';
import { startDeadline, type Deadline } from '../shared/Deadline';
import { cacheKeyHash } from '../shared/upstreamValues';
import { RefreshLimiter } from './RefreshLimiter';
import { namedApplications, selectsArgoCd } from './targeting';
import type {
  ApplicationActionOptions,
  ApplicationChange,
  ApplicationReadOptions,
  ApplicationRef,
  ApplicationStatusService,
  ApplicationStatusSource,
  FleetAnswer,
  SourceAnswer,
  WatchStatus,
} from './types';

/** How long refreshes after an action may come every 1.5 s: long enough for a slow sync. */
const FOLLOW_MS = 5 * 60_000;

/** Kind and namespace stay out of the key: varying them must not buy extra refreshes. */
function detailKey(ref: ApplicationRef): string {
  return `detail|${ref.instance}|${ref.name}`;
}

/**
 * The one place that knows the sources: it gives each source the instance
 * names it answers for, merges their answers, and reports what no source
 * could: an instance name nobody configured, and a named application found
 * nowhere. When two sources answer for the same name, the later one wins
 * (a cluster named like an Argo CD instance; startup warns about it).
 * It also decides whether a refresh reads upstream: at most once per
 * `refreshKey` (and application name, for a detail) per
 * `refreshMinIntervalSeconds`; a refresh inside that window is answered
 * like any request, from the cache.
 * @public
 */
export class DefaultApplicationStatusService
  implements ApplicationStatusService
{
  readonly #sources: ApplicationStatusSource[];
  readonly #refreshes: RefreshLimiter;
  readonly #requestDeadlineMs: number;
  readonly #actionsEnabled: boolean;

  /**
   * `sources` in the order their answers are listed; later ones win a
   * shared instance name. `refreshMinIntervalSeconds` defaults to 10; 0
   * lets every refresh through. Each call gets one deadline of
   * `requestDeadlineMs` (default 5000) unless the caller passes its own.
   */
  static create(options: {
    sources: ApplicationStatusSource[];
    refreshMinIntervalSeconds?: number;
    requestDeadlineMs?: number;
    /** `gitops.actions.enabled`: without it `runAction` answers 404. Default false. */
    actionsEnabled?: boolean;
  }): DefaultApplicationStatusService {
    return new DefaultApplicationStatusService(
      options.sources,
      new RefreshLimiter({
        minIntervalMs:
          (options.refreshMinIntervalSeconds ??
            DEFAULT_REFRESH_MIN_INTERVAL_SECONDS) * 1000,
      }),
      options.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
      options.actionsEnabled ?? false,
    );
  }

  private constructor(
    sources: ApplicationStatusSource[],
    refreshes: RefreshLimiter,
    requestDeadlineMs: number,
    actionsEnabled: boolean,
  ) {
    this.#sources = sources;
    this.#refreshes = refreshes;
    this.#requestDeadlineMs = requestDeadlineMs;
    this.#actionsEnabled = actionsEnabled;
  }

  /** Starts the sources' background work (watches). */
  start(): void {
    for (const source of this.#sources) {
      source.start?.();
    }
  }

  /** Stops the sources' background work. */
  async stop(): Promise<void> {
    await Promise.all(this.#sources.map(source => source.stop?.()));
  }

  /** Calls `listener` for every change a source's watches apply; returns the unsubscribe. */
  subscribe(listener: (change: ApplicationChange) => void): () => void {
    const unsubscribes = this.#sources.flatMap(
      source => source.subscribe?.(listener) ?? [],
    );
    return () => unsubscribes.forEach(unsubscribe => unsubscribe());
  }

  /** The state of every source's watches, for `/health`. */
  watchStatuses(): WatchStatus[] {
    return this.#sources.flatMap(source => source.watchStatuses?.() ?? []);
  }

  async getApplications(
    target: GitOpsTarget,
    options: ApplicationReadOptions = {},
  ): Promise<ApplicationsResponse> {
    const read = {
      refresh: this.#mayRefresh(options, target, 'list'),
      deadline: this.#deadline(options),
    };
    const { shares, unknown } = this.#share(target.instances);
    const answers = await Promise.all(
      this.#sources.map((source, index) =>
        source.getApplications(
          shares ? { ...target, instances: shares[index] } : target,
          read,
        ),
      ),
    );
    const applications = answers.flatMap(answer => answer.applications);
    const errors: SourceError[] = [
      ...(selectsArgoCd(target)
        ? unknown.map(name => this.#unknown(name))
        : []),
      ...answers.flatMap(answer => answer.errors),
      ...missingApplications(target, answers),
    ];
    return { applications, errors };
  }

  async listFleet(options: ApplicationReadOptions = {}): Promise<FleetAnswer> {
    const read = {
      refresh: this.#mayRefresh(options, {}, 'fleet'),
      deadline: this.#deadline(options),
    };
    const answers = await Promise.all(
      this.#sources.map(source =>
        source.listFleet ? source.listFleet(read) : undefined,
      ),
    );
    const answer: FleetAnswer = { applications: [], errors: [] };
    answers.forEach((sourceAnswer, index) => {
      // A later source wins a shared instance name, as for the lists.
      const servedLater = (instance: string) =>
        this.#sources
          .slice(index + 1)
          .some(source => source.servesInstance(instance));
      answer.applications.push(
        ...(sourceAnswer?.applications ?? []).filter(
          candidate => !servedLater(candidate.application.instance),
        ),
      );
      answer.errors.push(
        ...(sourceAnswer?.errors ?? []).filter(
          error => !servedLater(error.instance),
        ),
      );
    });
    return answer;
  }

  async getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
    options: ApplicationReadOptions = {},
  ): Promise<ApplicationDetail> {
    const source = this.#sourceOf(ref);
    const refresh = this.#mayRefresh(options, target, detailKey(ref));
    const detail = await source.getApplicationDetail(target, ref, {
      refresh,
      deadline: this.#deadline(options),
    });
    if (this.#acceptsActions(source, ref.instance)) {
      // Caches may hand out shared objects: never write into them.
      return { ...detail, actions: [...actionsForSource(detail)] };
    }
    return detail;
  }

  async runAction(
    target: GitOpsTarget,
    ref: ApplicationRef,
    request: GitOpsActionRequest,
    options: ApplicationActionOptions = {},
  ): Promise<GitOpsActionResponse> {
    if (!this.#actionsEnabled) {
      throw new NotFoundError(
        'Actions are turned off on this Backstage (gitops.actions.enabled)',
      );
    }
    const source = this.#sourceOf(ref);
    if (!source.runAction || !this.#acceptsActions(source, ref.instance)) {
      throw new NotFoundError(
        `Actions are turned off for '${ref.instance}' (actions: false in its configuration)`,
      );
    }
    const response = await source.runAction(target, ref, request, {
      deadline: this.#deadline(options),
      actor: options.actor,
    });
    // Whoever acted follows the operation: let their refreshes through often.
    const who = options.refreshKey ?? `target|${cacheKeyHash(target)}`;
    this.#refreshes.follow(`${who}|${detailKey(ref)}`, FOLLOW_MS);
    this.#refreshes.follow(`${who}|list`, FOLLOW_MS);
    return response;
  }

  #sourceOf(ref: ApplicationRef): ApplicationStatusSource {
    const source = [...this.#sources]
      .reverse()
      .find(candidate => candidate.servesInstance(ref.instance));
    if (!source) {
      throw new NotFoundError(
        `${ref.kind ?? 'Application'} '${ref.name}' cannot be on '${
          ref.instance
        }': no Argo CD instance or Kubernetes cluster of that name is configured`,
      );
    }
    return source;
  }

  #acceptsActions(source: ApplicationStatusSource, instance: string): boolean {
    return (
      this.#actionsEnabled &&
      source.runAction !== undefined &&
      (source.acceptsActions?.(instance) ?? false)
    );
  }

  /** The caller's deadline, or one starting now: one per incoming request. */
  #deadline(options: ApplicationReadOptions): Deadline {
    return options.deadline ?? startDeadline(this.#requestDeadlineMs);
  }

  /** True when a refresh was asked for and its key is outside the minimum interval. */
  #mayRefresh(
    options: ApplicationReadOptions,
    target: GitOpsTarget,
    what: string,
  ): boolean {
    if (!options.refresh) {
      return false;
    }
    const who = options.refreshKey ?? `target|${cacheKeyHash(target)}`;
    return this.#refreshes.tryAcquire(`${who}|${what}`);
  }

  /** Which of the annotation's instance names each source answers for, and the names none does. */
  #share(instances: string[] | undefined): {
    shares?: string[][];
    unknown: string[];
  } {
    if (!instances) {
      return { unknown: [] };
    }
    const owner = new Map<string, number>();
    this.#sources.forEach((source, index) => {
      for (const name of source.argoCdInstances()) {
        owner.set(name, index);
      }
    });
    return {
      shares: this.#sources.map((_, index) =>
        instances.filter(name => owner.get(name) === index),
      ),
      unknown: instances.filter(name => !owner.has(name)),
    };
  }

  /**
   * Names only what the entity asked for: listing the configured instances
   * would tell any catalog reader about every other team's Argo CD.
   */
  #unknown(name: string): SourceError {
    return {
      instance: name,
      code: 'not-found',
      message: `No Argo CD instance or Kubernetes cluster named '${name}' is configured (see gitops.argocd.instances and gitops.kubernetes.clusters)`,
    };
  }
}

/** A named application that no source found is most likely a typo in the annotation. */
function missingApplications(
  target: GitOpsTarget,
  answers: SourceAnswer[],
): SourceError[] {
  const found = new Set(
    answers.flatMap(answer =>
      answer.applications
        .filter(app => app.kind === 'Application')
        .map(app => app.name),
    ),
  );
  const missing = (namedApplications(target) ?? []).filter(
    name => !found.has(name),
  );
  return answers.flatMap(answer =>
    missing.flatMap(name =>
      answer.searched.map(place => ({
        instance: place.instance,
        application: name,
        code: 'not-found' as const,
        message: place.describeMissing(name),
      })),
    ),
  );
}
