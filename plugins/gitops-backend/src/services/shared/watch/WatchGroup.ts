import type { ApplicationChange, WatchStatus } from '../../applications/types';

/** What a source's watch (an Argo CD instance's, a cluster's) offers the source. */
export interface SourceWatch {
  start(): void;
  stop(): Promise<void>;
  status(): WatchStatus;
  subscribe(listener: (change: ApplicationChange) => void): () => void;
}

/** The watches of one source, started, stopped, reported and listened to together. */
export class WatchGroup {
  readonly #watches: readonly SourceWatch[];

  constructor(watches: readonly SourceWatch[]) {
    this.#watches = watches;
  }

  start(): void {
    for (const watch of this.#watches) {
      watch.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.#watches.map(watch => watch.stop()));
  }

  statuses(): WatchStatus[] {
    return this.#watches.map(watch => watch.status());
  }

  /** Calls `listener` for every change a watch applies; returns the unsubscribe. */
  subscribe(listener: (change: ApplicationChange) => void): () => void {
    const unsubscribes = this.#watches.map(watch => watch.subscribe(listener));
    return () => unsubscribes.forEach(unsubscribe => unsubscribe());
  }
}
