import type { LoggerService } from '@backstage/backend-plugin-api';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WatchStatus } from '../../applications/types';
import { beforeDeadline, type Deadline } from '../Deadline';
import type { WatchTiming } from './WatchTiming';

/** How long a stream must have lived for the next failure to start backing off from the beginning. */
const HEALTHY_STREAM_MS = 60_000;

/** One connection of a watch, from its list to its planned resync, a stop or a failure. */
export interface WatchCycle {
  /** Aborted at the planned resync, when the watch stops, or by {@link WatchCycle.end}. */
  readonly signal: AbortSignal;
  /** Whether the cycle was ended on purpose (its planned resync or a stop) rather than by what went wrong. */
  readonly endedOnPurpose: boolean;
  /** Ends the cycle early. */
  end(): void;
}

/**
 * How a cycle ended: `resync` starts the next one at once; `idle` (nothing
 * to follow yet) looks again after `resyncIntervalMs` without counting as a
 * failure; an error marks the watch stale and backs off before the next.
 */
export type WatchCycleOutcome<E> = 'resync' | 'idle' | E;

/** What a {@link WatchLifecycle} is created with. */
export interface WatchLifecycleOptions<E extends { message: string }> {
  timing: WatchTiming;
  logger: LoggerService;
  /** Logged with the error should the run loop itself ever throw. */
  crashMessage: string;
  /** Lists and follows until the cycle's signal aborts or something fails; {@link WatchLifecycle.markSynced} once listed. */
  cycle(cycle: WatchCycle): Promise<WatchCycleOutcome<E>>;
}

/**
 * The lifecycle both watches share (the Argo CD application stream and the
 * Kubernetes informers): state and since when, the first attempt requests
 * wait for, and the run loop. Each cycle ends on purpose every
 * `resyncIntervalMs`, which heals changes dropped on the way and
 * connections that died without closing. After a failure the watch is
 * stale from that moment, and waits before the next cycle: from
 * `initialBackoffMs`, doubling to `maxBackoffMs`, with jitter, back to the
 * start only once a cycle lived a minute, so a server that accepts and
 * drops every connection is not hammered.
 */
export class WatchLifecycle<E extends { message: string }> {
  readonly #timing: Required<WatchTiming>;
  readonly #logger: LoggerService;
  readonly #crashMessage: string;
  readonly #cycle: (cycle: WatchCycle) => Promise<WatchCycleOutcome<E>>;
  readonly #stop = new AbortController();
  #state: WatchStatus['state'] = 'starting';
  #since = new Date();
  #downSince: Date | undefined;
  #lastError: E | undefined;
  #synced = false;
  #running: Promise<void> | undefined;
  readonly #attempted: Promise<void>;
  #markAttempted: () => void = () => undefined;

  constructor(options: WatchLifecycleOptions<E>) {
    this.#timing = { initialBackoffMs: 1000, ...options.timing };
    this.#logger = options.logger;
    this.#crashMessage = options.crashMessage;
    this.#cycle = options.cycle;
    this.#attempted = new Promise(resolve => {
      this.#markAttempted = resolve;
    });
  }

  get state(): WatchStatus['state'] {
    return this.#state;
  }

  /** Since when the watch is in its state. */
  get since(): Date {
    return this.#since;
  }

  /** Whether a list is in: what is held can be answered. */
  get synced(): boolean {
    return this.#synced;
  }

  /** Why the watch is down, while it is. */
  get lastError(): E | undefined {
    return this.#lastError;
  }

  /** Since when changes may be missing, while the watch is down. */
  get downSince(): Date | undefined {
    return this.#downSince;
  }

  /** Since when changes may be missing, once that is longer than `staleAfterMs`. */
  staleSince(): Date | undefined {
    return this.#downSince &&
      Date.now() - this.#downSince.getTime() >= this.#timing.staleAfterMs
      ? this.#downSince
      : undefined;
  }

  /** Starts the run loop; does nothing when already started or stopped. */
  start(): void {
    if (this.#running || this.#stop.signal.aborted) {
      return;
    }
    this.#running = this.#run().catch(error => {
      this.#logger.error(this.#crashMessage, error);
    });
  }

  /**
   * Ends the current cycle and stops reconnecting; `settle` (e.g. changes
   * still being applied) is awaited after the last cycle, before the state
   * turns `stopped`.
   */
  async stop(settle?: () => Promise<unknown>): Promise<void> {
    this.#stop.abort();
    this.#markAttempted();
    await this.#running;
    await settle?.();
    this.#setState('stopped');
  }

  /**
   * Until the first cycle has listed or failed, starts the watch and waits
   * for that, no longer than the deadline: false when the deadline passed
   * first. A watch that did not sync then has its {@link WatchLifecycle.lastError} to tell.
   */
  async awaitFirstAttempt(deadline?: Deadline): Promise<boolean> {
    if (this.#synced || this.#lastError) {
      return true;
    }
    this.start();
    try {
      await beforeDeadline(
        this.#attempted,
        deadline,
        () => new Error('deadline'),
      );
      return true;
    } catch {
      return false;
    }
  }

  /** A full list is in: the watch is synced and no longer stale. */
  markSynced(): void {
    this.#synced = true;
    this.#lastError = undefined;
    this.#downSince = undefined;
    this.#setState('synced');
    this.#markAttempted();
  }

  async #run(): Promise<void> {
    let backoffMs = this.#timing.initialBackoffMs;
    while (!this.#stop.signal.aborted) {
      const started = Date.now();
      const outcome = await this.#runCycle();
      if (this.#stop.signal.aborted) {
        return;
      }
      if (outcome === 'resync') {
        continue;
      }
      if (outcome === 'idle') {
        await this.#sleep(this.#timing.resyncIntervalMs);
        continue;
      }
      this.#markStale(outcome);
      if (Date.now() - started >= HEALTHY_STREAM_MS) {
        backoffMs = this.#timing.initialBackoffMs;
      }
      // Full jitter keeps replicas from reconnecting in step.
      await this.#sleep(backoffMs / 2 + Math.random() * (backoffMs / 2));
      backoffMs = Math.min(backoffMs * 2, this.#timing.maxBackoffMs);
    }
  }

  /** One cycle, ended by a stop or, on purpose, after `resyncIntervalMs`. */
  async #runCycle(): Promise<WatchCycleOutcome<E>> {
    const controller = new AbortController();
    const end = () => controller.abort();
    const stop = this.#stop.signal;
    stop.addEventListener('abort', end, { once: true });
    let planned = false;
    const lifetime = setTimeout(() => {
      planned = true;
      controller.abort();
    }, this.#timing.resyncIntervalMs);
    lifetime.unref?.();
    try {
      return await this.#cycle({
        signal: controller.signal,
        get endedOnPurpose() {
          return planned || stop.aborted;
        },
        end,
      });
    } finally {
      clearTimeout(lifetime);
      stop.removeEventListener('abort', end);
    }
  }

  #markStale(error: E): void {
    this.#lastError = error;
    this.#downSince ??= new Date();
    this.#setState('reconnecting');
    this.#markAttempted();
    this.#logger.warn(`${error.message}; reconnecting`);
  }

  #setState(state: WatchStatus['state']): void {
    if (state !== this.#state) {
      this.#state = state;
      this.#since = new Date();
    }
  }

  /** Waits `ms`, or less when the watch stops. */
  async #sleep(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.#stop.signal }).catch(
      () => undefined,
    );
  }
}
