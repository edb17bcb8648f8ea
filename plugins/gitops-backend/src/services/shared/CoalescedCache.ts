import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InFlight } from './InFlight';

/** How one {@link CoalescedCache.get} reads. */
export interface CacheReadOptions {
  /** Skip the cache read and load from upstream; the answer still replaces the cached one. */
  fresh?: boolean;
}

/**
 * Upstream answers kept in `coreServices.cache` for a TTL, with identical
 * concurrent loads coalesced into one. Failures are not cached, and a cache
 * that is down only costs the caching. A TTL of 0 turns caching off (loads
 * are still coalesced).
 */
export class CoalescedCache {
  readonly #cache: CacheService;
  readonly #ttlMs: number;
  readonly #logger: LoggerService;
  readonly #inFlight = new InFlight();

  constructor(options: {
    cache: CacheService;
    ttlMs: number;
    logger: LoggerService;
  }) {
    this.#cache = options.cache;
    this.#ttlMs = options.ttlMs;
    this.#logger = options.logger;
  }

  /** The TTL in milliseconds. */
  get ttlMs(): number {
    return this.#ttlMs;
  }

  /**
   * The cached value for `key`, or the result of `load` (run once for all
   * concurrent callers). A `fresh` read always runs `load`, shared only with
   * other fresh reads: a plain read under way may answer from the cache.
   * A plain read joins a fresh one under way, whose answer is newer than
   * anything cached.
   */
  get<T>(
    key: string,
    load: () => Promise<T>,
    options: CacheReadOptions = {},
  ): Promise<T> {
    const freshKey = `fresh|${key}`;
    if (options.fresh) {
      return this.#inFlight.run(freshKey, () => this.#loadAndStore(key, load));
    }
    return (
      this.#inFlight.pending<T>(freshKey) ??
      this.#inFlight.run(key, async () => {
        const hit = await this.#read<T>(key);
        return hit !== undefined ? hit : this.#loadAndStore(key, load);
      })
    );
  }

  async #read<T>(key: string): Promise<T | undefined> {
    if (this.#ttlMs <= 0) {
      return undefined;
    }
    try {
      return (await this.#cache.get(key)) as unknown as T | undefined;
    } catch (error) {
      this.#logger.warn('Cache read failed', { key, error: String(error) });
      return undefined;
    }
  }

  async #loadAndStore<T>(key: string, load: () => Promise<T>): Promise<T> {
    const value = await load();
    if (this.#ttlMs > 0) {
      try {
        await this.#cache.set(
          key,
          value as unknown as Parameters<CacheService['set']>[1],
          { ttl: this.#ttlMs },
        );
      } catch (error) {
        this.#logger.warn('Cache write failed', {
          key,
          error: String(error),
        });
      }
    }
    return value;
  }
}
