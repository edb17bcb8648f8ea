import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  fleetLinksOf,
  labelsOf,
  normalizeApplication,
  type ApplicationDetail,
  type ApplicationSummary,
  type GitOpsActionRequest,
  type GitOpsActionResponse,
  type GitOpsTarget,
  type RawApplication,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type {
  ArgoCdConfig,
  ArgoCdInstanceConfig,
} from '../../config/readArgoCdConfig';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type LimitsConfig,
} from '../../config/readLimitsConfig';
import {
  DEFAULT_WATCH_CONFIG,
  type WatchConfig,
} from '../../config/readWatchConfig';
import {
  byName,
  namedApplications,
  selectsArgoCd,
} from '../applications/targeting';
import type {
  ActionRunOptions,
  ApplicationRef,
  ApplicationStatusSource,
  SearchedPlace,
  SourceAnswer,
  SourceReadOptions,
  WatchStatus,
  ApplicationChange,
  FleetAnswer,
  FleetCandidate,
} from '../applications/types';
import { CoalescedCache } from '../shared/CoalescedCache';
import { oneAtATime } from '../shared/oneAtATime';
import { cacheKeyHash } from '../shared/upstreamValues';
import { WatchGroup } from '../shared/watch/WatchGroup';
import { watchTimingOf } from '../shared/watch/WatchTiming';
import { ArgoCdClient, type ListApplicationsQuery } from './ArgoCdClient';
import { ArgoCdError } from './ArgoCdError';
import { ApplicationDetailLoader } from './ApplicationDetailLoader';
import { runArgoCdAction } from './argoCdActions';
import { ArgoCdWatch } from './watch/ArgoCdWatch';
import type { WatchSelection } from './watch/WatchedApplications';

/** gRPC `codes.NotFound` in Argo CD's error bodies. */
const GRPC_NOT_FOUND = 5;
/** Bump when the shape of cached values changes. */
const CACHE_VERSION = 'v1';

/** What an {@link ArgoCdApiSource} is created with. @public */
export interface ArgoCdApiSourceOptions {
  config: ArgoCdConfig;
  logger: LoggerService;
  cache: CacheService;
  /** Answer size limit (the deadline comes with each read); defaults apply without it. */
  limits?: Pick<LimitsConfig, 'maxResponseBytes'>;
  /** Timing of the instances configured with `watch: true`; defaults apply without it. */
  watch?: WatchConfig;
}

interface InstanceHandle {
  config: ArgoCdInstanceConfig;
  client: ArgoCdClient;
  /** Set for `watch: true`: lists come from memory. */
  watch?: ArgoCdWatch;
}

function searchedPlace(instance: string, target: GitOpsTarget): SearchedPlace {
  return {
    instance,
    describeMissing: name =>
      `Argo CD instance '${instance}' has no application '${name}'${describeFilters(
        target,
      )}`,
  };
}

/** What a watch is asked for a target: the same filters as {@link listQueryFor}, names included. */
function watchSelectionFor(target: GitOpsTarget): WatchSelection {
  return {
    names: namedApplications(target),
    selector: target.appSelector,
    projects: target.projects,
    appNamespace: target.appNamespace,
  };
}

/**
 * The upstream list query for a target: one call per instance. A selector
 * wins over names, as in the Roadie and Red Hat plugins. One name uses
 * Argo CD's `name` filter; several names list the (project and namespace
 * filtered) applications once and keep the named ones, so the answer is
 * shared by every entity with the same filters.
 */
function listQueryFor(target: GitOpsTarget): ListApplicationsQuery {
  const query: ListApplicationsQuery = {};
  if (target.appSelector) {
    query.selector = target.appSelector;
  } else if (target.appNames?.length === 1) {
    query.name = target.appNames[0];
  }
  if (target.projects?.length) {
    query.projects = [...target.projects].sort();
  }
  if (target.appNamespace) {
    query.appNamespace = target.appNamespace;
  }
  return query;
}

