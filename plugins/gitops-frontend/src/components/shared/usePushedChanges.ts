import { useCallback, useEffect, useRef, useState } from 'react';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useSignal } from '@backstage/plugin-signals-react';
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
 * applications. Without the signals plugin nothing ever comes and `due`
 * stays false: the callers' polling goes on as before.
 */
export function usePushedChanges(entityRef: CompoundEntityRef): PushedChanges {
  const { lastSignal, isSignalsAvailable } = useSignal(GITOPS_SIGNAL_CHANNEL);
  const [due, setDue] = useState(false);
  const seen = useRef<object | null>(null);
  const handled = useRef(new Set<string>());
  const counts = useRef<PushedChangeCounts>({});
  const waiting = useRef(false);
  const lastRead = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );

  useEffect(() => {
    // Each message is handled once, whatever re-renders or entity changes follow.
    if (!lastSignal || lastSignal === seen.current) return;
    seen.current = lastSignal;
    const applications = changedApplicationsOf(lastSignal, entityRef);
    if (!applications) return;
    const identity = changeIdentity(entityRef, applications);
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
  }, [lastSignal, entityRef]);

  const startRead = useCallback(() => {
    if (waiting.current) {
      waiting.current = false;
      lastRead.current = Date.now();
      setDue(false);
    }
    return counts.current;
  }, []);

  return { live: isSignalsAvailable, due, startRead };
}
