import { useCallback, useRef, useState } from 'react';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import useEvent from 'react-use/esm/useEvent';
import useInterval from 'react-use/esm/useInterval';
import useLatest from 'react-use/esm/useLatest';

/** Default of `gitops.frontend.pollIntervalSeconds`. */
const DEFAULT_POLL_INTERVAL_SECONDS = 30;

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

function isVisible(): boolean {
  return document.visibilityState !== 'hidden';
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
  const latest = useLatest(callback);
  const lastRun = useRef(Date.now());
  const [visible, setVisible] = useState(isVisible);

  const poll = useCallback(() => {
    lastRun.current = Date.now();
    latest.current();
  }, [latest]);

  // A null delay stops the timer; a new delay starts a fresh interval.
  useInterval(poll, intervalMs && visible ? intervalMs : null);

  const onVisibilityChange = useCallback(() => {
    const nowVisible = isVisible();
    setVisible(nowVisible);
    if (
      nowVisible &&
      intervalMs &&
      Date.now() - lastRun.current >= intervalMs
    ) {
      poll();
    }
  }, [intervalMs, poll]);
  // Without polling, a visibility change has nothing to do: no listener, no re-render.
  useEvent(
    'visibilitychange',
    intervalMs ? onVisibilityChange : null,
    document,
  );
}
