import { LRUCache } from 'lru-cache';

/** Keys remembered at most; the least recently refreshed are forgotten first. */
const DEFAULT_MAX_KEYS = 10_000;
/** How often a followed key may refresh: the tab polls every 2 s while an operation runs. */
const DEFAULT_FOLLOW_INTERVAL_MS = 1_500;

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
  /** Keys someone is following after an action, with when that ends. */
  readonly #followed: LRUCache<string, number>;
  readonly #followIntervalMs: number;

  constructor(options: {
    /** 0 allows every refresh. */
    minIntervalMs: number;
    maxKeys?: number;
    /** The interval while a key is followed after an action. */
    followIntervalMs?: number;
    now?: () => number;
  }) {
    this.#minIntervalMs = options.minIntervalMs;
    this.#now = options.now ?? (() => Date.now());
    this.#lastRefresh = new LRUCache({
      max: options.maxKeys ?? DEFAULT_MAX_KEYS,
    });
    this.#followed = new LRUCache({ max: options.maxKeys ?? DEFAULT_MAX_KEYS });
    this.#followIntervalMs = Math.min(
      options.followIntervalMs ?? DEFAULT_FOLLOW_INTERVAL_MS,
      this.#minIntervalMs,
    );
  }

  /**
   * After an action, whoever took it follows the operation: for `forMs`,
   * `key` may refresh every `followIntervalMs` (1.5 s by default) instead
   * of every interval, starting now.
   */
  follow(key: string, forMs: number): void {
    this.#followed.set(key, this.#now() + forMs);
    this.#lastRefresh.delete(key);
  }

  /** True, and the interval starts for `key`, unless `key` was refreshed less than the interval ago. */
  tryAcquire(key: string): boolean {
    if (this.#minIntervalMs <= 0) {
      return true;
    }
    const now = this.#now();
    const last = this.#lastRefresh.get(key);
    const followedUntil = this.#followed.get(key);
    const interval =
      followedUntil !== undefined && now < followedUntil
        ? this.#followIntervalMs
        : this.#minIntervalMs;
    if (last !== undefined && now - last < interval) {
      return false;
    }
    this.#lastRefresh.set(key, now);
    return true;
  }
}
