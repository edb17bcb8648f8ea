import type { GitOpsTarget } from '@gitops-guide/backstage-plugin-gitops-common';

/** One entity someone looked at recently, with what it selects and who. */
export interface ViewedEntity {
  entityRef: string;
  target: GitOpsTarget;
  /** User entity refs, each with when its view stops counting (epoch ms). */
  viewers: Map<string, number>;
}

/**
 * Which users loaded which entity's GitOps status lately: a card or a tab
 * polls, so a viewer counts for `ttlMs` after their last load. Only loads
 * that passed the entity read check are recorded, so a push can only
 * reach someone who could read the entity moments ago. Bounded: past
 * `maxEntities` the entity seen longest ago is forgotten.
 */
export class RecentViewers {
  readonly #entities = new Map<string, ViewedEntity>();
  readonly #ttlMs: number;
  readonly #maxEntities: number;
  readonly #now: () => number;

  constructor(options: {
    ttlMs: number;
    maxEntities: number;
    now?: () => number;
  }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntities = options.maxEntities;
    this.#now = options.now ?? Date.now;
  }

  /** Records that `userEntityRef` loaded the status of `entityRef` just now. */
  viewed(entityRef: string, target: GitOpsTarget, userEntityRef: string): void {
    const entity = this.#entities.get(entityRef) ?? {
      entityRef,
      target,
      viewers: new Map(),
    };
    // Most recently viewed last: the first entry is the one to forget.
    this.#entities.delete(entityRef);
    entity.target = target;
    entity.viewers.set(userEntityRef, this.#now() + this.#ttlMs);
    this.#entities.set(entityRef, entity);
    if (this.#entities.size > this.#maxEntities) {
      this.#entities.delete(this.#entities.keys().next().value!);
    }
  }

  /** The entities with viewers whose view still counts; forgets the rest. */
  current(): ViewedEntity[] {
    const now = this.#now();
    const current: ViewedEntity[] = [];
    for (const [entityRef, entity] of this.#entities) {
      for (const [viewer, until] of entity.viewers) {
        if (until <= now) entity.viewers.delete(viewer);
      }
      if (entity.viewers.size === 0) {
        this.#entities.delete(entityRef);
      } else {
        current.push(entity);
      }
    }
    return current;
  }
}
