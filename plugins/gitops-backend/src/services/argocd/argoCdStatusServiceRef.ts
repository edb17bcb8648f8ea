import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultArgoCdStatusService } from './DefaultArgoCdStatusService';
import type { ArgoCdStatusService } from './types';

/**
 * The Argo CD status service of the GitOps backend. The default reads
 * `gitops.argocd` (or the Roadie/Red Hat `argocd` shape); register another
 * factory for this ref to replace it.
 * @public
 */
export const argoCdStatusServiceRef = createServiceRef<ArgoCdStatusService>({
  id: 'gitops.argocd.status',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
      },
      factory({ config, logger, cache }) {
        return DefaultArgoCdStatusService.fromConfig(config, { logger, cache });
      },
    }),
});
