import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InFlight } from './InFlight';

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

  /** The cached value for `key`, or the result of `load` (run once for all concurrent callers). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.#inFlight.run(key, async () => {
      if (this.#ttlMs > 0) {
        try {
          const hit = await this.#cache.get(key);
          if (hit !== undefined) {
            return hit as unknown as T;
          }
        } catch (error) {
          this.#logger.warn('Cache read failed', { key, error: String(error) });
        }
      }
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
    });
  }
}
