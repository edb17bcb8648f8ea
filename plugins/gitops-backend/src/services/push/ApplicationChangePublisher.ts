import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  GITOPS_SIGNAL_CHANNEL,
  targetSelectsArgoCdApplication,
  type ApplicationsChangedSignal,
  type ChangedApplication,
  type GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { ApplicationChange } from '../applications/types';
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
 * Pushes application changes from the watches to the pages that show them,
 * through Backstage signals: each change is matched against the entities
 * users loaded lately (with the entity's own annotations, as the lists
 * are), and one `ApplicationsChangedSignal` per entity goes to those users
 * only. The signal names the entity and the applications, never their
 * status: the page reads that through the routes, with its own credentials.
 */
export class ApplicationChangePublisher {
  readonly #signals: SignalsService;
  readonly #logger: LoggerService;
  readonly #viewers: RecentViewers;
  readonly #coalesceMs: number;
  readonly #pending = new Map<string, Map<string, ChangedApplication>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: {
    signals: SignalsService;
    logger: LoggerService;
    viewerTtlMs?: number;
    coalesceMs?: number;
    maxEntities?: number;
  }) {
    this.#signals = options.signals;
    this.#logger = options.logger;
    this.#coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
    this.#viewers = new RecentViewers({
      ttlMs: options.viewerTtlMs ?? DEFAULT_VIEWER_TTL_MS,
      maxEntities: options.maxEntities ?? DEFAULT_MAX_ENTITIES,
    });
  }

  /** A user loaded the entity's status after the read check passed. */
  viewed(entityRef: string, target: GitOpsTarget, userEntityRef: string): void {
    this.#viewers.viewed(entityRef, target, userEntityRef);
  }

  /** A watch applied a change: queue a push to each entity that selects it. */
  changed(change: ApplicationChange): void {
    const { summary } = change;
    const facts = { ...summary, labels: change.labels };
    for (const entity of this.#viewers.current()) {
      if (!targetSelectsArgoCdApplication(entity.target, facts)) {
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
    await Promise.all(
      pending.map(async ([entityRef, apps]) => {
        const users = [...(viewers.get(entityRef)?.keys() ?? [])];
        if (users.length === 0) return;
        const message: ApplicationsChangedSignal = {
          entityRef,
          applications: [...apps.values()],
        };
        try {
          await this.#signals.publish({
            recipients: { type: 'user', entityRef: users },
            channel: GITOPS_SIGNAL_CHANNEL,
            message,
          });
        } catch (error) {
          this.#logger.warn('Could not push an application change', {
            entityRef,
            error: String(error),
          });
        }
      }),
    );
  }
}
