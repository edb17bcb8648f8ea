import { createHash } from 'node:crypto';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  normalizeApplication,
  normalizeApplicationDetail,
  revisionMetadataRequests,
  validateRevision,
  type ApplicationDetail,
  type ApplicationsResponse,
  type ApplicationSummary,
  type GitOpsTarget,
  type RawApplication,
  type RawRevisionMetadata,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  readArgoCdConfig,
  type ArgoCdConfig,
  type ArgoCdInstanceConfig,
} from '../../config/readArgoCdConfig';
import { ArgoCdClient, type ListApplicationsQuery } from './ArgoCdClient';
import { ArgoCdError } from './ArgoCdError';
import { CoalescedCache } from '../shared/CoalescedCache';
import { InFlight } from '../shared/InFlight';
import { LruMap } from './LruMap';
import type { ApplicationRef, ArgoCdStatusService } from './types';

/** Revision metadata entries kept in memory (a few hundred bytes each). */
const METADATA_CACHE_SIZE = 20_000;
/** Parallel revision metadata requests per detail load. */
const METADATA_CONCURRENCY = 4;
/** gRPC `codes.NotFound` in Argo CD's error bodies. */
const GRPC_NOT_FOUND = 5;
/** Bump when the shape of cached values changes. */
const CACHE_VERSION = 'v1';

type MetadataEntry =
  | { metadata: RawRevisionMetadata }
  | { missingUntil: number };

interface InstanceHandle {
  config: ArgoCdInstanceConfig;
  client: ArgoCdClient;
}

function hash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value))
    .digest('base64url')
    .slice(0, 32);
}

/**
 * The upstream list query for a target: one call per instance. A selector
 * wins over names, as in the Roadie and Red Hat plugins. One name uses
 * Argo CD's `name` filter; several names list the (project and namespace
 * filtered) applications once and keep the named ones, so the answer is
 * shared by every entity with the same filters.
 */
export function listQueryFor(target: GitOpsTarget): ListApplicationsQuery {
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

function selectsArgoCd(target: GitOpsTarget): boolean {
  return Boolean(target.appSelector || target.appNames?.length);
}

function sortApplications(apps: ApplicationSummary[]): ApplicationSummary[] {
  return apps.sort(
    (a, b) =>
      a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace),
  );
}

/**
 * The repository a history revision belongs to, for the metadata cache key:
 * the history entry's own source when it has one, else the current spec.
 */
function repoUrlOf(
  app: RawApplication,
  revision: string,
  sourceIndex: number | undefined,
): string | undefined {
  const entry = (app.status?.history ?? []).find(item =>
    sourceIndex === undefined
      ? item.revision === revision
      : item.revisions?.[sourceIndex] === revision,
  );
  const source =
    sourceIndex === undefined
      ? entry?.source ?? app.spec?.source
      : (entry?.sources ?? app.spec?.sources)?.[sourceIndex];
  return typeof source?.repoURL === 'string' ? source.repoURL : undefined;
}

async function mapLimit<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}

/**
 * Reads Argo CD status through each instance's REST API. Answers are cached
 * per instance and query (never per user) for `cacheTtlSeconds`, identical
 * concurrent upstream requests share one promise, and revision metadata,
 * which never changes, is kept in a bounded in-memory map.
 * @public
 */
export class DefaultArgoCdStatusService implements ArgoCdStatusService {
  readonly #instances: Map<string, InstanceHandle>;
  readonly #answers: CoalescedCache;
  readonly #logger: LoggerService;
  readonly #inFlight = new InFlight();
  readonly #metadata = new LruMap<string, MetadataEntry>(METADATA_CACHE_SIZE);

