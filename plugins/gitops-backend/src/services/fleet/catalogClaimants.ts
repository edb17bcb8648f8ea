import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  GITOPS_TARGET_ANNOTATIONS,
  readGitOpsAnnotations,
  type FleetClaimant,
  type GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** An entity that may claim applications, with what its annotations select. */
export interface Claimant extends FleetClaimant {
  target: GitOpsTarget;
}

const CLAIMANT_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
];

function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return owner;
  }
}

/**
 * The entities with GitOps annotations that `credentials` may read (the
 * catalog applies its read rules), streamed page by page with only the
 * fields a claim needs. Entities whose annotations do not validate claim
 * nothing: their own page says what is wrong.
 */
export async function catalogClaimants(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Claimant[]> {
  const claimants: Claimant[] = [];
  const pages = catalog.streamEntities(
    {
      filter: GITOPS_TARGET_ANNOTATIONS.map(key => ({
        [`metadata.annotations.${key}`]: CATALOG_FILTER_EXISTS,
      })),
      fields: CLAIMANT_FIELDS,
    },
    { credentials },
  );
  for await (const page of pages) {
    for (const entity of page) {
      const result = readGitOpsAnnotations(entity);
      if (!result.ok) continue;
      const title = entity.metadata.title;
      claimants.push({
        entityRef: stringifyEntityRef(entity),
        ...(typeof title === 'string' && title ? { title } : {}),
        ...(ownerOf(entity) ? { owner: ownerOf(entity) } : {}),
        target: result.value,
      });
    }
  }
  return claimants;
}
