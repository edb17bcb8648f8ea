import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
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
} from '../applications/types';
import { CoalescedCache } from '../shared/CoalescedCache';
import { cacheKeyHash } from '../shared/upstreamValues';
import { ArgoCdClient, type ListApplicationsQuery } from './ArgoCdClient';
import { ArgoCdError } from './ArgoCdError';
import { ApplicationDetailLoader } from './ApplicationDetailLoader';
import { runArgoCdAction } from './argoCdActions';

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
}

interface InstanceHandle {
  config: ArgoCdInstanceConfig;
  client: ArgoCdClient;
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
 * detail) upstream and caches that answer.
 */
export class ArgoCdApiSource implements ApplicationStatusSource {
  readonly #instances: Map<string, InstanceHandle>;
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
    this.#instances = new Map(
      config.instances.map(instance => [
        instance.name,
        {
          config: instance,
          client: ArgoCdClient.create({
            instance,
            timeoutMs: config.timeoutMs,
            maxResponseBytes:
              options.limits?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
            logger,
          }),
        },
      ]),
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
      }
    }
    return answer;
  }

  async getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
    options: SourceReadOptions = {},
  ): Promise<ApplicationDetail> {
    const { handle, app } = await this.#selected(target, ref, options);
    return this.#details.load(handle.client, handle.config, app, options);
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

    const matches = keepSelected(
      await this.#list(handle, listQueryFor(target), options),
      target,
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
    | { apps: ApplicationSummary[]; searched: SearchedPlace }
    | { error: SourceError }
  > {
    const instance = handle.config.name;
    try {
      const apps = keepSelected(
        await this.#list(handle, query, options),
        target,
      );
      return {
        apps,
        searched: {
          instance,
          describeMissing: name =>
            `Argo CD instance '${instance}' has no application '${name}'${describeFilters(
              target,
            )}`,
        },
      };
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
