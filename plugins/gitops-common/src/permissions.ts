import {
  createPermission,
  type Permission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { GitOpsActionName } from './actions/types';

/**
 * Read the list of knowledge content files the backend skipped or loaded in
 * part (`GET /api/gitops/knowledge/problems`): file paths and validation
 * messages, meant for whoever maintains the organization's content.
 *
 * @public
 */
export const gitopsKnowledgeProblemsReadPermission = createPermission({
  name: 'gitops.knowledge.problems.read',
  attributes: { action: 'read' },
});

/**
 * See the applications in the fleet view (`GET /api/gitops/fleet`) that no
 * catalog entity claims. Without it a caller sees only the applications of
 * entities they may read.
 *
 * @public
 */
export const gitopsFleetReadPermission = createPermission({
  name: 'gitops.fleet.read',
  attributes: { action: 'read' },
});

/**
 * The catalog's resource type (`RESOURCE_TYPE_CATALOG_ENTITY` of
 * `@backstage/plugin-catalog-common/alpha`): the action permissions are
 * checked against the entity whose page the action is taken from, so a
 * policy can use the catalog's rules, such as "owners of the entity".
 *
 * @public
 */
export const GITOPS_ACTION_RESOURCE_TYPE = 'catalog-entity';

/** A permission to act on the GitOps applications of a catalog entity. @public */
export type GitOpsActionPermission = ResourcePermission<
  typeof GITOPS_ACTION_RESOURCE_TYPE
>;

function actionPermission(name: string): GitOpsActionPermission {
  return createPermission({
    name,
    attributes: { action: 'update' },
    resourceType: GITOPS_ACTION_RESOURCE_TYPE,
  });
}

/** Ask Argo CD to refresh (normal or hard) an application of the entity. @public */
export const gitopsApplicationRefreshPermission = actionPermission(
  'gitops.application.refresh',
);

/** Sync an Argo CD application of the entity (including a dry run). @public */
export const gitopsApplicationSyncPermission = actionPermission(
  'gitops.application.sync',
);

/** Roll an Argo CD application of the entity back to a history entry (including a dry run). @public */
export const gitopsApplicationRollbackPermission = actionPermission(
  'gitops.application.rollback',
);

/** Ask Flux to reconcile a Kustomization or HelmRelease of the entity (and its source). @public */
export const gitopsFluxObjectReconcilePermission = actionPermission(
  'gitops.fluxobject.reconcile',
);

/** Suspend or resume a Flux Kustomization or HelmRelease of the entity. @public */
export const gitopsFluxObjectSuspendPermission = actionPermission(
  'gitops.fluxobject.suspend',
);

/** The permission each action is checked against (suspend and resume share one). @public */
export const gitopsActionPermissions: Record<
  GitOpsActionName,
  GitOpsActionPermission
> = {
  refresh: gitopsApplicationRefreshPermission,
  sync: gitopsApplicationSyncPermission,
  rollback: gitopsApplicationRollbackPermission,
  reconcile: gitopsFluxObjectReconcilePermission,
  suspend: gitopsFluxObjectSuspendPermission,
  resume: gitopsFluxObjectSuspendPermission,
};

/**
 * Every permission of the GitOps plugins, as the backend registers them with
 * the permission framework.
 *
 * @public
 */
export const gitopsPermissions: Permission[] = [
  gitopsKnowledgeProblemsReadPermission,
  gitopsFleetReadPermission,
  gitopsApplicationRefreshPermission,
  gitopsApplicationSyncPermission,
  gitopsApplicationRollbackPermission,
  gitopsFluxObjectReconcilePermission,
  gitopsFluxObjectSuspendPermission,
];
