import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  FLUX_KINDS,
  type ApplicationDetail,
  type FluxKind,
  type GitOpsActionRequest,
  type GitOpsActionResponse,
  type GitOpsTarget,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { KubernetesConfig } from '../../config/readKubernetesConfig';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type LimitsConfig,
} from '../../config/readLimitsConfig';
import { byName, selectsArgoCd, toSummary } from '../applications/targeting';
import {
  DEFAULT_WATCH_CONFIG,
  type WatchConfig,
} from '../../config/readWatchConfig';
import type {
  ActionRunOptions,
  ApplicationChange,
  ApplicationObjectKind,
  ApplicationRef,
  ApplicationStatusSource,
  FleetAnswer,
  SourceAnswer,
  SourceReadOptions,
  WatchStatus,
} from '../applications/types';
import { CoalescedCache } from '../shared/CoalescedCache';
import { oneAtATime } from '../shared/oneAtATime';
import { WarnOnce } from '../shared/WarnOnce';
import { WatchGroup } from '../shared/watch/WatchGroup';
import { watchTimingOf } from '../shared/watch/WatchTiming';
import {
  argoCdQueryFor,
  describeMissingApplication,
  fluxSelectorOf,
  type ArgoCdListQuery,
} from './argoCdQuery';
import { ClusterFleet } from './ClusterFleet';
import { ClusterLists, type ClusterHandle } from './ClusterLists';
import { logClusterSetup } from './clusterSetupLog';
import { KubernetesClient } from './KubernetesClient';
import { KubernetesError } from './KubernetesError';
import { runKubernetesAction } from './kubernetesActions';
import {
  argoCdListError,
  fluxListError,
  fluxListErrors,
} from './kubernetesErrorWording';
import { ClusterWatch, type WatchedRead } from './watch/ClusterWatch';

/** What a {@link KubernetesSource} is created with. @public */
export interface KubernetesSourceOptions {
  config: KubernetesConfig;
  logger: LoggerService;
  cache: CacheService;
  /** Answer size limit (the deadline comes with each read); defaults apply without it. */
  limits?: Pick<LimitsConfig, 'maxResponseBytes'>;
  /**
   * Timing of the clusters configured with `watch: true`; defaults to
   * `config.watch`, then to the defaults of `gitops.watch`.
   */
  watch?: WatchConfig;
}

/** One list call's result (or a watch's answer): the objects, or how it failed. */
type Outcome =
  | {
      cluster: string;
      kind: ApplicationObjectKind;
      apps: ApplicationDetail[];
      /** Served anyway: a watch that is down past its threshold. */
      stale?: SourceError;
    }
  | { cluster: string; kind: ApplicationObjectKind; error: KubernetesError };

/** A configured cluster, and its watch when it has `watch: true`. */
interface WatchableCluster extends ClusterHandle {
  watch?: ClusterWatch;
}

/**
 * Argo CD `Application`s and Flux objects read from clusters with one list
 * call per cluster and kind (label or field selected, never the
 * entity-independent whole), answered from `coreServices.cache` for
 * `cacheTtlSeconds` and shared by concurrent callers (see
 * {@link ClusterLists}); a refresh reads them upstream. A cluster
 * configured with `watch: true` answers all of that, and the fleet view,
 * from a {@link ClusterWatch} instead, with no Kubernetes call (a refresh
 * included: the watch is as fresh as the cluster).
 */
export class KubernetesSource implements ApplicationStatusSource {
  readonly #clusters: Map<string, WatchableCluster>;
  readonly #watches: WatchGroup;
  readonly #lists: ClusterLists;
  readonly #fleet: ClusterFleet;

  static create(options: KubernetesSourceOptions): KubernetesSource {
    return new KubernetesSource(options);
  }

