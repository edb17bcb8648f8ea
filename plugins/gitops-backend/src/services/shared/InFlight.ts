/**
 * Coalesces identical concurrent work: while a promise for a key is pending,
 * every caller asking for the same key gets that promise instead of starting
 * the work again.
 */
export class InFlight {
  readonly #pending = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const pending = this.#pending.get(key);
    if (pending) {
      return pending as Promise<T>;
    }
    const promise = work().finally(() => {
      this.#pending.delete(key);
    });
    this.#pending.set(key, promise);
    return promise;
  }

  /** The promise of work under way for `key`, if any, without starting any. */
  pending<T>(key: string): Promise<T> | undefined {
    return this.#pending.get(key) as Promise<T> | undefined;
  }

  /** Number of keys with work under way. */
  get size(): number {
    return this.#pending.size;
  }
}
