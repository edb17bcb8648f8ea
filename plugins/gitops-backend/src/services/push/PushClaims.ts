import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CacheService } from '@backstage/backend-plugin-api';

/**
 * Which replica sends a push, agreed through the cache the replicas share
 * (`backend.cache`, e.g. Redis). Every replica's watch sees the same change,
 * so every replica that knows a viewer would push it. For each key (one
 * recipient, entity, application and resourceVersion) a replica skips what
 * another has claimed already, writes its own id, waits for the others
 * flushing at the same moment, and sends only what still reads as its own:
 * the last writer wins. The cache has no atomic set-if-absent; the wait makes
 * up for it, and at worst (a replica stalled longer than the wait) a push is
 * sent twice, which the page skips by resourceVersion.
 */
export class PushClaims {
  readonly #cache: CacheService;
  readonly #waitMs: number;
  readonly #ttlMs: number;
  readonly #id = randomUUID();

  constructor(options: { cache: CacheService; waitMs: number; ttlMs: number }) {
    this.#cache = options.cache;
    this.#waitMs = options.waitMs;
    this.#ttlMs = options.ttlMs;
  }

  /**
   * The keys this replica should send, out of `keys`. One round of reads,
   * one of writes and one of reads again for the whole batch, however many
   * keys; throws when the cache does.
   */
  async claim(keys: Iterable<string>): Promise<Set<string>> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return new Set();
    const held = await Promise.all(unique.map(key => this.#cache.get(key)));
    const free = unique.filter((_, i) => held[i] === undefined);
    if (free.length === 0) return new Set();
    await Promise.all(
      free.map(key => this.#cache.set(key, this.#id, { ttl: this.#ttlMs })),
    );
    await sleep(this.#waitMs);
    const after = await Promise.all(free.map(key => this.#cache.get(key)));
    return new Set(free.filter((_, i) => after[i] === this.#id));
  }
}
