import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ApplicationSummary,
  needsAttention,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { applicationKey, applicationParam } from '../shared';

/** The URL query parameter naming the panel to open: `?app=<instance>/<name>`. */
export const APP_PARAM = 'app';

/** Which application panels are open, and the deep link that opened one. */
export interface ExpandedApplications {
  isExpanded(app: ApplicationSummary): boolean;
  /** True for the application `?app=` names. */
  isLinked(app: ApplicationSummary): boolean;
  setExpanded(app: ApplicationSummary, expanded: boolean): void;
  /** Opens the application's panel and names it in the URL, for sharing. */
  open(app: ApplicationSummary): void;
}

/**
 * Panels of applications that need attention start open, healthy ones
 * closed, and the one `?app=` names open. An open panel stays open when its
 * application recovers (someone may be reading it), and what the user opens
 * or closes stays so until the page is left, whatever later polls say.
 */
export function useExpandedApplications(
  applications: ApplicationSummary[],
): ExpandedApplications {
  const [searchParams, setSearchParams] = useSearchParams();
  const linked = searchParams.get(APP_PARAM);
  const [chosen, setChosen] = useState<Record<string, boolean>>({});

  useEffect(() => {
    const opened = applications
      .filter(app => needsAttention(app))
      .map(app => applicationKey(app));
    setChosen(current =>
      opened.every(key => key in current)
        ? current
        : Object.fromEntries([
            ...opened.map(key => [key, true]),
            ...Object.entries(current),
          ]),
    );
  }, [applications]);

  const isLinked = useCallback(
    (app: ApplicationSummary) => linked === applicationParam(app),
    [linked],
  );
  const isExpanded = useCallback(
    (app: ApplicationSummary) =>
      chosen[applicationKey(app)] ?? (isLinked(app) || needsAttention(app)),
    [chosen, isLinked],
  );
  const setExpanded = useCallback(
    (app: ApplicationSummary, expanded: boolean) =>
      setChosen(current => ({ ...current, [applicationKey(app)]: expanded })),
    [],
  );
  const open = useCallback(
    (app: ApplicationSummary) => {
      setExpanded(app, true);
      const next = new URLSearchParams(searchParams);
      next.set(APP_PARAM, applicationParam(app));
      setSearchParams(next, { replace: true });
    },
    [searchParams, setExpanded, setSearchParams],
  );
  return { isExpanded, isLinked, setExpanded, open };
}
