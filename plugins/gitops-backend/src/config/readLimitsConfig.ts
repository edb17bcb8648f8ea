import type { Config } from '@backstage/config';
import { z } from 'zod';
import { parseConfigAt } from '../validation/zodHelpers';

/** The validated `gitops.limits` configuration. @public */
export interface LimitsConfig {
  /** One deadline per incoming request, shared by every upstream call made for it. */
  requestDeadlineMs: number;
  /** Largest upstream answer read, in bytes. */
  maxResponseBytes: number;
}

/** Default of `gitops.limits.requestDeadlineMs`. @public */
export const DEFAULT_REQUEST_DEADLINE_MS = 5_000;
/**
 * Default of `gitops.limits.maxResponseMegabytes`: room for about 10,000
 * Argo CD applications listed with `fields`, or about 4,000 in full.
 * @public
 */
export const DEFAULT_MAX_RESPONSE_MEGABYTES = 32;
/** {@link DEFAULT_MAX_RESPONSE_MEGABYTES} in bytes, for sources created without limits. */
export const DEFAULT_MAX_RESPONSE_BYTES =
  DEFAULT_MAX_RESPONSE_MEGABYTES * 1024 * 1024;

const limitsSchema = z.object({
  requestDeadlineMs: z
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(DEFAULT_REQUEST_DEADLINE_MS),
  maxResponseMegabytes: z
    .number()
    .positive()
    .max(1024)
    .default(DEFAULT_MAX_RESPONSE_MEGABYTES),
});

/** Reads and validates `gitops.limits`; throws an error naming a bad key. @public */
export function readLimitsConfig(config: Config): LimitsConfig {
  const parsed = parseConfigAt(
    'limits',
    limitsSchema,
    config.getOptional('gitops.limits') ?? {},
    ['gitops', 'limits'],
  );
  return {
    requestDeadlineMs: parsed.requestDeadlineMs,
    maxResponseBytes: Math.round(parsed.maxResponseMegabytes * 1024 * 1024),
  };
}
