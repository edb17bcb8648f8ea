import { RouteFunc, RouteRef, useRouteRef } from '@backstage/core-plugin-api';

/**
 * `useRouteRef` for a route the app may not have mounted: undefined instead
 * of an error, so a component can fall back to a plain link or text.
 */
export function useOptionalRouteRef(
  routeRef: RouteRef<undefined>,
): RouteFunc<undefined> | undefined {
  try {
    // useRouteRef runs all its own hooks before it throws, so the hook order stays stable.
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
