import {
  isGitOpsActionName,
  type GitOpsActionName,
  type GitOpsActionRequest,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { NotFoundError } from '@backstage/errors';
import { z } from 'zod';
import { parseRequestInput } from '../validation/zodHelpers';

const flag = z.boolean({ invalid_type_error: 'must be true or false' });

/** A Git revision, tag or branch as Argo CD takes it: no spaces, no control characters. */
const revision = z
  .string({ invalid_type_error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[^\s\p{Cc}]+$/u, 'must be a revision, branch or tag without spaces');

/** The JSON body of each action route; unknown keys are refused so a typo is never ignored. */
const bodies: Record<GitOpsActionName, z.ZodTypeAny> = {
  refresh: z.object({ hard: flag.default(false) }).strict(),
  sync: z
    .object({
      revision: revision.optional(),
      prune: flag.default(false),
      dryRun: flag.default(false),
    })
    .strict(),
  rollback: z
    .object({
      id: z
        .number({
          required_error: 'is required: the history id to roll back to',
          invalid_type_error: 'must be a number',
        })
        .int('must be a whole number')
        .min(0, 'must not be negative'),
      prune: flag.default(false),
      dryRun: flag.default(false),
    })
    .strict(),
  reconcile: z.object({ withSource: flag.default(false) }).strict(),
  suspend: z.object({}).strict(),
  resume: z.object({}).strict(),
};

/**
 * The action a route path names, with its body checked: an unknown action
 * is a 404 (no such route), a bad body a 400 naming each bad key.
 */
export function parseActionRequest(
  action: string,
  body: unknown,
): GitOpsActionRequest {
  if (!isGitOpsActionName(action)) {
    throw new NotFoundError(`No action '${action}'`);
  }
  const parsed = parseRequestInput(bodies[action], body ?? {}, 'body key');
  return { action, ...parsed } as GitOpsActionRequest;
}
