import type { Config } from '@backstage/config';
import { z } from 'zod';
import { parseConfigAt } from '../validation/zodHelpers';

/** The validated `gitops.watch` configuration, shared by every watched source. @public */
export interface WatchConfig {
  /** How long a watch may be down before its answers carry a `stale` error. */
  staleAfterSeconds: number;
  /**
   * Longest life of one watch stream: then it is reopened and the
   * applications listed again, which heals events the upstream dropped and
   * connections that died without closing.
   */
  resyncIntervalSeconds: number;
  /** Longest wait between two reconnection attempts (they back off from 1 s). */
  maxBackoffSeconds: number;
  /**
   * Largest full list a watch reads (about 7.5 KB per application with a
   * 10-entry history); instead of `gitops.limits.maxResponseMegabytes`,
   * which bounds the per-request answers.
   */
  maxListMegabytes: number;
  /** Longest wait for a watch's full list, instead of the instance's `timeoutMs`. */
  listTimeoutSeconds: number;
}

/** Defaults of `gitops.watch`. @public */
export const DEFAULT_WATCH_CONFIG: WatchConfig = {
  staleAfterSeconds: 60,
  resyncIntervalSeconds: 900,
  maxBackoffSeconds: 30,
  maxListMegabytes: 256,
  listTimeoutSeconds: 120,
};

const watchSchema = z.object({
  staleAfterSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(DEFAULT_WATCH_CONFIG.staleAfterSeconds),
  resyncIntervalSeconds: z
    .number()
    .int()
    .min(10)
    .max(86_400)
    .default(DEFAULT_WATCH_CONFIG.resyncIntervalSeconds),
  maxBackoffSeconds: z
    .number()
    .int()
    .min(1)
    .max(3_600)
    .default(DEFAULT_WATCH_CONFIG.maxBackoffSeconds),
  maxListMegabytes: z
    .number()
    .positive()
    .max(4096)
    .default(DEFAULT_WATCH_CONFIG.maxListMegabytes),
  listTimeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(3_600)
    .default(DEFAULT_WATCH_CONFIG.listTimeoutSeconds),
});

/** Reads and validates `gitops.watch`; throws an error naming a bad key. @public */
export function readWatchConfig(config: Config): WatchConfig {
  return parseConfigAt(
    'watch',
    watchSchema,
    config.getOptional('gitops.watch') ?? {},
    ['gitops', 'watch'],
  );
}
