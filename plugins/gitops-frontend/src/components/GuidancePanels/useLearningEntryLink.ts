import { rootRouteRef } from '../../routes';
import { useOptionalRouteRef } from '../shared';

/** Where the learning page lives when the app has not mounted it through the route system. */
const FALLBACK_ROOT = '/gitops';

/** The learning page's address, without a trailing slash unless it is `/`. */
export function useLearningRootLink(): string {
  const root = useOptionalRouteRef(rootRouteRef);
  return (root ? root() : FALLBACK_ROOT).replace(/\/+$/, '') || '/';
}

/** A function from a knowledge entry id to its page on the learning page. */
export function useLearningEntryLink(): (id: string) => string {
  const base = useLearningRootLink().replace(/\/$/, '');
  return (id: string) => `${base}/entries/${encodeURIComponent(id)}`;
}
