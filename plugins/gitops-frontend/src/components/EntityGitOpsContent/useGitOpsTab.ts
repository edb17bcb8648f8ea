import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ApplicationSummary,
  RollbackPlan,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { EntityApplications, applicationKey } from '../shared';
import { panelId } from './ApplicationPanel';
import { useExpandedApplications } from './useExpandedApplications';

/** Brings a panel into view and moves keyboard focus to its heading. */
function showPanel(app: ApplicationSummary) {
  const summary = document.getElementById(`${panelId(app)}-summary`);
  summary?.scrollIntoView?.({ block: 'start' });
  summary?.focus({ preventScroll: true });
}

/**
 * The tab's state around the applications: which panels are open, the
 * rollback plans the open panels loaded (for the overview's advice), and
 * the Refresh button that re-reads everything from upstream.
 */
export function useGitOpsTab(state: EntityApplications) {
  const { applications, refresh: refreshList } = state;
  const expanded = useExpandedApplications(applications);
  const [refreshCount, setRefreshCount] = useState(0);
  const [plans, setPlans] = useState<Record<string, RollbackPlan | undefined>>(
    {},
  );

  const setPlan = useCallback(
    (app: ApplicationSummary, plan: RollbackPlan | undefined) => {
      const key = applicationKey(app);
      setPlans(current =>
        current[key] === plan ? current : { ...current, [key]: plan },
      );
    },
    [],
  );

  const refresh = useCallback(() => {
    refreshList();
    setRefreshCount(count => count + 1);
  }, [refreshList]);

  const open = useCallback(
    (app: ApplicationSummary) => {
      expanded.open(app);
      // After the panel has rendered open.
      requestAnimationFrame(() => showPanel(app));
    },
    [expanded],
  );

  // A deep link scrolls to its panel once the applications have arrived.
  const scrolled = useRef(false);
  const linked = applications.find(app => expanded.isLinked(app));
  useEffect(() => {
    if (linked && !scrolled.current) {
      scrolled.current = true;
      requestAnimationFrame(() => showPanel(linked));
    }
  }, [linked]);

  return { expanded, plans, setPlan, refresh, refreshCount, open };
}
