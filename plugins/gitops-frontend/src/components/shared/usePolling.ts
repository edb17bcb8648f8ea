import { useEffect, useRef } from 'react';
import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** Default of `gitops.frontend.pollIntervalSeconds`. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 30;

/**
 * The tab's polling interval in milliseconds from
 * `gitops.frontend.pollIntervalSeconds` (default 30); undefined when set to
 * 0 or less, which turns polling off.
 */
export function usePollIntervalMs(): number | undefined {
  const configApi = useApi(configApiRef);
  const seconds =
    configApi.getOptionalNumber('gitops.frontend.pollIntervalSeconds') ??
    DEFAULT_POLL_INTERVAL_SECONDS;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function isHidden(): boolean {
  return (
    typeof document !== 'undefined' && document.visibilityState === 'hidden'
  );
}

/**
 * Calls `callback` every `intervalMs` while the page is visible. Nothing runs
 * while `document.visibilityState` is `hidden`; on return, a poll that fell
 * due while hidden runs at once and the interval restarts.
 */
export function usePolling(
  callback: () => void,
  intervalMs: number | undefined,
) {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });

  useEffect(() => {
    if (!intervalMs) {
      return undefined;
    }
    let timer: ReturnType<typeof setInterval> | undefined;
    let lastRun = Date.now();
    const tick = () => {
      lastRun = Date.now();
      latest.current();
    };
    const start = () => {
      if (timer === undefined) {
        timer = setInterval(tick, intervalMs);
      }
    };
    const stop = () => {
      if (timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    };
    const onVisibilityChange = () => {
      if (isHidden()) {
        stop();
        return;
      }
      if (Date.now() - lastRun >= intervalMs) {
        tick();
      }
      start();
    };

    if (!isHidden()) {
      start();
    }
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [intervalMs]);
}
