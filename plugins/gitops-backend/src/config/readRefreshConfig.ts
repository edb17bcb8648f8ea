import type { Config } from '@backstage/config';
import { z } from 'zod';
import { parseConfigAt } from '../validation/zodHelpers';

/** The validated `gitops.refresh` configuration. @public */
export interface RefreshConfig {
  /** Shortest time between two upstream reads that `refresh=true` asks for, per entity (and application); 0 for no limit. */
  minIntervalSeconds: number;
}

/** Default of `gitops.refresh.minIntervalSeconds`. @public */
export const DEFAULT_REFRESH_MIN_INTERVAL_SECONDS = 10;

const refreshSchema = z.object({
  minIntervalSeconds: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(DEFAULT_REFRESH_MIN_INTERVAL_SECONDS),
});

/** Reads and validates `gitops.refresh`; throws an error naming a bad key. @public */
export function readRefreshConfig(config: Config): RefreshConfig {
  return parseConfigAt(
    'refresh',
    refreshSchema,
    config.getOptional('gitops.refresh') ?? {},
    ['gitops', 'refresh'],
  );
}
