import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { createApplicationStatusService } from './createApplicationStatusService';
import type { ApplicationStatusService } from './types';

/**
 * The GitOps backend's application status: Argo CD API instances
 * (`gitops.argocd`, or the Roadie/Red Hat `argocd` shape) and Kubernetes
 * clusters (`gitops.kubernetes`, or the `config` clusters of
 * `kubernetes.clusterLocatorMethods`). Register another factory for this
 * ref to replace it.
 * @public
 */
export const applicationStatusServiceRef =
  createServiceRef<ApplicationStatusService>({
    id: 'gitops.applications',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          cache: coreServices.cache,
          lifecycle: coreServices.lifecycle,
        },
        factory({ config, logger, cache, lifecycle }) {
          return createApplicationStatusService({
            config,
            logger,
            cache,
            lifecycle,
          });
        },
      }),
  });
