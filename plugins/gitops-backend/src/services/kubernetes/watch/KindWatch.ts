import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';
import type { KubernetesClusterConfig } from '../../../config/readKubernetesConfig';
import type {
  ApplicationObjectKind,
  WatchStatus,
} from '../../applications/types';
import { waitedFor, type Deadline } from '../../shared/Deadline';
import type { WarnOnce } from '../../shared/WarnOnce';
import {
  WatchLifecycle,
  type WatchCycle,
  type WatchCycleOutcome,
} from '../../shared/watch/WatchLifecycle';
import type { WatchTiming } from '../../shared/watch/WatchTiming';
import type { KubernetesClient } from '../KubernetesClient';
import { KubernetesError } from '../KubernetesError';
import { isAbsentOptionalKind, warnAbsentFluxKind } from '../optionalFlux';
import { resourceName, type KubernetesResource } from '../resources';
import {
  WatchedObjects,
  type WatchedChange,
  type WatchedObject,
} from './WatchedObjects';

export type { WatchTiming };

/** Raw objects as the list and the watch events carry them. */
type RawObject = KubernetesObject & Record<string, unknown>;

/** What a {@link KindWatch} is created with. */
export interface KindWatchOptions {
  client: KubernetesClient;
  cluster: KubernetesClusterConfig;
  kind: ApplicationObjectKind;
  resource: KubernetesResource;
  /** Watches this namespace only; cluster-wide without it. */
  namespace?: string;
  /** Objects to keep (e.g. only the cluster's `argocdNamespaces`); all without it. */
  keep?: (namespace: string) => boolean;
  /** Normalizes raw objects, in order; the deadline ends with the cycle. */
  normalize(
    items: Array<Record<string, unknown>>,
    deadline: Deadline,
  ): Promise<WatchedObject[]>;
  /** A cluster that may lack the CRD (borrowed clusters, for Flux): a 404 is "no objects". */
  optional?: boolean;
  logger: LoggerService;
  warnings: WarnOnce;
  timing: WatchTiming;
  /** Queues the full lists of several watches so their answers are never in memory together. */
  listInTurn?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Called for every change applied after the first list. */
  onChange(change: WatchedChange): void;
}

/** Thrown by the list of an optional resource that is not served, to end the cycle quietly. */
class ResourceAbsent extends Error {}

/**
 * The objects of one kind on one cluster, kept in memory by
 * `@kubernetes/client-node`'s informer: list once (with this plugin's
 * bounded list call), then follow a watch from the list's resourceVersion;
 * the informer itself resumes a stream the server ended and lists again
 * when told 410 Gone. On an error (the informer then stops), the watch
 * marks itself stale, waits (backing off from 1 s to `maxBackoffMs`, with
 * jitter, reset once a stream stayed up for a minute) and starts a new
 * informer, which lists again. Every `resyncIntervalMs` it does the same on
 * purpose, which heals connections that died without closing. A resource
 * an optional cluster does not serve holds no objects and is looked for
 * again at the next resync.
 */
export class KindWatch {
  readonly #options: KindWatchOptions;
  readonly #timing: WatchTiming;
  readonly #logger: LoggerService;
  readonly #objects = new WatchedObjects();
  readonly #listInTurn: <T>(work: () => Promise<T>) => Promise<T>;
  readonly #lifecycle: WatchLifecycle<KubernetesError>;
  /** Changes are applied one at a time, in the order they came. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: KindWatchOptions) {
    this.#options = options;
    this.#timing = options.timing;
    this.#logger = options.logger.child({
      cluster: options.cluster.name,
      resource: resourceName(options.resource),
    });
    this.#listInTurn = options.listInTurn ?? (work => work());
    this.#lifecycle = new WatchLifecycle({
      timing: options.timing,
      logger: this.#logger,
      crashMessage: 'Kubernetes watch stopped unexpectedly',
      cycle: cycle => this.#cycle(cycle),
    });
  }

  get kind(): ApplicationObjectKind {
    return this.#options.kind;
  }

  get resource(): KubernetesResource {
    return this.#options.resource;
  }

  get state(): WatchStatus['state'] {
    return this.#lifecycle.state;
  }

  get since(): Date {
    return this.#lifecycle.since;
  }

  get size(): number {
    return this.#objects.size;
  }

  /** Since when changes may be missing, while the watch is down. */
  get downSince(): Date | undefined {
    return this.#lifecycle.downSince;
  }

  /** Since when changes may be missing, once that is longer than `staleAfterMs`. */
  staleSince(): Date | undefined {
    return this.#lifecycle.staleSince();
  }

  /** Why the watch is down, while it is. */
  get lastError(): KubernetesError | undefined {
    return this.#lifecycle.lastError;
  }

  /** Starts following the resource; does nothing when already started or stopped. */
  start(): void {
    this.#lifecycle.start();
  }

  /** Closes the stream and stops reconnecting. */
  async stop(): Promise<void> {
    await this.#lifecycle.stop(() => this.#queue);
  }

