import type { Config } from '@backstage/config';
import { z } from 'zod';
import { parseConfigAt } from '../validation/zodHelpers';

/** The validated `gitops.actions` configuration. @public */
export interface ActionsConfig {
  /**
   * Whether the write routes (refresh, sync, rollback, reconcile, suspend,
   * resume) exist at all. Default false: a read-only plugin until the
   * platform team turns actions on and writes a permission policy.
   */
  enabled: boolean;
}

const actionsSchema = z
  .object({ enabled: z.boolean().default(false) })
  .strict();

/** Reads and validates `gitops.actions`; throws an error naming a bad key. @public */
export function readActionsConfig(config: Config): ActionsConfig {
  return parseConfigAt(
    'actions',
    actionsSchema,
    config.getOptional('gitops.actions') ?? {},
    ['gitops', 'actions'],
  );
}
