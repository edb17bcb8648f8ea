import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ApplicationDetail,
  GitOpsActionName,
  GitOpsActionRequest,
  RollbackPlan,
  actionRefusal,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ACTION_TEXT, displayName, objectsOf } from './actionText';
import { defaultRequest, rollbackTarget } from './actionRequests';
import { useActionPermission } from './useActionPermission';

/** Whether a button can be pressed and, when not, why. */
export type ActionAvailability =
  /** The permission is being checked: the button waits, disabled. */
  | { state: 'checking' }
  | { state: 'ready'; request: GitOpsActionRequest }
  | { state: 'blocked'; reason: string; hint?: string };

/**
 * What one action button may do now. A denied permission comes first (it
 * does not change with the application's state), then what the application's
 * state forbids: the same checks the backend answers 409 with.
 */
export function useActionAvailability(
  action: GitOpsActionName,
  entityRef: CompoundEntityRef,
  detail: ApplicationDetail,
  plan: RollbackPlan | undefined,
): ActionAvailability {
  const permission = useActionPermission(action, entityRef);
  if (!permission.loading && !permission.allowed) {
    return {
      state: 'blocked',
      reason: permission.error
        ? `Your Backstage permissions could not be checked (${permission.permission.name}): ${permission.error.message}`
        : `Your Backstage permissions do not allow ${
            ACTION_TEXT[action].gerund
          } the ${objectsOf(detail)} of ${entityRef.name} (${
            permission.permission.name
          }).`,
    };
  }
  const request = defaultRequest(action, rollbackTarget(plan));
  if (!request) {
    return {
      state: 'blocked',
      reason: `No history entry of ${displayName(
        detail,
      )} is known to be good to roll back to.`,
      hint: plan?.reason,
    };
  }
  const refusal = actionRefusal(detail, request);
  if (refusal) {
    return { state: 'blocked', ...refusal };
  }
  return permission.loading
    ? { state: 'checking' }
    : { state: 'ready', request };
}
