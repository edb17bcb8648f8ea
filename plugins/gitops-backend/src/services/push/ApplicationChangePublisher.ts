import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  GITOPS_SIGNAL_CHANNEL,
  targetClaims,
  type ApplicationsChangedSignal,
  type ChangedApplication,
  type GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { ApplicationChange } from '../applications/types';
import { PushClaims } from './PushClaims';
import { RecentViewers } from './RecentViewers';

/**
 * A viewer counts this long after their last load. The card loads once (the
 * tab polls), and every pushed change makes the page load again, which
 * renews it; a page left open longer without any change or poll gets the
 * next change on its next load.
 */
const DEFAULT_VIEWER_TTL_MS = 30 * 60_000;
/** Changes within this window go out as one push per entity. */
const DEFAULT_COALESCE_MS = 250;
const DEFAULT_MAX_ENTITIES = 10_000;
/**
 * How long a replica waits between claiming pushes in the shared cache and
 * reading the claims back: many cache round trips, and little next to the
 * coalescing window.
 */
const DEFAULT_CLAIM_WAIT_MS = 100;
/**
 * How long a claim is kept: longer than the replicas' watches and coalescing
 * windows can be apart for one change.
 */
const CLAIM_TTL_MS = 60_000;

/** One entity's queued push, before the replicas agree who sends it. */
interface EntityPush {
  entityRef: string;
  applications: ChangedApplication[];
  users: string[];
}

/** The cache key under which replicas agree who tells `user` about one change. */
function claimKey(
  user: string,
  entityRef: string,
  app: ChangedApplication,
): string {
  return JSON.stringify([
    'push',
    user,
    entityRef,
    app.instance,
    app.namespace,
    app.name,
    app.resourceVersion,
  ]);
}

/**
 * Pushes application changes from the watches to the pages that show them,
 * through Backstage signals: each change is matched against the entities
 * users loaded lately (with the entity's own annotations, as the lists
 * are), and one `ApplicationsChangedSignal` per entity goes to those users
 * only. The signal names the entity and the applications, never their
 * status: the page reads that through the routes, with its own credentials.
 *
 * With several replicas, each replica's watch sees the same change and each
 * knows the viewers it served. Given the cache the replicas share, they agree
 * through it (see {@link PushClaims}) so that a user known to several gets
 * each change once; without it, each replica pushes what it knows.
 */
