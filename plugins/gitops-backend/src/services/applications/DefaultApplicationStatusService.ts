import { NotFoundError } from '@backstage/errors';
import type {
  ApplicationDetail,
  ApplicationsResponse,
  GitOpsTarget,
  SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { DEFAULT_REQUEST_DEADLINE_MS } from '../../config/readLimitsConfig';
import { DEFAULT_REFRESH_MIN_INTERVAL_SECONDS } from '../../config/readRefreshConfig';
import { startDeadline, type Deadline } from '../shared/Deadline';
import { cacheKeyHash } from '../shared/upstreamValues';
import { RefreshLimiter } from './RefreshLimiter';
import { namedApplications, selectsArgoCd } from './targeting';
import type {
  ApplicationReadOptions,
  ApplicationRef,
  ApplicationStatusService,
  ApplicationStatusSource,
  SourceAnswer,
} from './types';

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
  }): DefaultApplicationStatusService {
    return new DefaultApplicationStatusService(
      options.sources,
      new RefreshLimiter({
        minIntervalMs:
          (options.refreshMinIntervalSeconds ??
            DEFAULT_REFRESH_MIN_INTERVAL_SECONDS) * 1000,
      }),
      options.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
    );
  }

  private constructor(
    sources: ApplicationStatusSource[],
    refreshes: RefreshLimiter,
    requestDeadlineMs: number,
  ) {
    this.#sources = sources;
    this.#refreshes = refreshes;
    this.#requestDeadlineMs = requestDeadlineMs;
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

  async getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
    options: ApplicationReadOptions = {},
  ): Promise<ApplicationDetail> {
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
    // Kind and namespace stay out of the key: varying them must not buy extra refreshes.
    const refresh = this.#mayRefresh(
      options,
      target,
      `detail|${ref.instance}|${ref.name}`,
    );
    return source.getApplicationDetail(target, ref, {
      refresh,
      deadline: this.#deadline(options),
    });
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
