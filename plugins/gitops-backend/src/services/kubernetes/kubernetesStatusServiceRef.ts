import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultKubernetesStatusService } from './DefaultKubernetesStatusService';
import type { KubernetesStatusService } from './types';

/**
 * The Kubernetes status service of the GitOps backend (Argo CD Applications
 * and Flux objects read from clusters). The default reads
 * `gitops.kubernetes` (or the `config` clusters of
 * `kubernetes.clusterLocatorMethods`); register another factory for this ref
 * to replace it.
 * @public
 */
export const kubernetesStatusServiceRef =
  createServiceRef<KubernetesStatusService>({
    id: 'gitops.kubernetes.status',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          cache: coreServices.cache,
        },
        factory({ config, logger, cache }) {
          return DefaultKubernetesStatusService.fromConfig(config, {
            logger,
            cache,
          });
        },
      }),
  });
