import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  RawRevisionMetadata,
  SourceErrorCode,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { InFlight } from '../shared/InFlight';
import { ArgoCdError } from './ArgoCdError';

/** Why a revision's metadata is missing: the upstream failure, remembered for a while. */
export interface MetadataFailure {
  code: SourceErrorCode;
  message: string;
}

type Entry = { metadata: RawRevisionMetadata } | { failed: MetadataFailure };

/** One revision whose metadata a detail view wants. */
export interface RevisionMetadataRequest {
  /** Identifies the revision: instance, repository and revision. */
  key: string;
  fetch: () => Promise<RawRevisionMetadata>;
  /** Logged with a failure. */
  context: Record<string, unknown>;
}

/**
 * Commit author and message per revision, which never change for a commit:
 * kept in a bounded in-memory LRU, fetched a few at a time, one upstream
 * call per revision however many views want it at once. A failed fetch is
 * remembered for `retryAfterMs`, so a broken metadata endpoint costs one
 * call per revision per interval rather than one per page view.
 */
export class RevisionMetadataCache {
  readonly #entries: LRUCache<string, Entry>;
  readonly #inFlight = new InFlight();
  readonly #concurrency: number;
  readonly #retryAfterMs: number;
  readonly #logger: LoggerService;

  constructor(options: {
    maxEntries: number;
    concurrency: number;
    retryAfterMs: number;
    logger: LoggerService;
  }) {
    this.#entries = new LRUCache({ max: options.maxEntries });
    this.#concurrency = options.concurrency;
    this.#retryAfterMs = options.retryAfterMs;
    this.#logger = options.logger;
  }

  /** The metadata of `key`, when it has been fetched. */
  get(key: string): RawRevisionMetadata | undefined {
    const entry = this.#entries.get(key);
    return entry && 'metadata' in entry ? entry.metadata : undefined;
  }

  /** Why the metadata of `key` is missing, when its fetch failed recently. */
  failureOf(key: string): MetadataFailure | undefined {
    const entry = this.#entries.get(key);
    return entry && 'failed' in entry ? entry.failed : undefined;
  }

  /**
   * Fetches what is not known yet; answers how many upstream calls that
   * took. Fetches that fail now are added to `failures` (by key), however
   * briefly the cache remembers them.
   */
  async load(
    requests: RevisionMetadataRequest[],
    failures?: Map<string, MetadataFailure>,
  ): Promise<number> {
    const unseen = requests.filter(request => !this.#entries.has(request.key));
    const limit = pLimit(this.#concurrency);
    await Promise.all(
      unseen.map(async request => {
        const failure = await limit(() =>
          this.#inFlight.run(request.key, () => this.#fetch(request)),
        );
        if (failure) {
          failures?.set(request.key, failure);
        }
      }),
    );
    return unseen.length;
  }

  async #fetch(
    request: RevisionMetadataRequest,
  ): Promise<MetadataFailure | undefined> {
    try {
      this.#entries.set(request.key, { metadata: await request.fetch() });
      return undefined;
    } catch (error) {
      if (!(error instanceof ArgoCdError)) {
        throw error;
      }
      // Author and message are garnish: show the history without them.
      const failed = { code: error.code, message: error.message };
      this.#entries.set(
        request.key,
        { failed },
        { ttl: Math.max(1, this.#retryAfterMs) },
      );
      this.#logger.warn('Could not read revision metadata', {
        ...request.context,
        code: error.code,
      });
      return failed;
    }
  }
}
