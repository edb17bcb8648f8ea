import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { gitopsActionPermissions } from '@gitops-guide/backstage-plugin-gitops-common';

const ACTION_PERMISSIONS = new Set(
  Object.values(gitopsActionPermissions).map(permission => permission.name),
);

/**
 * The demo's policy, the sample of docs/permissions.md: everyone may read
 * everything, and only an entity's owners may act on its GitOps
 * applications. The guest user is a member of payments-team, so the guest
 * may roll back payments-api but not checkout-web.
 */
export class OwnersMayActPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      ACTION_PERMISSIONS.has(request.permission.name) &&
      isResourcePermission(request.permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link OwnersMayActPolicy} as the permission backend's policy. */
export const demoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'gitops-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OwnersMayActPolicy());
      },
    });
  },
});
