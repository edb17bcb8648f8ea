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
    let entity: Entity | undefined;
    try {
      entity = await this.#catalog.getEntityByRef(ref, { credentials });
    } catch (error) {
      if (!isNotReadable(error)) {
        throw error;
      }
    }
    if (!entity) {
      throw new NotFoundError(
        `No entity found for ref '${stringifyEntityRef(ref)}'`,
      );
    }
    return entity;
  }

  /**
   * What the entity's GitOps annotations select; undefined when it has
   * none. Throws an `InputError` naming each bad annotation.
   */
  async loadTarget(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<GitOpsTarget | undefined> {
    const entity = await this.load(ref, credentials);
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
