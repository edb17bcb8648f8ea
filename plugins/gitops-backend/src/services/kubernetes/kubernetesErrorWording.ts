import {
  FLUX_KINDS,
  type FluxKind,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { KubernetesError } from './KubernetesError';
import {
  ARGOCD_APPLICATIONS,
  FLUX_RESOURCES,
  resourceName,
  type KubernetesResource,
} from './resources';

function served(resource: KubernetesResource): string {
  return `${resourceName(resource)}/${resource.version}`;
}

/** A failed Application list, with "the CRD is missing" said plainly. */
export function argoCdListError(error: KubernetesError): KubernetesError {
  return error.code === 'not-found'
    ? error.withMessage(
        `Argo CD Application CRD not found on cluster '${
          error.instance
        }': ${served(
          ARGOCD_APPLICATIONS,
        )} is not served. Install Argo CD there, or remove argocdNamespaces from the cluster's configuration`,
      )
    : error;
}

/** A failed Flux list of one kind, with "Flux is not installed" said plainly. */
export function fluxListError(
  cluster: string,
  kind: FluxKind,
  error: KubernetesError,
): KubernetesError {
  if (error.code !== 'not-found') {
    return error;
  }
  return error.withMessage(
    `Flux is not installed on cluster '${cluster}': ${served(
      FLUX_RESOURCES[kind],
    )} is not served (Flux 2.3 or later is needed). Install Flux, or set flux: false for the cluster`,
  );
}

/**
 * One error per cluster when every Flux kind failed the same way (Flux not
 * installed, RBAC, network), else one per failing kind.
 */
export function fluxListErrors(
  cluster: string,
  failures: Map<FluxKind, KubernetesError>,
): SourceError[] {
  const errors = [...failures.values()];
  const allAlike =
    failures.size === FLUX_KINDS.length &&
    errors.every(error => error.code === errors[0].code);
  if (!allAlike) {
    return [...failures.entries()].map(([kind, error]) =>
      fluxListError(cluster, kind, error).toSourceError(),
    );
  }
  if (errors[0].code !== 'not-found') {
    return [errors[0].toSourceError()];
  }
  return [
    errors[0]
      .withMessage(
        `Flux is not installed on cluster '${cluster}': neither ${FLUX_KINDS.map(
          kind => served(FLUX_RESOURCES[kind]),
        ).join(
          ' nor ',
        )} is served (Flux 2.3 or later is needed). Install Flux, or set flux: false for the cluster`,
      )
      .toSourceError(),
  ];
}
