import type {
  CacheService,
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readActionsConfig } from '../../config/readActionsConfig';
import { readArgoCdConfig } from '../../config/readArgoCdConfig';
import { readKubernetesConfig } from '../../config/readKubernetesConfig';
import { readLimitsConfig } from '../../config/readLimitsConfig';
import { readRefreshConfig } from '../../config/readRefreshConfig';
import { readWatchConfig } from '../../config/readWatchConfig';
import { ArgoCdApiSource } from '../argocd/ArgoCdApiSource';
import { KubernetesSource } from '../kubernetes/KubernetesSource';
import { DefaultApplicationStatusService } from './DefaultApplicationStatusService';
import type { ApplicationStatusService } from './types';

/**
 * The default application status service from configuration: Argo CD's API
 * first, then the clusters, which win an instance name both configure;
 * refreshes limited by `gitops.refresh.minIntervalSeconds`; one deadline
 * per request and a maximum answer size from `gitops.limits`; actions when
 * `gitops.actions.enabled` is on. Watches (`instances[].watch`) start
 * when the plugin has started (right away without `lifecycle`) and stop
 * on shutdown.
 * Throws naming a bad configuration key.
 * @public
 */
export function createApplicationStatusService(options: {
  config: Config;
  logger: LoggerService;
  cache: CacheService;
  lifecycle?: LifecycleService;
}): ApplicationStatusService {
  const { config, logger, cache, lifecycle } = options;
  const argoCd = readArgoCdConfig(config);
  const kubernetes = readKubernetesConfig(config);
  const refresh = readRefreshConfig(config);
  const limits = readLimitsConfig(config);
  const argoCdNames = new Set(argoCd.instances.map(instance => instance.name));
  for (const cluster of kubernetes.clusters) {
    if (argoCdNames.has(cluster.name)) {
      logger.warn(
        `Kubernetes cluster '${cluster.name}' has the name of a configured Argo CD instance; details for that name are read from the cluster. Give the two different names`,
      );
    }
  }
  const service = DefaultApplicationStatusService.create({
    sources: [
      ArgoCdApiSource.create({
        config: argoCd,
        logger,
        cache,
        limits,
        watch: readWatchConfig(config),
      }),
      KubernetesSource.create({ config: kubernetes, logger, cache, limits }),
    ],
    refreshMinIntervalSeconds: refresh.minIntervalSeconds,
    requestDeadlineMs: limits.requestDeadlineMs,
    actionsEnabled: readActionsConfig(config).enabled,
  });
  if (lifecycle) {
    lifecycle.addStartupHook(() => service.start());
    lifecycle.addShutdownHook(() => service.stop());
  } else {
    service.start();
  }
  return service;
}
