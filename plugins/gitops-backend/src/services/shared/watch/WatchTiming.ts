import type { WatchConfig } from '../../../config/readWatchConfig';

/** Timing of one watch, in milliseconds. */
export interface WatchTiming {
  staleAfterMs: number;
  resyncIntervalMs: number;
  maxBackoffMs: number;
  /** First wait after a failure; doubles up to `maxBackoffMs`. Default 1000. */
  initialBackoffMs?: number;
  /** Bounds of the full list. */
  listTimeoutMs: number;
  maxListBytes: number;
}

/** The timing of each watch configured by `gitops.watch`. */
export function watchTimingOf(config: WatchConfig): WatchTiming {
  return {
    staleAfterMs: config.staleAfterSeconds * 1000,
    resyncIntervalMs: config.resyncIntervalSeconds * 1000,
    maxBackoffMs: config.maxBackoffSeconds * 1000,
    listTimeoutMs: config.listTimeoutSeconds * 1000,
    maxListBytes: Math.round(config.maxListMegabytes * 1024 * 1024),
  };
}