  /** Reads and validates the configuration; throws naming a bad key. */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService; cache: CacheService },
  ): DefaultArgoCdStatusService {
    return DefaultArgoCdStatusService.create({
      config: readArgoCdConfig(config),
      ...options,
    });
  }

  static create(options: {
    config: ArgoCdConfig;
    logger: LoggerService;
    cache: CacheService;
  }): DefaultArgoCdStatusService {
    return new DefaultArgoCdStatusService(options);
  }

  private constructor(options: {
    config: ArgoCdConfig;
    logger: LoggerService;
    cache: CacheService;
  }) {
    const { config, logger, cache } = options;
    this.#logger = logger;
    this.#answers = new CoalescedCache({
      cache,
      ttlMs: config.cacheTtlSeconds * 1000,
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

  async getApplications(target: GitOpsTarget): Promise<ApplicationsResponse> {
    if (!selectsArgoCd(target)) {
      return { applications: [], errors: [] };
    }
    const names = target.instances ?? [...this.#instances.keys()];
    const query = listQueryFor(target);
    const results = await Promise.all(
      names.map(async name => {
        const handle = this.#instances.get(name);
        if (!handle) {
          return { name, error: this.#unknownInstance(name) };
        }
        try {
          const apps = await this.#list(handle, query);
          return { name, apps: this.#keepSelected(apps, target) };
        } catch (error) {
          if (error instanceof ArgoCdError) {
            return { name, error: error.toSourceError() };
          }
          throw error;
        }
      }),
    );

    const applications: ApplicationSummary[] = [];
    const errors: SourceError[] = [];
    const answered: string[] = [];
    for (const result of results) {
      if (result.apps) {
        applications.push(...result.apps);
        answered.push(result.name);
      } else if (result.error) {
        errors.push(result.error);
      }
    }
    // A named application nowhere to be found is most likely a typo in the annotation.
    if (!target.appSelector) {
      for (const appName of target.appNames ?? []) {
        if (!applications.some(app => app.name === appName)) {
          errors.push(
            ...answered.map(instance => ({
              instance,
              application: appName,
              code: 'not-found' as const,
              message: `Argo CD instance '${instance}' has no application '${appName}'${describeFilters(
                target,
              )}`,
            })),
          );
        }
      }
    }
    return { applications, errors };
  }

  async getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
  ): Promise<ApplicationDetail> {
    const notSelected = () =>
      new NotFoundError(
        `Application '${ref.name}' on instance '${ref.instance}' is not one of this entity's applications`,
      );
    const handle = this.#instances.get(ref.instance);
    if (
      !selectsArgoCd(target) ||
      !handle ||
      (target.instances && !target.instances.includes(ref.instance)) ||
      (!target.appSelector && !target.appNames?.includes(ref.name)) ||
      (target.appNamespace &&
        ref.appNamespace &&
        target.appNamespace !== ref.appNamespace)
    ) {
      throw notSelected();
    }

    // Membership comes from the same (usually cached) list the card uses.
    const matches = this.#keepSelected(
      await this.#list(handle, listQueryFor(target)),
      target,
    ).filter(
      app =>
        app.name === ref.name &&
        (!ref.appNamespace || app.namespace === ref.appNamespace),
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
    return this.#detail(handle, matches[0]);
  }

  #unknownInstance(name: string): SourceError {
    const configured = [...this.#instances.keys()];
    return {
      instance: name,
      code: 'not-found',
      message: `No Argo CD instance named '${name}' is configured${
        configured.length ? ` (configured: ${configured.join(', ')})` : ''
      }`,
    };
  }

  #keepSelected(
    apps: ApplicationSummary[],
    target: GitOpsTarget,
  ): ApplicationSummary[] {
    if (target.appSelector || !target.appNames) {
      return apps;
    }
    const names = new Set(target.appNames);
    return apps.filter(app => names.has(app.name));
  }

  async #list(
    handle: InstanceHandle,
    query: ListApplicationsQuery,
  ): Promise<ApplicationSummary[]> {
    const key = `${CACHE_VERSION}:list:${handle.config.name}:${hash(query)}`;
    return this.#answers.get(key, async () => {
      const started = Date.now();
      let items: RawApplication[];
      try {
        items = (await handle.client.listApplications(query)).items ?? [];
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
          items = [];
        } else {
          throw error;
        }
      }
      const apps = sortApplications(
        items.map(app =>
          normalizeApplication(app, {
            instance: handle.config.name,
            uiUrl: handle.config.uiUrl,
            sourceKind: 'argocd',
          }),
        ),
      );
      this.#logger.info('Fetched applications', {
        instance: handle.config.name,
        count: apps.length,
        durationMs: Date.now() - started,
      });
      return apps;
    });
  }

  async #detail(
    handle: InstanceHandle,
    summary: ApplicationSummary,
  ): Promise<ApplicationDetail> {
    const instance = handle.config.name;
    const locator = {
      name: summary.name,
      appNamespace: summary.namespace || undefined,
      project: summary.project,
    };
    const key = `${CACHE_VERSION}:detail:${instance}:${hash(locator)}`;
    return this.#answers.get(key, async () => {
      const [app, tree] = await Promise.all([
        handle.client.getApplication(locator),
        handle.client.getResourceTree(locator),
      ]);
      const metadataKey = (revision: string, sourceIndex?: number) => {
        const repoURL = repoUrlOf(app, revision, sourceIndex);
        return repoURL
          ? `${instance}|${repoURL}|${revision}`
          : `${instance}|app:${locator.appNamespace ?? ''}/${locator.name}:${
              sourceIndex ?? ''
            }|${revision}`;
      };

      const wanted = revisionMetadataRequests(app).filter(
        request => validateRevision(request.revision) === undefined,
      );
      const unseen = wanted.filter(request => {
        const entry = this.#metadata.get(
          metadataKey(request.revision, request.sourceIndex),
        );
        return (
          !entry || ('missingUntil' in entry && entry.missingUntil < Date.now())
        );
      });
      await mapLimit(unseen, METADATA_CONCURRENCY, async request => {
        const cacheKey = metadataKey(request.revision, request.sourceIndex);
        await this.#inFlight.run(`metadata:${cacheKey}`, async () => {
          try {
            const metadata = await handle.client.getRevisionMetadata(
              locator,
              request.revision,
              request.sourceIndex,
            );
            this.#metadata.set(cacheKey, { metadata });
          } catch (error) {
            if (!(error instanceof ArgoCdError)) {
              throw error;
            }
            // Author and message are garnish: show the history without them
            // and ask again only after the status TTL.
            this.#metadata.set(cacheKey, {
              missingUntil: Date.now() + this.#answers.ttlMs,
            });
            this.#logger.warn('Could not read revision metadata', {
              instance,
              application: locator.name,
              revision: request.revision,
              code: error.code,
            });
          }
        });
      });

      const detail = normalizeApplicationDetail(app, {
        instance,
        uiUrl: handle.config.uiUrl,
        sourceKind: 'argocd',
        tree,
        revisionMetadata: (revision, sourceIndex) => {
          const entry = this.#metadata.get(metadataKey(revision, sourceIndex));
          return entry && 'metadata' in entry ? entry.metadata : undefined;
        },
      });
      this.#logger.info('Fetched application detail', {
        instance,
        application: locator.name,
        metadataRequests: unseen.length,
      });
      return detail;
    });
  }
}

function describeFilters(target: GitOpsTarget): string {
  const parts: string[] = [];
  if (target.appNamespace) parts.push(`in namespace '${target.appNamespace}'`);
  if (target.projects?.length) {
    parts.push(`in project ${target.projects.map(p => `'${p}'`).join(' or ')}`);
  }
  return parts.length ? ` ${parts.join(' ')}` : '';
}
