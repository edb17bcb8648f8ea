import { LRUCache } from 'lru-cache';

/** Keys remembered at most; the least recently refreshed are forgotten first. */
const DEFAULT_MAX_KEYS = 10_000;

/**
 * At most one refresh per key per interval, so a refresh button (or a
 * script) cannot turn the cache into an upstream load per request. Keys
 * live in a bounded LRU: memory stays flat however many entities ask, and
 * a forgotten key only means its next refresh is allowed.
 */
export class RefreshLimiter {
  readonly #minIntervalMs: number;
  readonly #now: () => number;
  readonly #lastRefresh: LRUCache<string, number>;

  constructor(options: {
    /** 0 allows every refresh. */
    minIntervalMs: number;
    maxKeys?: number;
    now?: () => number;
  }) {
    this.#minIntervalMs = options.minIntervalMs;
    this.#now = options.now ?? (() => Date.now());
    this.#lastRefresh = new LRUCache({
      max: options.maxKeys ?? DEFAULT_MAX_KEYS,
    });
  }

  /** True, and the interval starts for `key`, unless `key` was refreshed less than the interval ago. */
  tryAcquire(key: string): boolean {
    if (this.#minIntervalMs <= 0) {
      return true;
    }
    const now = this.#now();
    const last = this.#lastRefresh.get(key);
    if (last !== undefined && now - last < this.#minIntervalMs) {
      return false;
    }
    this.#lastRefresh.set(key, now);
    return true;
  }
}
