import type { LoggerService } from '@backstage/backend-plugin-api';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  fleetLinksOf,
  labelsOf,
  normalizeApplication,
  type ApplicationSummary,
  type RawApplication,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { ArgoCdInstanceConfig } from '../../../config/readArgoCdConfig';
import type { ApplicationChange, WatchStatus } from '../../applications/types';
import {
  beforeDeadline,
  waitedFor,
  type Deadline,
} from '../../shared/Deadline';
import type { ArgoCdClient } from '../ArgoCdClient';
import { ArgoCdError } from '../ArgoCdError';
import type { ApplicationWatchEvent } from './watchEvents';
import {
  WatchedApplications,
  type WatchedApplication,
  type WatchSelection,
} from './WatchedApplications';

/** Timing of one watch, in milliseconds. */
export interface WatchTiming {
  staleAfterMs: number;
  resyncIntervalMs: number;
  maxBackoffMs: number;
  /** First wait after a failure; doubles up to `maxBackoffMs`. Default 1000. */
  initialBackoffMs?: number;
  /** Bounds of the full list. */
  listTimeoutMs: number;
  maxListBytes: number;
}

/** What a watch answers for a selection. */
export type WatchAnswer =
  | { applications: ApplicationSummary[]; error?: SourceError }
  | { error: SourceError };

/** How long a stream must have lived for the next failure to start backing off from the beginning. */
const HEALTHY_STREAM_MS = 60_000;

/**
 * One Argo CD instance's applications, kept in memory the way Argo CD's
 * own web UI keeps them: open the application stream, list once, then
 * apply each change as it comes. When the stream ends or fails, the watch
 * marks itself stale, waits (backing off from 1 s to `maxBackoffMs`, with
 * jitter, reset only once a stream stayed up for a minute), opens a new
 * stream and lists again, since Argo CD replays nothing it sent while no
 * stream was open. Every `resyncIntervalMs` it does the same on purpose,
 * which heals events Argo CD dropped for a slow reader and connections
 * that died without closing. The stream is opened before the list so no
 * change falls between the two; resourceVersions order the rest.
 */
export class ArgoCdWatch {
  readonly #client: ArgoCdClient;
  readonly #config: ArgoCdInstanceConfig;
  readonly #logger: LoggerService;
  readonly #timing: Required<WatchTiming>;
  readonly #apps = new WatchedApplications();
  readonly #listeners = new Set<(change: ApplicationChange) => void>();
  #state: WatchStatus['state'] = 'starting';
  #since = new Date();
  #staleSince: Date | undefined;
  #lastError: SourceError | undefined;
  #synced = false;
  #running: Promise<void> | undefined;
  #stop = new AbortController();
  #attempted: Promise<void>;
  #markAttempted: () => void = () => undefined;

  readonly #listInTurn: <T>(work: () => Promise<T>) => Promise<T>;

