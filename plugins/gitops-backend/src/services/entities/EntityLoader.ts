import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  stringifyEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  hasGitOpsAnnotations,
  readGitOpsAnnotations,
  type GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { EntityTargetCache, TARGET_FIELDS } from './EntityTargetCache';

/**
 * Resolves an entity's GitOps target for a caller, who must be allowed to
 * read the entity: an entity the caller may not read is reported exactly
 * like one that does not exist.
 *
 * Two ways, one decision. With `cacheSeconds` above 0, `catalog.entity.read`
 * is asked of the permission service on every load, for the caller and the
 * entity (a conditional decision is applied to the entity by the catalog
 * itself, through the permission backend), and the entity's annotations
 * come from an {@link EntityTargetCache}. A warm card then costs one
 * authenticated hop, like the catalog's own lookup, instead of two
 * (bench/README.md, `warm-path`). A `fresh` load, and every load with
 * `cacheSeconds` 0, asks the catalog for the entity with the caller's
 * credentials instead, so the catalog checks the read and the annotations
 * are current.
 */
export class EntityLoader {
  readonly #catalog: CatalogService;
  readonly #permissions: PermissionsService;
  readonly #cache?: EntityTargetCache;

  static create(options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    auth: AuthService;
    /** How long the entities' annotations are kept; 0 reads the catalog on every load. */
    cacheSeconds: number;
  }): EntityLoader {
    const { catalog, permissions, auth, cacheSeconds } = options;
    const cache =
      cacheSeconds > 0
        ? new EntityTargetCache({ catalog, auth, ttlMs: cacheSeconds * 1000 })
        : undefined;
    return new EntityLoader(catalog, permissions, cache);
  }

  private constructor(
    catalog: CatalogService,
    permissions: PermissionsService,
    cache: EntityTargetCache | undefined,
  ) {
    this.#catalog = catalog;
    this.#permissions = permissions;
    this.#cache = cache;
  }

  /**
   * What the entity's GitOps annotations select; undefined when it has
   * none. Throws a `NotFoundError` when the entity is missing or not
   * readable by `credentials`, and an `InputError` naming each bad
   * annotation. `fresh` skips the cache (actions use it).
   */
  async loadTarget(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    options?: { fresh?: boolean },
  ): Promise<GitOpsTarget | undefined> {
    const entity = found(
      ref,
      this.#cache && !options?.fresh
        ? await this.#readChecked(
            stringifyEntityRef(ref),
            this.#cache,
            credentials,
          )
        : await this.#readAsCaller(ref, credentials),
    );
    if (!hasGitOpsAnnotations(entity)) {
      return undefined;
    }
    const result = readGitOpsAnnotations(entity);
    if (!result.ok) {
      throw new InputError(
        `Entity '${stringifyEntityRef(
          entity,
        )}' has invalid GitOps annotations: ${result.errors.join('; ')}`,
      );
    }
    return result.value;
  }

  /** The read decision for the caller first: a denied caller causes no catalog read. */
  async #readChecked(
    entityRef: string,
    cache: EntityTargetCache,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    const [decision] = await this.#permissions.authorize(
      [{ permission: catalogEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      return undefined;
    }
    return readable(() => cache.get(entityRef));
  }

  /**
   * The catalog's batch read on behalf of `credentials` (`POST
   * /entities/by-refs` runs `entitiesBatch` under the `catalog.entity.read`
   * decision for the caller), so an entity the caller may not read comes
   * back empty.
   */
  #readAsCaller(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    return readable(async () => {
      const { items } = await this.#catalog.getEntitiesByRefs(
        { entityRefs: [stringifyEntityRef(ref)], fields: TARGET_FIELDS },
        { credentials },
      );
      return items[0];
    });
  }
}

/** The entity `read` returns; undefined when the catalog says it is missing or denied. */
async function readable(
  read: () => Promise<Entity | undefined>,
): Promise<Entity | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!isNotReadable(error)) {
      throw error;
    }
    return undefined;
  }
}

function found(ref: CompoundEntityRef, entity: Entity | undefined): Entity {
  if (!entity) {
    throw new NotFoundError(
      `No entity found for ref '${stringifyEntityRef(ref)}'`,
    );
  }
  return entity;
}

/** Denied or missing, however the catalog (in process or over HTTP) says it. */
function isNotReadable(error: unknown): boolean {
  if (NotAllowedError.is(error) || NotFoundError.is(error)) {
    return true;
  }
  return (
    ResponseError.is(error) &&
    (error.statusCode === 403 || error.statusCode === 404)
  );
}
