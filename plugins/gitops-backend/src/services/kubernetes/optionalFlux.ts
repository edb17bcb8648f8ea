import type { WarnOnce } from '../shared/WarnOnce';
import { KubernetesError } from './KubernetesError';
import { resourceName, type KubernetesResource } from './resources';

/**
 * True when a list failed only because a cluster that may lack Flux (one
 * borrowed from the Kubernetes plugin) does not serve the kind: that
 * cluster then simply has no such objects.
 */
export function isAbsentOptionalKind(
  error: unknown,
  optional: boolean,
): boolean {
  return (
    optional && error instanceof KubernetesError && error.code === 'not-found'
  );
}

/** Says once per cluster and kind that no Flux objects of a kind are read from it. */
export function warnAbsentFluxKind(
  warnings: WarnOnce,
  cluster: string,
  kind: string,
  resource: KubernetesResource,
): void {
  warnings.warn(
    `no-flux:${cluster}:${kind}`,
    `Kubernetes cluster '${cluster}' does not serve ${resourceName(resource)}/${
      resource.version
    }; no Flux ${kind}s are read from it`,
  );
}
