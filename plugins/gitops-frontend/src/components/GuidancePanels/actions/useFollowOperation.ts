import { useCallback, useEffect, useRef, useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import useLatest from 'react-use/esm/useLatest';
import {
  ApplicationDetail,
  GitOpsActionName,
  GitOpsActionRequest,
  GitOpsActionResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { usePolling } from '../../shared/usePolling';
import { FollowEnd, FollowTarget, followEnd, followTarget } from './followEnd';

/** How often the detail is read again while an action runs; the backend allows it right after an action. */
export const FOLLOW_INTERVAL_MS = 2_000;
/** When to stop following an action that does not end. */
export const FOLLOW_CAP_MS = 3 * 60_000;

/** An action being followed, or the last one followed. */
export interface FollowedAction {
  /** Tells one followed action from the next. */
  id: number;
  action: GitOpsActionName;
  dryRun: boolean;
  target: FollowTarget;
  /** The viewer's clock when the action answered. */
  startedAtMs: number;
  /** Set once the action ended. */
  end?: FollowEnd;
  /** Set when following stopped at {@link FOLLOW_CAP_MS} without an end. */
  timedOut?: boolean;
}

/** What the action buttons and the follow line use. */
export interface OperationFollow {
  /** The action followed now, or the last one, with how it ended. */
  followed: FollowedAction | undefined;
  /** True while an action is followed. */
  running: boolean;
  /** The viewer's clock, ticking every second while an action is followed. */
  now: number;
  /**
   * Follows what the answered action started. Returns the id of the
   * followed action, or undefined when there is nothing to wait for (the
   * detail is read again once).
   */
  start(
    request: GitOpsActionRequest,
    response: GitOpsActionResponse,
  ): number | undefined;
}

/**
 * Follows an action until it ends: reads the application's detail again
 * from upstream every {@link FOLLOW_INTERVAL_MS} while the page is visible
 * (through `reload`, the detail's own loader) until the Argo CD operation
 * leaves Running/Terminating, Flux has handled the reconcile request, or the
 * suspension shows; stops at {@link FOLLOW_CAP_MS}. `onEnd` runs once per
 * action, when it ended or following stopped, so the entity's applications
 * can be read again.
 */
export function useFollowOperation(options: {
  /** The latest detail of the application. */
  detail: ApplicationDetail | undefined;
  /** True while a detail request is in flight: a poll then waits for it. */
  loading: boolean;
  /** Reads the detail again from upstream (`refresh: true`). */
  reload: () => void;
  onEnd?: () => void;
}): OperationFollow {
  const { detail, loading, reload } = options;
  const [followed, setFollowed] = useState<FollowedAction>();
  const [now, setNow] = useState(() => Date.now());
  const nextId = useRef(0);
  // The detail on screen when the action answered: it predates the action,
  // so it cannot tell that the action ended.
  const detailAtStart = useRef<ApplicationDetail>();
  const latestDetail = useLatest(detail);
  const onEnd = useLatest(options.onEnd);
  const busy = useLatest(loading);
  const running = Boolean(followed && !followed.end && !followed.timedOut);

  const start = useCallback(
    (request: GitOpsActionRequest, response: GitOpsActionResponse) => {
      const target = followTarget(request, response, latestDetail.current);
      reload();
      if (!target) {
        onEnd.current?.();
        return undefined;
      }
      nextId.current += 1;
      const startedAtMs = Date.now();
      detailAtStart.current = latestDetail.current;
      setNow(startedAtMs);
      setFollowed({
        id: nextId.current,
        action: request.action,
        dryRun: response.dryRun,
        target,
        startedAtMs,
      });
      return nextId.current;
    },
    [reload, onEnd, latestDetail],
  );

  useEffect(() => {
    if (!running || !followed || !detail) return;
    if (detail === detailAtStart.current) return;
    const end = followEnd(followed.target, detail);
    if (end) {
      setFollowed({ ...followed, end });
      onEnd.current?.();
    }
  }, [running, followed, detail, onEnd]);

  useEffect(() => {
    if (running && followed && now - followed.startedAtMs >= FOLLOW_CAP_MS) {
      setFollowed({ ...followed, timedOut: true });
      onEnd.current?.();
    }
  }, [running, followed, now, onEnd]);

  // A poll waits for a request in flight: a slow upstream must not see its
  // answers replaced before they arrive.
  usePolling(
    () => {
      if (!busy.current) reload();
    },
    running ? FOLLOW_INTERVAL_MS : undefined,
  );
  useInterval(() => setNow(Date.now()), running ? 1_000 : null);

  return { followed, running, now, start };
}
