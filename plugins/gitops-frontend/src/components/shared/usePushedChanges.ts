import { useCallback, useEffect, useRef, useState } from 'react';
import useLatest from 'react-use/esm/useLatest';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { GITOPS_SIGNAL_CHANNEL } from '@gitops-guide/backstage-plugin-gitops-common';
import { applicationKey } from './applications';
import {
  changeIdentity,
  changedApplicationsOf,
} from './applicationsChangedSignal';

/**
 * A re-read starts at once on a signal; further signals within this long of
 * it (a sync changes an application several times in a second) share one
 * more re-read at the end of the gap.
 */
export const PUSHED_READ_GAP_MS = 1_000;

/**
 * With the signals plugin, how often an open page reads its list although
 * nothing changed. The backend pushes to users who loaded the entity in its
 * last 30 minutes; this read keeps a page left open longer among them.
 */
export const PUSH_HEARTBEAT_MS = 20 * 60_000;

/** How many handled signals are remembered to skip their repeats. */
const REMEMBERED_SIGNALS = 100;

/** How many pushed changes of each application (by `applicationKey`) a read covers. */
export type PushedChangeCounts = Readonly<Record<string, number>>;

/** The changes the backend pushed for an entity, and when to re-read for them. */
export interface PushedChanges {
  /** True when the app has the signals plugin, so that changes can be pushed at all. */
  live: boolean;
  /** True while a pushed change waits for a read of the list. */
  due: boolean;
  /** To call as a read of the list starts: it covers the changes pushed so far. */
  startRead(): PushedChangeCounts;
}

function remember(handled: Set<string>, identity: string) {
  if (handled.size >= REMEMBERED_SIGNALS) {
    handled.delete(handled.values().next().value!);
  }
  handled.add(identity);
}

/**
 * Listens on the GitOps signal channel for changes to the entity's
 * applications. It subscribes itself rather than through `useSignal`, which
 * keeps only the latest message: two signals delivered before a render
 * (two applications changing at once) must both count. Without the signals
 * plugin nothing ever comes and `due` stays false: the callers' polling
 * goes on as before.
 */
export function usePushedChanges(entityRef: CompoundEntityRef): PushedChanges {
  const signalApi = useApiHolder().get(signalApiRef);
  const [due, setDue] = useState(false);
  const handled = useRef(new Set<string>());
  const counts = useRef<PushedChangeCounts>({});
  const waiting = useRef(false);
  const lastRead = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const currentRef = useLatest(entityRef);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );

  const onMessage = useCallback(
    (message: Record<string, unknown> | null) => {
      const applications = changedApplicationsOf(message, currentRef.current);
      if (!applications) return;
      const identity = changeIdentity(currentRef.current, applications);
      if (identity) {
        if (handled.current.has(identity)) return;
        remember(handled.current, identity);
      }
      const next = { ...counts.current };
      for (const app of applications) {
        const key = applicationKey(app);
        next[key] = (next[key] ?? 0) + 1;
      }
      counts.current = next;
      waiting.current = true;
      const wait = lastRead.current + PUSHED_READ_GAP_MS - Date.now();
      if (wait <= 0) {
        setDue(true);
      } else if (timer.current === undefined) {
        timer.current = setTimeout(() => {
          timer.current = undefined;
          // Unless another read (a poll) has covered the change meanwhile.
          if (waiting.current) setDue(true);
        }, wait);
      }
    },
    [currentRef],
  );

  useEffect(() => {
    if (!signalApi) return undefined;
    const { unsubscribe } = signalApi.subscribe(
      GITOPS_SIGNAL_CHANNEL,
      onMessage,
    );
    return unsubscribe;
  }, [signalApi, onMessage]);

  const startRead = useCallback(() => {
    if (waiting.current) {
      waiting.current = false;
      lastRead.current = Date.now();
      setDue(false);
    }
    return counts.current;
  }, []);

  return { live: signalApi !== undefined, due, startRead };
}
