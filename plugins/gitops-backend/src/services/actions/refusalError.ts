import { ConflictError } from '@backstage/errors';
import {
  actionRefusal,
  type ActionSubject,
  type GitOpsActionRequest,
} from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * What the upstream would refuse, as the 409 the action routes answer: the
 * reason and what to do instead, from the same `actionRefusal` the UI uses
 * to disable a button. Undefined when the action may go ahead.
 */
export function refusalError(
  subject: ActionSubject,
  request: GitOpsActionRequest,
): ConflictError | undefined {
  const refusal = actionRefusal(subject, request);
  return refusal && new ConflictError(`${refusal.reason} ${refusal.hint}`);
}
