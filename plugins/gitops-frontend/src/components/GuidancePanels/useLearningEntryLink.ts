import { rootRouteRef } from '../../routes';
import { useOptionalRouteRef } from '../shared';

/** Where the learning page lives when the app has not mounted it through the route system. */
const FALLBACK_ROOT = '/gitops';

/** A function from a knowledge entry id to its page on the learning page. */
export function useLearningEntryLink(): (id: string) => string {
  const root = useOptionalRouteRef(rootRouteRef);
  const base = (root ? root() : FALLBACK_ROOT).replace(/\/+$/, '');
  return (id: string) => `${base}/entries/${encodeURIComponent(id)}`;
}
