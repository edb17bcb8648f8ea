import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'gitops' });
export const entityContentRouteRef = createRouteRef({
  id: 'gitops:entity-content',
});
export const fleetRouteRef = createRouteRef({ id: 'gitops:fleet' });