  /**
   * The objects held, from memory. Until the first list is in, waits for
   * it (no longer than the deadline); a first list that failed is the
   * answer's error.
   */
  async read(
    deadline?: Deadline,
  ): Promise<{ objects: WatchedObjects } | { error: KubernetesError }> {
    if (!(await this.#lifecycle.awaitFirstAttempt(deadline))) {
      return {
        error: new KubernetesError({
          instance: this.#options.cluster.name,
          code: 'timeout',
          message: `Kubernetes cluster '${
            this.#options.cluster.name
          }' did not answer the first list of its watched ${resourceName(
            this.resource,
          )} ${waitedFor(deadline, this.#timing.listTimeoutMs)}`,
        }),
      };
    }
    if (!this.#lifecycle.synced) {
      return { error: this.#lifecycle.lastError! };
    }
    return { objects: this.#objects };
  }

  /**
   * One informer: a list, then the watch. Resolves with 'resync' when it
   * reached its planned end, 'idle' for a resource an optional cluster
   * does not serve, or the error that stopped it.
   */
  async #cycle(cycle: WatchCycle): Promise<WatchCycleOutcome<KubernetesError>> {
    const { client, resource, namespace } = this.#options;
    let failed: (error: unknown) => void = () => undefined;
    const failure = new Promise<unknown>(resolve => {
      failed = resolve;
    });
    const ended = new Promise<void>(resolve =>
      cycle.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    const deadline: Deadline = {
      signal: cycle.signal,
      ms: this.#timing.listTimeoutMs,
    };
    const informer = client.informer<RawObject>(
      resource,
      namespace,
      () => this.#list(deadline),
      cycle.signal,
    );
    const upsert = (object: RawObject) =>
      this.#event('upsert', object, deadline);
    informer.on('add', upsert);
    informer.on('update', upsert);
    informer.on('delete', object => this.#event('remove', object, deadline));
    informer.on('error', error => failed(error));
    try {
      // A stop or resync does not wait for a server that never answers the watch.
      await Promise.race([informer.start(), ended]);
      const error = await Promise.race([failure, ended.then(() => undefined)]);
      if (cycle.endedOnPurpose) {
        return 'resync';
      }
      if (error instanceof ResourceAbsent) {
        return 'idle';
      }
      return client.watchFailure(error, resource, namespace);
    } finally {
      cycle.end();
      await informer.stop();
    }
  }

  /** The informer's list: bounded, normalized and applied here; the informer keeps only names and versions. */
  async #list(deadline: Deadline): Promise<KubernetesListObject<RawObject>> {
    const { client, resource, namespace, cluster } = this.#options;
    const started = Date.now();
    let listed: {
      items: Array<Record<string, unknown>>;
      resourceVersion?: string;
    };
    try {
      listed = await this.#listInTurn(() =>
        client.list(
          { resource, namespace },
          {
            deadline,
            timeoutMs: this.#timing.listTimeoutMs,
            maxResponseBytes: this.#timing.maxListBytes,
          },
        ),
      );
    } catch (error) {
      if (isAbsentOptionalKind(error, this.#options.optional ?? false)) {
        warnAbsentFluxKind(
          this.#options.warnings,
          cluster.name,
          this.kind,
          resource,
        );
        await this.#enqueue(async () => this.#replaceAll([]));
        throw new ResourceAbsent();
      }
      throw error;
    }
    const items = listed.items.filter(item => this.#keeps(item));
    const wasSynced = this.#lifecycle.synced;
    await this.#enqueue(async () =>
      this.#replaceAll(await this.#options.normalize(items, deadline)),
    );
    this.#logger[wasSynced ? 'debug' : 'info']('Listed the watched objects', {
      count: items.length,
      resourceVersion: listed.resourceVersion,
      durationMs: Date.now() - started,
    });
    return {
      metadata: { resourceVersion: listed.resourceVersion },
      items: items.map(item => {
        const metadata = item.metadata as KubernetesObject['metadata'];
        return {
          metadata: {
            name: metadata?.name,
            namespace: metadata?.namespace,
            resourceVersion: metadata?.resourceVersion,
          },
        } as RawObject;
      }),
    };
  }

  #replaceAll(objects: WatchedObject[]): void {
    const changes = this.#objects.replaceAll(objects);
    const wasSynced = this.#lifecycle.synced;
    this.#lifecycle.markSynced();
    if (wasSynced) {
      changes.forEach(change => this.#options.onChange(change));
    }
  }

  #event(
    type: 'upsert' | 'remove',
    object: RawObject,
    deadline: Deadline,
  ): void {
    const namespace = object.metadata?.namespace ?? '';
    const name = object.metadata?.name ?? '';
    const version = object.metadata?.resourceVersion;
    // A stopped informer's late events: the next list brings what they said.
    if (deadline.signal.aborted || !this.#keeps(object)) {
      return;
    }
    void this.#enqueue(async () => {
      if (type === 'remove') {
        const change = this.#objects.remove(namespace, name);
        if (change) this.#options.onChange(change);
        return;
      }
      // The informer repeats each list item; those are held already.
      if (this.#objects.holds(namespace, name, version)) {
        return;
      }
      const [watched] = await this.#options.normalize([object], deadline);
      if (deadline.signal.aborted) {
        return;
      }
      const change = this.#objects.upsert(watched);
      if (change) this.#options.onChange(change);
    });
  }

  #keeps(item: Record<string, unknown>): boolean {
    const namespace = (item.metadata as KubernetesObject['metadata'])
      ?.namespace;
    return !this.#options.keep || this.#options.keep(namespace ?? '');
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(error =>
      this.#logger.warn('Could not apply a watched change', error),
    );
    return next;
  }
}
