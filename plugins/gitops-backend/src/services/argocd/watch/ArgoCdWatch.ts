import type { LoggerService } from '@backstage/backend-plugin-api';
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
import { waitedFor, type Deadline } from '../../shared/Deadline';
import {
  WatchLifecycle,
  type WatchCycle,
  type WatchCycleOutcome,
} from '../../shared/watch/WatchLifecycle';
import type { WatchTiming } from '../../shared/watch/WatchTiming';
import type { ArgoCdClient } from '../ArgoCdClient';
import { ArgoCdError } from '../ArgoCdError';
import type { ApplicationWatchEvent } from './watchEvents';
import {
  WatchedApplications,
  type WatchedApplication,
  type WatchSelection,
} from './WatchedApplications';

export type { WatchTiming };

/** What a watch answers for a selection. */
export type WatchAnswer =
  | { applications: ApplicationSummary[]; error?: SourceError }
  | { error: SourceError };

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
  readonly #timing: WatchTiming;
  readonly #apps = new WatchedApplications();
  readonly #listeners = new Set<(change: ApplicationChange) => void>();
  readonly #lifecycle: WatchLifecycle<SourceError>;
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
    this.#timing = options.timing;
    this.#lifecycle = new WatchLifecycle({
      timing: options.timing,
      logger: this.#logger,
      crashMessage: 'Argo CD watch stopped unexpectedly',
      cycle: cycle => this.#cycle(cycle),
    });
  }

  get instance(): string {
    return this.#config.name;
  }

  /** Starts following the instance; does nothing when already started. */
  start(): void {
    this.#lifecycle.start();
  }

  /** Closes the stream and stops reconnecting. */
  async stop(): Promise<void> {
    await this.#lifecycle.stop();
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
    if (!(await this.#lifecycle.awaitFirstAttempt(deadline))) {
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
    if (!this.#lifecycle.synced) {
      return { error: this.#lifecycle.lastError! };
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
    const downSince = this.#lifecycle.downSince;
    return {
      instance: this.instance,
      source: 'argocd',
      state: this.#lifecycle.state,
      since: this.#lifecycle.since.toISOString(),
      ...(downSince ? { staleSince: downSince.toISOString() } : {}),
      applications: this.#apps.size,
    };
  }

  /**
   * One stream and one list. Resolves with 'resync' when the stream reached
   * its planned end, or with what ended it early.
   */
  async #cycle(cycle: WatchCycle): Promise<WatchCycleOutcome<SourceError>> {
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
      cycle.end();
      await streaming;
      return this.#sourceError(error);
    }
    const ended = await streaming;
    if (cycle.endedOnPurpose) {
      return 'resync';
    }
    return ended === undefined
      ? {
          instance: this.instance,
          code: 'unreachable',
          message: `Argo CD instance '${this.instance}' closed the application stream`,
        }
      : this.#sourceError(ended);
  }

  async #list(deadline: Deadline): Promise<void> {
    const started = Date.now();
    this.#apps.startList();
    const list = await this.#listInTurn(() =>
      this.#client.mapApplicationList({}, app => this.#watched(app), {
        deadline,
        timeoutMs: this.#timing.listTimeoutMs,
        maxResponseBytes: this.#timing.maxListBytes,
        maxResponseSetting: `gitops.watch.maxListMegabytes, or list per request with watch: false on instance '${this.instance}'`,
      }),
    );
    this.#apps.replaceAll(list.items, list.resourceVersion);
    const wasSynced = this.#lifecycle.synced;
    this.#lifecycle.markSynced();
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

  #staleError(): SourceError | undefined {
    const staleSince = this.#lifecycle.staleSince();
    if (!staleSince) {
      return undefined;
    }
    const lastError = this.#lifecycle.lastError;
    const reason = lastError ? ` (${lastError.message})` : '';
    return {
      instance: this.instance,
      code: 'stale',
      message: `The live status of Argo CD instance '${
        this.instance
      }' stopped at ${staleSince.toISOString()}: its application stream is down${reason}. Showing the last known status while reconnecting`,
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
}