  constructor(options: {
    client: ArgoCdClient;
    config: ArgoCdInstanceConfig;
    logger: LoggerService;
    timing: WatchTiming;
    /** Queues the full lists of several watches so their answers are never in memory together. */
    listInTurn?: <T>(work: () => Promise<T>) => Promise<T>;
  }) {
    this.#listInTurn = options.listInTurn ?? (work => work());
    this.#client = options.client;
    this.#config = options.config;
    this.#logger = options.logger.child({ instance: options.config.name });
    this.#timing = { initialBackoffMs: 1000, ...options.timing };
    this.#attempted = new Promise(resolve => {
      this.#markAttempted = resolve;
    });
  }

  get instance(): string {
    return this.#config.name;
  }

  /** Starts following the instance; does nothing when already started. */
  start(): void {
    if (this.#running || this.#stop.signal.aborted) {
      return;
    }
    this.#running = this.#run().catch(error => {
      this.#logger.error('Argo CD watch stopped unexpectedly', error);
    });
  }

  /** Closes the stream and stops reconnecting. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#markAttempted();
    await this.#running;
    this.#state = 'stopped';
  }

  /**
   * The applications a selection matches, from memory. Until the first list
   * is in, waits for it (no longer than the deadline); while the watch is
   * down past `staleAfterMs`, the last known status comes with a `stale`
   * error.
   */
  async answer(
    selection: WatchSelection,
    deadline?: Deadline,
  ): Promise<WatchAnswer> {
    return this.#fromMemory(deadline, apps => apps.select(selection));
  }

  /** Every application held, with its labels and fleet links, on the terms of {@link ArgoCdWatch.answer}. */
  async everything(
    deadline?: Deadline,
  ): Promise<
    | { applications: WatchedApplication[]; error?: SourceError }
    | { error: SourceError }
  > {
    return this.#fromMemory(deadline, apps => apps.all());
  }

  async #fromMemory<T>(
    deadline: Deadline | undefined,
    read: (apps: WatchedApplications) => T[],
  ): Promise<
    { applications: T[]; error?: SourceError } | { error: SourceError }
  > {
    if (!this.#synced && !this.#lastError) {
      this.start();
      try {
        await beforeDeadline(
          this.#attempted,
          deadline,
          () => new Error('deadline'),
        );
      } catch {
        return {
          error: {
            instance: this.instance,
            code: 'timeout',
            message: `Argo CD instance '${
              this.instance
            }' did not answer the first list of its watched applications ${waitedFor(
              deadline,
              this.#timing.resyncIntervalMs,
            )}`,
          },
        };
      }
    }
    if (!this.#synced) {
      return { error: this.#lastError! };
    }
    const applications = read(this.#apps);
    const stale = this.#staleError();
    return stale ? { applications, error: stale } : { applications };
  }

  /** The `metadata.resourceVersion` held for one application, which changes with it. */
  resourceVersionOf(namespace: string, name: string): string | undefined {
    return this.#apps.resourceVersionOf(namespace, name);
  }

  /** Calls `listener` for every change applied from the stream; returns the unsubscribe. */
  subscribe(listener: (change: ApplicationChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  status(): WatchStatus {
    return {
      instance: this.instance,
      source: 'argocd',
      state: this.#state,
      since: this.#since.toISOString(),
      ...(this.#staleSince
        ? { staleSince: this.#staleSince.toISOString() }
        : {}),
      applications: this.#apps.size,
    };
  }

  async #run(): Promise<void> {
    let backoffMs = this.#timing.initialBackoffMs;
    while (!this.#stop.signal.aborted) {
      const started = Date.now();
      const outcome = await this.#cycle();
      if (this.#stop.signal.aborted) {
        return;
      }
      if (outcome === 'resync') {
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

  /**
   * One stream and one list. Resolves with 'resync' when the stream reached
   * its planned end, or with what ended it early.
   */
  async #cycle(): Promise<'resync' | SourceError> {
    const cycle = new AbortController();
    const stopCycle = () => cycle.abort();
    this.#stop.signal.addEventListener('abort', stopCycle, { once: true });
    let planned = false;
    const lifetime = setTimeout(() => {
      planned = true;
      cycle.abort();
    }, this.#timing.resyncIntervalMs);
    lifetime.unref?.();
    try {
      const streaming = this.#client
        .watchApplications(
          {},
          {
            resourceVersion: this.#apps.newestResourceVersion ?? '0',
            signal: cycle.signal,
            onEvent: event => this.#apply(event),
          },
        )
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      try {
        // The list stops with the cycle (a stop), or after the client's timeout.
        await this.#list({
          signal: cycle.signal,
          ms: this.#timing.resyncIntervalMs,
        });
      } catch (error) {
        cycle.abort();
        await streaming;
        return this.#sourceError(error);
      }
      const ended = await streaming;
      if (planned || this.#stop.signal.aborted) {
        return 'resync';
      }
      return ended === undefined
        ? {
            instance: this.instance,
            code: 'unreachable',
            message: `Argo CD instance '${this.instance}' closed the application stream`,
          }
        : this.#sourceError(ended);
    } finally {
      clearTimeout(lifetime);
      this.#stop.signal.removeEventListener('abort', stopCycle);
    }
  }

  async #list(deadline: Deadline): Promise<void> {
    const started = Date.now();
    this.#apps.startList();
    const list = await this.#listInTurn(() =>
      this.#client.mapApplicationList({}, app => this.#watched(app), {
        deadline,
        timeoutMs: this.#timing.listTimeoutMs,
        maxResponseBytes: this.#timing.maxListBytes,
        maxResponseSetting: 'gitops.watch.maxListMegabytes',
      }),
    );
    this.#apps.replaceAll(list.items, list.resourceVersion);
    const wasSynced = this.#synced;
    this.#synced = true;
    this.#lastError = undefined;
    this.#staleSince = undefined;
    this.#setState('synced');
    this.#markAttempted();
    this.#logger[wasSynced ? 'debug' : 'info'](
      'Listed the watched applications',
      {
        count: list.items.length,
        resourceVersion: list.resourceVersion,
        durationMs: Date.now() - started,
      },
    );
  }

  #apply(event: ApplicationWatchEvent): void {
    const watched = this.#watched(event.application);
    const { namespace, name } = watched.summary;
    const changed =
      event.type === 'DELETED'
        ? this.#apps.remove(namespace, name, watched.resourceVersion)
        : this.#apps.upsert(watched);
    if (changed) {
      for (const listener of this.#listeners) {
        listener({
          type: event.type,
          summary: watched.summary,
          labels: watched.labels,
          resourceVersion: watched.resourceVersion,
        });
      }
    }
  }

  #watched(app: RawApplication): WatchedApplication {
    const resourceVersion = app.metadata?.resourceVersion;
    return {
      summary: normalizeApplication(app, {
        instance: this.instance,
        uiUrl: this.#config.uiUrl,
        sourceKind: 'argocd',
      }),
      labels: labelsOf(app),
      links: fleetLinksOf(app),
      resourceVersion:
        typeof resourceVersion === 'string' ? resourceVersion : undefined,
    };
  }

  #markStale(error: SourceError): void {
    this.#lastError = error;
    this.#staleSince ??= new Date();
    this.#setState('reconnecting');
    this.#markAttempted();
    this.#logger.warn(`${error.message}; reconnecting`);
  }

  #staleError(): SourceError | undefined {
    if (
      !this.#staleSince ||
      Date.now() - this.#staleSince.getTime() < this.#timing.staleAfterMs
    ) {
      return undefined;
    }
    const reason = this.#lastError ? ` (${this.#lastError.message})` : '';
    return {
      instance: this.instance,
      code: 'stale',
      message: `The live status of Argo CD instance '${
        this.instance
      }' stopped at ${this.#staleSince.toISOString()}: its application stream is down${reason}. Showing the last known status while reconnecting`,
    };
  }

  #sourceError(error: unknown): SourceError {
    if (error instanceof ArgoCdError) {
      return error.toSourceError();
    }
    return {
      instance: this.instance,
      code: 'unreachable',
      message: `Argo CD instance '${
        this.instance
      }' could not be watched: ${String((error as Error)?.message ?? error)}`,
    };
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
