import { Entity } from '@backstage/catalog-model';
import { hasGitOpsAnnotations } from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * True when the entity carries Argo CD or Flux annotations; use with `EntitySwitch`.
 * @public
 */
export const isGitOpsAvailable = (entity: Entity): boolean =>
  hasGitOpsAnnotations(entity);
