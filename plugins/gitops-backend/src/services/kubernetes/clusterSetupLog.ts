import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubernetesConfig } from '../../config/readKubernetesConfig';

/** Startup lines about the clusters: which are read, and which are reached unsafely. */
export function logClusterSetup(
  config: KubernetesConfig,
  logger: LoggerService,
) {
  for (const reason of config.skipped) {
    logger.warn(`Kubernetes cluster skipped: ${reason}`);
  }
  if (config.clusters.length === 0) {
    logger.info(
      'No Kubernetes clusters configured (gitops.kubernetes.clusters); status is read from Argo CD APIs only',
    );
    return;
  }
  logger.info('Kubernetes clusters configured', {
    clusters: config.clusters.map(cluster => cluster.name).join(','),
    from: config.origin,
  });
  for (const cluster of config.clusters) {
    if (cluster.skipTLSVerify) {
      logger.warn(
        `TLS verification is off for Kubernetes cluster '${cluster.name}' (skipTLSVerify): anyone on the network path can impersonate its API server and read the service account token; configure caData instead`,
      );
    } else if (cluster.url.startsWith('http:')) {
      logger.warn(
        `Kubernetes cluster '${cluster.name}' is reached over plain HTTP: its token travels unencrypted; use https outside local demos`,
      );
    }
  }
}
