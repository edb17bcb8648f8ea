import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  GitOpsActionName,
  gitopsActionPermissions,
} from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * Whether the viewer may take an action on the entity's applications: the
 * action's permission, checked against the entity whose page this is (the
 * backend checks the same one, so a policy can grant it to the owners).
 */
export function useActionPermission(
  action: GitOpsActionName,
  entityRef: CompoundEntityRef,
) {
  const permission = gitopsActionPermissions[action];
  const result = usePermission({
    permission,
    resourceRef: stringifyEntityRef(entityRef),
  });
  return { ...result, permission };
}
