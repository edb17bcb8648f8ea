import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  normalizeApplicationDetail,
  revisionMetadataRequests,
  validateRevision,
  type ApplicationDetail,
  type ApplicationSummary,
  type RawApplication,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { ArgoCdInstanceConfig } from '../../config/readArgoCdConfig';
import type { SourceReadOptions } from '../applications/types';
import type { CoalescedCache } from '../shared/CoalescedCache';
import type { Deadline } from '../shared/Deadline';
import { cacheKeyHash } from '../shared/upstreamValues';
import type { ApplicationLocator, ArgoCdClient } from './ArgoCdClient';
import {
  RevisionMetadataCache,
  type MetadataFailure,
} from './RevisionMetadataCache';

/** Revision metadata entries kept in memory (a few hundred bytes each). */
const METADATA_CACHE_SIZE = 20_000;
/** Parallel revision metadata requests per detail load. */
const METADATA_CONCURRENCY = 4;
/** Bump when the shape of cached values changes. */
const CACHE_VERSION = 'v1';

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

/**
 * One application's detail from Argo CD's API: the application and its
 * resource tree, and commit metadata for its history. The answer is cached
 * with the lists' TTL; revision metadata, which never changes, outlives it
 * and is not read again by a refresh.
 */
export class ApplicationDetailLoader {
  readonly #answers: CoalescedCache;
  readonly #metadata: RevisionMetadataCache;
  readonly #logger: LoggerService;

  constructor(options: { answers: CoalescedCache; logger: LoggerService }) {
    this.#answers = options.answers;
    this.#logger = options.logger;
    this.#metadata = new RevisionMetadataCache({
      maxEntries: METADATA_CACHE_SIZE,
      concurrency: METADATA_CONCURRENCY,
      // Ask again for metadata that failed once the status is stale anyway.
      retryAfterMs: options.answers.ttlMs,
      logger: options.logger,
    });
  }

  load(
    client: ArgoCdClient,
    config: ArgoCdInstanceConfig,
    summary: ApplicationSummary,
    options: SourceReadOptions & {
      /** The application's resourceVersion when a watch holds it: a new one misses the cache. */
      version?: string;
    } = {},
  ): Promise<ApplicationDetail> {
    const instance = config.name;
    const locator = {
      name: summary.name,
      appNamespace: summary.namespace || undefined,
      project: summary.project,
    };
    const key = `${CACHE_VERSION}:detail:${instance}:${cacheKeyHash(locator)}${
      options.version ? `@${options.version}` : ''
    }`;
    return this.#answers.get(
      key,
      () => this.#fetch(client, config, locator, options.deadline),
      { fresh: options.refresh },
    );
  }

  async #fetch(
    client: ArgoCdClient,
    config: ArgoCdInstanceConfig,
    locator: ApplicationLocator,
    deadline: Deadline | undefined,
  ): Promise<ApplicationDetail> {
    const instance = config.name;
    const [app, tree] = await Promise.all([
      client.getApplication(locator, { deadline }),
      client.getResourceTree(locator, { deadline }),
    ]);
    const metadataKey = (revision: string, sourceIndex?: number) => {
      const repoURL = repoUrlOf(app, revision, sourceIndex);
      return repoURL
        ? `${instance}|${repoURL}|${revision}`
        : `${instance}|app:${locator.appNamespace ?? ''}/${locator.name}:${
            sourceIndex ?? ''
          }|${revision}`;
    };
    const requests = revisionMetadataRequests(app)
      .filter(request => validateRevision(request.revision) === undefined)
      .map(({ revision, sourceIndex }) => ({
        key: metadataKey(revision, sourceIndex),
        fetch: () =>
          client.getRevisionMetadata(locator, revision, sourceIndex, {
            deadline,
          }),
        context: { instance, application: locator.name, revision },
      }));
    const failures = new Map<string, MetadataFailure>();
    const fetched = await this.#metadata.load(requests, failures);

    const detail = normalizeApplicationDetail(app, {
      instance,
      uiUrl: config.uiUrl,
      sourceKind: 'argocd',
      tree,
      revisionMetadata: (revision, sourceIndex) =>
        this.#metadata.get(metadataKey(revision, sourceIndex)),
    });
    const missing = this.#missingMetadata(
      requests.map(request => request.key),
      failures,
      { instance, application: locator.name },
    );
    if (missing) {
      detail.errors = [missing];
    }
    this.#logger.info('Fetched application detail', {
      instance,
      application: locator.name,
      metadataRequests: fetched,
    });
    return detail;
  }

  /** One note for the history entries shown without commit metadata, or none. */
  #missingMetadata(
    keys: string[],
    failedNow: Map<string, MetadataFailure>,
    where: { instance: string; application: string },
  ): SourceError | undefined {
    const failures = keys.flatMap(
      key => failedNow.get(key) ?? this.#metadata.failureOf(key) ?? [],
    );
    if (failures.length === 0) {
      return undefined;
    }
    const first = failures[0];
    return {
      ...where,
      code: first.code,
      message: `The history is shown without commit author and message for ${
        failures.length
      } of ${keys.length} ${keys.length === 1 ? 'revision' : 'revisions'}: ${
        first.message
      }`,
    };
  }
}
