import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { LRUCache } from 'lru-cache';

/**
 * What a card needs of an entity: its ref and its annotations, nothing
 * else. A whole entity (spec, relations, links…) is often over 1 KB, and
 * then the catalog gzips it and the client gunzips it (bench/README.md,
 * `warm-path`).
 */
export const TARGET_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

/** Entities remembered at most (a few hundred bytes each). */
const DEFAULT_MAX_ENTITIES = 10_000;

/**
 * The entities' refs and annotations, read from the catalog with the
 * plugin's own credentials and kept for `ttlMs`. It holds data, never a
 * decision: who may read an entity is asked on every load (see
 * `EntityLoader`). Concurrent misses of one entity share one catalog read,
 * and an entity the catalog does not have is not remembered, so a newly
 * registered one shows at once.
 */
export class EntityTargetCache {
  readonly #entities: LRUCache<string, { entity: Entity | undefined }>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    ttlMs: number;
    maxEntities?: number;
  }) {
    const { catalog, auth } = options;
    this.#entities = new LRUCache<string, { entity: Entity | undefined }>({
      max: options.maxEntities ?? DEFAULT_MAX_ENTITIES,
      ttl: options.ttlMs,
      fetchMethod: async ref => {
        const { items } = await catalog.getEntitiesByRefs(
          { entityRefs: [ref], fields: TARGET_FIELDS },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        return { entity: items[0] };
      },
    });
  }

  /** The entity's ref and annotations; undefined when the catalog does not have it. */
  async get(entityRef: string): Promise<Entity | undefined> {
    const record = await this.#entities.fetch(entityRef);
    if (!record?.entity) {
      this.#entities.delete(entityRef);
    }
    return record?.entity;
  }
}