  private constructor(options: KubernetesSourceOptions) {
    const { config, logger } = options;
    const cache = new CoalescedCache({
      cache: options.cache,
      ttlMs: config.cacheTtlSeconds * 1000,
      logger,
    });
    this.#lists = new ClusterLists({
      cache,
      logger,
      warnings: new WarnOnce(logger),
    });
    this.#fleet = new ClusterFleet({ cache });
    const watch = options.watch ?? config.watch ?? DEFAULT_WATCH_CONFIG;
    const listInTurn = oneAtATime();
    const warnings = new WarnOnce(logger);
    this.#clusters = new Map(
      config.clusters.map(cluster => {
        const client = KubernetesClient.create({
          cluster,
          timeoutMs: config.timeoutMs,
          maxResponseBytes:
            options.limits?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
          logger,
        });
        const handle: WatchableCluster = { config: cluster, client };
        if (cluster.watch) {
          handle.watch = new ClusterWatch({
            client,
            cluster,
            cache,
            logger,
            warnings,
            listInTurn,
            timing: watchTimingOf(watch),
          });
        }
        return [cluster.name, handle];
      }),
    );
    this.#watches = new WatchGroup(
      [...this.#clusters.values()].flatMap(handle => handle.watch ?? []),
    );
    logClusterSetup(config, logger);
  }

  argoCdInstances(): string[] {
    return [...this.#clusters.values()]
      .filter(handle => handle.config.argocdNamespaces.length > 0)
      .map(handle => handle.config.name);
  }

  servesInstance(instance: string): boolean {
    return this.#clusters.has(instance);
  }

  /** Starts the watches of the clusters configured with `watch: true`. */
  start(): void {
    this.#watches.start();
  }

  async stop(): Promise<void> {
    await this.#watches.stop();
  }

  watchStatuses(): WatchStatus[] {
    return this.#watches.statuses();
  }

  /** Calls `listener` for every change a cluster watch applies; returns the unsubscribe. */
  subscribe(listener: (change: ApplicationChange) => void): () => void {
    return this.#watches.subscribe(listener);
  }

  async getApplications(
    target: GitOpsTarget,
    options: SourceReadOptions = {},
  ): Promise<SourceAnswer> {
    const answer: SourceAnswer = { applications: [], errors: [], searched: [] };
    const selector = fluxSelectorOf(target);
    const loads: Array<Promise<Outcome>> = [];
    for (const handle of this.#argoCdClusters(target)) {
      const query = argoCdQueryFor(handle.config, target);
      if ('error' in query) {
        // Only worth saying to an entity that names this cluster.
        if (target.instances?.includes(handle.config.name)) {
          answer.errors.push(query.error);
        }
      } else {
        loads.push(this.#listArgoCd(handle, query, target, options));
      }
    }
    if (selector) {
      for (const handle of this.#fluxClusters()) {
        loads.push(
          ...FLUX_KINDS.map(kind =>
            this.#listFlux(handle, kind, selector, options),
          ),
        );
      }
    }

    const fluxFailures = new Map<string, Map<FluxKind, KubernetesError>>();
    const stale = new Map<string, SourceError>();
    for (const outcome of await Promise.all(loads)) {
      if ('apps' in outcome) {
        answer.applications.push(...outcome.apps.map(toSummary));
        answer.errors.push(...partialReadErrors(outcome.apps));
        if (outcome.stale) stale.set(outcome.stale.message, outcome.stale);
        if (outcome.kind === 'Application') {
          const cluster = this.#clusters.get(outcome.cluster)!.config;
          answer.searched.push({
            instance: cluster.name,
            describeMissing: name =>
              describeMissingApplication(cluster, target, name),
          });
        }
      } else if (outcome.kind === 'Application') {
        answer.errors.push(argoCdListError(outcome.error).toSourceError());
      } else {
        const failures = fluxFailures.get(outcome.cluster) ?? new Map();
        failures.set(outcome.kind, outcome.error);
        fluxFailures.set(outcome.cluster, failures);
      }
    }
    for (const [cluster, failures] of fluxFailures) {
      answer.errors.push(...fluxListErrors(cluster, failures));
    }
    answer.errors.push(...stale.values());
    answer.applications.sort(byName);
    return answer;
  }

  async listFleet(options: SourceReadOptions = {}): Promise<FleetAnswer> {
    const answers = await Promise.all(
      [...this.#clusters.values()].map(handle =>
        handle.watch
          ? handle.watch.fleet(options.deadline)
          : this.#fleet.read(handle, options),
      ),
    );
    return {
      applications: answers.flatMap(answer => answer.applications),
      errors: answers.flatMap(answer => answer.errors),
    };
  }

  acceptsActions(instance: string): boolean {
    return this.#clusters.get(instance)?.config.actions ?? false;
  }

  async runAction(
    target: GitOpsTarget,
    ref: ApplicationRef,
    request: GitOpsActionRequest,
    options: ActionRunOptions = {},
  ): Promise<GitOpsActionResponse> {
    // Membership from the (usually cached) lists, as for the detail.
    const app = await this.getApplicationDetail(target, ref, {
      deadline: options.deadline,
    });
    return runKubernetesAction({
      handle: this.#clusters.get(ref.instance)!,
      app,
      request,
      run: options,
    });
  }

  async getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
    options: SourceReadOptions = {},
  ): Promise<ApplicationDetail> {
    const handle = this.#clusters.get(ref.instance);
    if (!handle) {
      throw notSelected(ref);
    }
    const outcomes = await Promise.all(
      this.#detailLoads(handle, target, ref, options),
    );
    const matches = outcomes.flatMap(outcome =>
      'apps' in outcome
        ? outcome.apps.filter(
            app =>
              app.name === ref.name &&
              (!ref.namespace || app.namespace === ref.namespace),
          )
        : [],
    );
    if (matches.length === 1) {
      return matches[0];
    }
    if (matches.length > 1) {
      throw new InputError(
        `Several objects named '${ref.name}' are selected on cluster '${
          ref.instance
        }' (${matches
          .map(app => `${app.kind} in namespace ${app.namespace}`)
          .join(', ')}); pass kind and appNamespace`,
      );
    }
    const failed = outcomes.find(
      (outcome): outcome is Extract<Outcome, { error: KubernetesError }> =>
        'error' in outcome,
    );
    if (failed) {
      throw failed.kind === 'Application'
        ? argoCdListError(failed.error)
        : fluxListError(failed.cluster, failed.kind, failed.error);
    }
    throw notSelected(ref);
  }

  /** The (usually cached) list calls that can hold the object `ref` names. */
  #detailLoads(
    handle: ClusterHandle,
    target: GitOpsTarget,
    ref: ApplicationRef,
    options: SourceReadOptions,
  ): Array<Promise<Outcome>> {
    const loads: Array<Promise<Outcome>> = [];
    const wantsKind = (kind: ApplicationObjectKind) =>
      ref.kind === undefined || ref.kind === kind;
    if (
      wantsKind('Application') &&
      this.#argoCdClusters(target).includes(handle)
    ) {
      const query = argoCdQueryFor(handle.config, target);
      if (!('error' in query)) {
        loads.push(this.#listArgoCd(handle, query, target, options));
      }
    }
    const selector = fluxSelectorOf(target);
    if (selector && handle.config.flux) {
      for (const kind of FLUX_KINDS.filter(wantsKind)) {
        loads.push(this.#listFlux(handle, kind, selector, options));
      }
    }
    return loads;
  }

  /** Clusters that serve Argo CD, narrowed by `argocd/instance-name`; none unless the target selects Argo CD. */
  #argoCdClusters(target: GitOpsTarget): ClusterHandle[] {
    if (!selectsArgoCd(target)) {
      return [];
    }
    return [...this.#clusters.values()].filter(
      handle =>
        handle.config.argocdNamespaces.length > 0 &&
        (!target.instances || target.instances.includes(handle.config.name)),
    );
  }

  #fluxClusters(): ClusterHandle[] {
    return [...this.#clusters.values()].filter(handle => handle.config.flux);
  }

  async #outcome(
    handle: ClusterHandle,
    kind: ApplicationObjectKind,
    load: () => Promise<ApplicationDetail[]>,
  ): Promise<Outcome> {
    const cluster = handle.config.name;
    try {
      return { cluster, kind, apps: await load() };
    } catch (error) {
      if (error instanceof KubernetesError) {
        return { cluster, kind, error };
      }
      throw error;
    }
  }

  #listArgoCd(
    handle: ClusterHandle,
    query: ArgoCdListQuery,
    target: GitOpsTarget,
    options: SourceReadOptions,
  ): Promise<Outcome> {
    // Names and projects are filtered here so one cached list serves them all.
    const names =
      !target.appSelector && target.appNames
        ? new Set(target.appNames)
        : undefined;
    const selected = (apps: ApplicationDetail[]) =>
      apps.filter(
        app =>
          (!names || names.has(app.name)) &&
          (!target.projects?.length ||
            target.projects.includes(app.project ?? 'default')),
      );
    const watch = (handle as WatchableCluster).watch;
    if (watch) {
      return watched(
        handle,
        'Application',
        watch.argoCd(query, options.deadline),
        selected,
      );
    }
    return this.#outcome(handle, 'Application', async () =>
      selected(await this.#lists.argoCdApplications(handle, query, options)),
    );
  }

  #listFlux(
    handle: ClusterHandle,
    kind: FluxKind,
    labelSelector: string,
    options: SourceReadOptions,
  ): Promise<Outcome> {
    const watch = (handle as WatchableCluster).watch;
    if (watch) {
      return watched(
        handle,
        kind,
        watch.flux(kind, labelSelector, options.deadline),
        apps => apps,
      );
    }
    return this.#outcome(handle, kind, () =>
      this.#lists.fluxObjects(handle, kind, labelSelector, options),
    );
  }
}

/** A watch's answer as an {@link Outcome}. */
async function watched(
  handle: ClusterHandle,
  kind: ApplicationObjectKind,
  read: Promise<WatchedRead>,
  selected: (apps: ApplicationDetail[]) => ApplicationDetail[],
): Promise<Outcome> {
  const answer = await read;
  const cluster = handle.config.name;
  if ('error' in answer) {
    return { cluster, kind, error: answer.error };
  }
  return {
    cluster,
    kind,
    apps: selected(answer.apps),
    ...(answer.stale ? { stale: answer.stale } : {}),
  };
}

function notSelected(ref: ApplicationRef): NotFoundError {
  return new NotFoundError(
    `${ref.kind ?? 'Object'} '${ref.name}' on cluster '${
      ref.instance
    }' is not one of this entity's applications`,
  );
}

/** The card's note for parts of objects that could not be read in time (one per distinct message). */
function partialReadErrors(apps: ApplicationDetail[]): SourceError[] {
  const byMessage = new Map<string, SourceError>();
  for (const app of apps) {
    for (const error of app.errors ?? []) {
      byMessage.set(error.message, error);
    }
  }
  return [...byMessage.values()];
}
