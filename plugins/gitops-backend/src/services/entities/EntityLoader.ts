import type { BackstageCredentials } from '@backstage/backend-plugin-api';
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
import {
  hasGitOpsAnnotations,
  readGitOpsAnnotations,
  type GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * What {@link EntityLoader.loadTarget} asks the catalog for: the entity's
 * ref and its annotations, nothing else. A whole entity (spec, relations,
 * links…) is often over 1 KB, and then the backend gzips it for the
 * catalog client, which asks for gzip, and the client gunzips it, on every
 * card load (bench/README.md, `warm-path`).
 */
const TARGET_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

/**
 * Loads entities from the catalog on behalf of the caller, so the catalog's
 * permission rules apply. An entity the caller may not read is reported
 * exactly like one that does not exist.
 * @public
 */
export class EntityLoader {
  readonly #catalog: CatalogService;

  static create(options: { catalog: CatalogService }): EntityLoader {
    return new EntityLoader(options.catalog);
  }

  private constructor(catalog: CatalogService) {
    this.#catalog = catalog;
  }

  /** The entity, or a `NotFoundError` when it is missing or not readable by `credentials`. */
  async load(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    return found(
      ref,
      await readable(() => this.#catalog.getEntityByRef(ref, { credentials })),
    );
  }

  /**
   * What the entity's GitOps annotations select; undefined when it has
   * none. Throws an `InputError` naming each bad annotation, and a
   * `NotFoundError` like {@link EntityLoader.load}.
   *
   * Only the entity's ref and annotations are fetched. The read is the
   * same as `load`'s: the catalog's batch read on behalf of `credentials`
   * (`POST /entities/by-refs` and `GET /entities/by-name` both run its
   * `entitiesBatch` under the `catalog.entity.read` decision for the
   * caller), so an entity the caller may not read comes back empty.
   */
  async loadTarget(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<GitOpsTarget | undefined> {
    const entity = found(
      ref,
      await readable(async () => {
        const { items } = await this.#catalog.getEntitiesByRefs(
          { entityRefs: [stringifyEntityRef(ref)], fields: TARGET_FIELDS },
          { credentials },
        );
        return items[0];
      }),
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
