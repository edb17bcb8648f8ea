import { ApiError, GrpcCode } from '../errors';
import { CONTROLLER_NAMESPACE } from '../instanceStore';
import { rfc3339 } from '../rfc3339';
import type { Account } from '../sessions';
import type { ArgoApplication } from '../types';

/** How Argo CD's RBAC names an app: `<project>/<name>`, with the namespace in between outside `argocd`. */
export function rbacName(app: ArgoApplication): string {
  const project = app.spec.project || 'default';
  const { name, namespace } = app.metadata;
  return namespace && namespace !== CONTROLLER_NAMESPACE
    ? `${project}/${namespace}/${name}`
    : `${project}/${name}`;
}

/**
 * The refusal of `enf.EnforceErr(claims, "applications", "sync", app)` for an account RBAC does not let sync: it
 * names the object and the token's subject and issue time.
 */
export function assertMaySync(account: Account, app: ArgoApplication): void {
  if (account.canSync) {
    return;
  }
  throw new ApiError(
    GrpcCode.PermissionDenied,
    `permission denied: applications, sync, ${rbacName(app)}, sub: ${
      account.subject
    }, iat: ${rfc3339(account.issuedAt * 1000)}`,
  );
}