function describeFilters(target: GitOpsTarget): string {
  const parts: string[] = [];
  if (target.appNamespace) parts.push(`in namespace '${target.appNamespace}'`);
  if (target.projects?.length) {
    parts.push(`in project ${target.projects.map(p => `'${p}'`).join(' or ')}`);
  }
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/**
 * Argo CD status through each instance's REST API. Lists are cached per
 * instance and query (never per user) for `cacheTtlSeconds` and identical
 * concurrent upstream requests share one promise; details are loaded by
 * the {@link ApplicationDetailLoader}. A refresh reads the list (and the
 * detail) upstream and caches that answer. An instance configured with
 * `watch: true` answers lists and membership from an {@link ArgoCdWatch}
 * instead, with no Argo CD call; its details are cached per
 * resourceVersion, so a change the stream reports is never hidden by the
 * detail cache.
 */
export class ArgoCdApiSource implements ApplicationStatusSource {
  readonly #instances: Map<string, InstanceHandle>;
  readonly #watches: WatchGroup;
  readonly #answers: CoalescedCache;
  readonly #details: ApplicationDetailLoader;
  readonly #logger: LoggerService;

  static create(options: ArgoCdApiSourceOptions): ArgoCdApiSource {
    return new ArgoCdApiSource(options);
  }

  private constructor(options: ArgoCdApiSourceOptions) {
    const { config, logger, cache } = options;
    this.#logger = logger;
    this.#answers = new CoalescedCache({
      cache,
      ttlMs: config.cacheTtlSeconds * 1000,
      logger,
    });
    this.#details = new ApplicationDetailLoader({
      answers: this.#answers,
      logger,
    });
    const watch = options.watch ?? DEFAULT_WATCH_CONFIG;
    const listInTurn = oneAtATime();
    this.#instances = new Map(
      config.instances.map(instance => {
        const client = ArgoCdClient.create({
          instance,
          timeoutMs: config.timeoutMs,
          maxResponseBytes:
            options.limits?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
          logger,
        });
        const handle: InstanceHandle = { config: instance, client };
        if (instance.watch) {
          handle.watch = new ArgoCdWatch({
            client,
            config: instance,
            logger,
            listInTurn,
            timing: watchTimingOf(watch),
          });
        }
        return [instance.name, handle];
      }),
    );
    this.#watches = new WatchGroup(
      [...this.#instances.values()].flatMap(handle => handle.watch ?? []),
    );
    if (config.instances.length === 0) {
      logger.warn(
        'No Argo CD instances configured (gitops.argocd.instances); Argo CD status is unavailable',
      );
    } else {
      logger.info('Argo CD instances configured', {
        instances: config.instances.map(instance => instance.name).join(','),
      });
    }
  }

  argoCdInstances(): string[] {
    return [...this.#instances.keys()];
  }

  /** Starts the watches of the instances configured with `watch: true`. */
  start(): void {
    this.#watches.start();
  }

  async stop(): Promise<void> {
    await this.#watches.stop();
  }

  watchStatuses(): WatchStatus[] {
    return this.#watches.statuses();
  }

  /** Calls `listener` for every change a watch applies; returns the unsubscribe. */
  subscribe(listener: (change: ApplicationChange) => void): () => void {
    return this.#watches.subscribe(listener);
  }

  servesInstance(instance: string): boolean {
    return this.#instances.has(instance);
  }

  async getApplications(
    target: GitOpsTarget,
    options: SourceReadOptions = {},
  ): Promise<SourceAnswer> {
    if (!selectsArgoCd(target)) {
      return { applications: [], errors: [], searched: [] };
    }
    const handles = (target.instances ?? this.argoCdInstances()).flatMap(
      name => this.#instances.get(name) ?? [],
    );
    const query = listQueryFor(target);
    const answer: SourceAnswer = { applications: [], errors: [], searched: [] };
    const results = await Promise.all(
      handles.map(handle => this.#listed(handle, query, target, options)),
    );
    for (const result of results) {
      if ('error' in result) {
        answer.errors.push(result.error);
      } else {
        answer.applications.push(...result.apps);
        answer.searched.push(result.searched);
        if (result.warning) answer.errors.push(result.warning);
      }
    }
    return answer;
  }

  async listFleet(options: SourceReadOptions = {}): Promise<FleetAnswer> {
    const answer: FleetAnswer = { applications: [], errors: [] };
    const results = await Promise.all(
      [...this.#instances.values()].map(handle =>
        this.#fleetOf(handle, options),
      ),
    );
    for (const result of results) {
      answer.applications.push(...(result.applications ?? []));
      if (result.error) answer.errors.push(result.error);
    }
    return answer;
  }

  async getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
    options: SourceReadOptions = {},
  ): Promise<ApplicationDetail> {
    const { handle, app } = await this.#selected(target, ref, options);
    return this.#details.load(handle.client, handle.config, app, {
      ...options,
      version: handle.watch?.resourceVersionOf(app.namespace, app.name),
    });
  }

  acceptsActions(instance: string): boolean {
    return this.#instances.get(instance)?.config.actions ?? false;
  }

  async runAction(
    target: GitOpsTarget,
    ref: ApplicationRef,
    request: GitOpsActionRequest,
    options: ActionRunOptions = {},
  ): Promise<GitOpsActionResponse> {
    const { handle, app } = await this.#selected(target, ref, {
      deadline: options.deadline,
    });
    return runArgoCdAction({
      client: handle.client,
      context: {
        instance: handle.config.name,
        uiUrl: handle.config.uiUrl,
        sourceKind: 'argocd',
      },
      app,
      request,
      run: options,
    });
  }

  /**
   * The one application of the target that `ref` names, with its
   * instance. Membership comes from the same (usually cached) list the
   * card uses, so nothing per application is asked for one the entity
   * does not select.
   */
  async #selected(
    target: GitOpsTarget,
    ref: ApplicationRef,
    options: SourceReadOptions,
  ): Promise<{ handle: InstanceHandle; app: ApplicationSummary }> {
    if (ref.kind && ref.kind !== 'Application') {
      throw new NotFoundError(
        `${ref.kind} '${ref.name}' cannot be on '${ref.instance}': it is not a configured Kubernetes cluster`,
      );
    }
    const notSelected = () =>
      new NotFoundError(
        `Application '${ref.name}' on instance '${ref.instance}' is not one of this entity's applications`,
      );
    const handle = this.#instances.get(ref.instance);
    const names = namedApplications(target);
    if (
      !selectsArgoCd(target) ||
      !handle ||
      (target.instances && !target.instances.includes(ref.instance)) ||
      (names && !names.includes(ref.name)) ||
      (target.appNamespace &&
        ref.namespace &&
        target.appNamespace !== ref.namespace)
    ) {
      throw notSelected();
    }

    const matches = (
      handle.watch
        ? await this.#watched(handle.watch, target, options)
        : keepSelected(
            await this.#list(handle, listQueryFor(target), options),
            target,
          )
    ).filter(
      app =>
        app.name === ref.name &&
        (!ref.namespace || app.namespace === ref.namespace),
    );
    if (matches.length === 0) {
      throw notSelected();
    }
    if (matches.length > 1) {
      throw new InputError(
        `Several applications named '${ref.name}' exist on instance '${
          ref.instance
        }' (namespaces ${matches
          .map(app => app.namespace)
          .join(', ')}); pass appNamespace`,
      );
    }
    return { handle, app: matches[0] };
  }

  async #listed(
    handle: InstanceHandle,
    query: ListApplicationsQuery,
    target: GitOpsTarget,
    options: SourceReadOptions,
  ): Promise<
    | {
        apps: ApplicationSummary[];
        searched: SearchedPlace;
        /** Served anyway: a watch that is down past its threshold. */
        warning?: SourceError;
      }
    | { error: SourceError }
  > {
    const instance = handle.config.name;
    if (handle.watch) {
      const answer = await handle.watch.answer(
        watchSelectionFor(target),
        options.deadline,
      );
      if (!('applications' in answer)) {
        return { error: answer.error };
      }
      return {
        apps: answer.applications,
        searched: searchedPlace(instance, target),
        warning: answer.error,
      };
    }
    try {
      const apps = keepSelected(
        await this.#list(handle, query, options),
        target,
      );
      return {
        apps,
        searched: searchedPlace(instance, target),
      };
    } catch (error) {
      if (error instanceof ArgoCdError) {
        return { error: error.toSourceError() };
      }
      throw error;
    }
  }

  /** A watch's answer for membership checks: a stale one still serves, no answer is an error. */
  async #watched(
    watch: ArgoCdWatch,
    target: GitOpsTarget,
    options: SourceReadOptions,
  ): Promise<ApplicationSummary[]> {
    const answer = await watch.answer(
      watchSelectionFor(target),
      options.deadline,
    );
    if (!('applications' in answer)) {
      throw new ArgoCdError(answer.error);
    }
    return answer.applications;
  }

  /** One instance's applications for the fleet view: the watch's memory, else one cached unfiltered list. */
  async #fleetOf(
    handle: InstanceHandle,
    options: SourceReadOptions,
  ): Promise<{ applications?: FleetCandidate[]; error?: SourceError }> {
    if (handle.watch) {
      const held = await handle.watch.everything(options.deadline);
      return {
        applications:
          'applications' in held
            ? held.applications.map(watched => ({
                application: watched.summary,
                labels: watched.labels,
                links: watched.links ?? {},
              }))
            : undefined,
        error: held.error,
      };
    }
    const key = `${CACHE_VERSION}:fleet:${handle.config.name}`;
    try {
      const applications = await this.#answers.get(
        key,
        () =>
          handle.client.mapApplications(
            {},
            (app): FleetCandidate => ({
              application: normalizeApplication(app, {
                instance: handle.config.name,
                uiUrl: handle.config.uiUrl,
                sourceKind: 'argocd',
              }),
              labels: labelsOf(app),
              links: fleetLinksOf(app),
            }),
            { deadline: options.deadline },
          ),
        { fresh: options.refresh },
      );
      return { applications };
    } catch (error) {
      if (error instanceof ArgoCdError) {
        return { error: error.toSourceError() };
      }
      throw error;
    }
  }

  async #list(
    handle: InstanceHandle,
    query: ListApplicationsQuery,
    options: SourceReadOptions,
  ): Promise<ApplicationSummary[]> {
    const key = `${CACHE_VERSION}:list:${handle.config.name}:${cacheKeyHash(
      query,
    )}`;
    return this.#answers.get(
      key,
      () => this.#fetchList(handle, query, options),
      { fresh: options.refresh },
    );
  }

  async #fetchList(
    handle: InstanceHandle,
    query: ListApplicationsQuery,
    options: SourceReadOptions,
  ): Promise<ApplicationSummary[]> {
    const started = Date.now();
    const normalize = (app: RawApplication) =>
      normalizeApplication(app, {
        instance: handle.config.name,
        uiUrl: handle.config.uiUrl,
        sourceKind: 'argocd',
      });
    let apps: ApplicationSummary[];
    try {
      // Normalized as they are parsed: raw applications never pile up.
      apps = await handle.client.mapApplications(query, normalize, {
        deadline: options.deadline,
      });
    } catch (error) {
      // Older Argo CD versions answer a name filter that matches nothing
      // with gRPC NotFound (argo.FilterByName); a 404 without that code is
      // a wrong URL and stays an error.
      if (
        error instanceof ArgoCdError &&
        error.code === 'not-found' &&
        error.upstreamCode === GRPC_NOT_FOUND &&
        query.name
      ) {
        apps = [];
      } else {
        throw error;
      }
    }
    apps.sort(byName);
    this.#logger.info('Fetched applications', {
      instance: handle.config.name,
      count: apps.length,
      durationMs: Date.now() - started,
    });
    return apps;
  }
}

function keepSelected(
  apps: ApplicationSummary[],
  target: GitOpsTarget,
): ApplicationSummary[] {
  const names = namedApplications(target);
  if (!names) {
    return apps;
  }
  const wanted = new Set(names);
  return apps.filter(app => wanted.has(app.name));
}