export class ApplicationChangePublisher {
  readonly #signals: SignalsService;
  readonly #logger: LoggerService;
  readonly #viewers: RecentViewers;
  readonly #claims: PushClaims | undefined;
  readonly #coalesceMs: number;
  readonly #pending = new Map<string, Map<string, ChangedApplication>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: {
    signals: SignalsService;
    logger: LoggerService;
    /** The cache shared by the replicas, to push each change once across them. */
    cache?: CacheService;
    viewerTtlMs?: number;
    coalesceMs?: number;
    maxEntities?: number;
    /** How long to wait for other replicas' claims before reading them back. */
    claimWaitMs?: number;
  }) {
    this.#signals = options.signals;
    this.#logger = options.logger;
    this.#coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
    this.#viewers = new RecentViewers({
      ttlMs: options.viewerTtlMs ?? DEFAULT_VIEWER_TTL_MS,
      maxEntities: options.maxEntities ?? DEFAULT_MAX_ENTITIES,
    });
    this.#claims =
      options.cache &&
      new PushClaims({
        cache: options.cache,
        waitMs: options.claimWaitMs ?? DEFAULT_CLAIM_WAIT_MS,
        ttlMs: CLAIM_TTL_MS,
      });
  }

  /** A user loaded the entity's status after the read check passed. */
  viewed(entityRef: string, target: GitOpsTarget, userEntityRef: string): void {
    this.#viewers.viewed(entityRef, target, userEntityRef);
  }

  /** A watch applied a change: queue a push to each entity that selects it. */
  changed(change: ApplicationChange): void {
    const { summary } = change;
    for (const entity of this.#viewers.current()) {
      // The lists' own rules: Argo CD annotations for Applications, Kubernetes ones for Flux.
      if (!targetClaims(entity.target, summary, change.labels)) {
        continue;
      }
      const apps = this.#pending.get(entity.entityRef) ?? new Map();
      apps.set(`${summary.instance}/${summary.namespace}/${summary.name}`, {
        instance: summary.instance,
        name: summary.name,
        namespace: summary.namespace,
        ...(change.resourceVersion
          ? { resourceVersion: change.resourceVersion }
          : {}),
      });
      this.#pending.set(entity.entityRef, apps);
    }
    if (this.#pending.size > 0 && !this.#timer) {
      this.#timer = setTimeout(() => this.flush(), this.#coalesceMs);
      this.#timer.unref?.();
    }
  }

  /** Sends what is queued now; also called on shutdown. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = [...this.#pending];
    this.#pending.clear();
    const viewers = new Map(
      this.#viewers.current().map(entity => [entity.entityRef, entity.viewers]),
    );
    const pushes: EntityPush[] = [];
    for (const [entityRef, apps] of pending) {
      const users = [...(viewers.get(entityRef)?.keys() ?? [])];
      if (users.length > 0) {
        pushes.push({ entityRef, applications: [...apps.values()], users });
      }
    }
    if (pushes.length === 0) return;
    const ours = await this.#claimed(pushes);
    await Promise.all(
      pushes.flatMap(push =>
        this.#split(push, ours).map(async ({ users, message }) => {
          try {
            await this.#signals.publish({
              recipients: { type: 'user', entityRef: users },
              channel: GITOPS_SIGNAL_CHANNEL,
              message,
            });
          } catch (error) {
            this.#logger.warn('Could not push an application change', {
              entityRef: push.entityRef,
              error: String(error),
            });
          }
        }),
      ),
    );
  }

  /**
   * Whether this replica tells a user about a change: what it claimed in
   * the shared cache, in one batch for the flush. Everything without a
   * cache, for a change without a resourceVersion, or when the cache fails
   * (twice is better than never).
   */
  async #claimed(
    pushes: EntityPush[],
  ): Promise<
    (user: string, entityRef: string, app: ChangedApplication) => boolean
  > {
    const claims = this.#claims;
    if (!claims) return () => true;
    const keys = pushes.flatMap(push =>
      push.users.flatMap(user =>
        push.applications
          .filter(app => app.resourceVersion !== undefined)
          .map(app => claimKey(user, push.entityRef, app)),
      ),
    );
    try {
      const claimed = await claims.claim(keys);
      return (user, entityRef, app) =>
        app.resourceVersion === undefined ||
        claimed.has(claimKey(user, entityRef, app));
    } catch (error) {
      this.#logger.warn(
        'Could not agree on pushes with other replicas through the cache; pushing anyway',
        { error: String(error) },
      );
      return () => true;
    }
  }

  /**
   * One entity's push as signals: the users who get the same applications
   * share one signal (all of them, with a single replica).
   */
  #split(
    push: EntityPush,
    ours: (user: string, entityRef: string, app: ChangedApplication) => boolean,
  ): { users: string[]; message: ApplicationsChangedSignal }[] {
    const groups = new Map<
      string,
      { users: string[]; message: ApplicationsChangedSignal }
    >();
    for (const user of push.users) {
      const applications = push.applications.filter(app =>
        ours(user, push.entityRef, app),
      );
      if (applications.length === 0) continue;
      const group = JSON.stringify(applications);
      const existing = groups.get(group);
      if (existing) {
        existing.users.push(user);
      } else {
        groups.set(group, {
          users: [user],
          message: { entityRef: push.entityRef, applications },
        });
      }
    }
    return [...groups.values()];
  }
}
