/** A custom resource the fake API server serves. */
export interface ServedResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  /**
   * Whether the CRD has the status subresource (Flux's do, Argo CD's Application does not): then a patch of the
   * object leaves `status` alone and only spec changes make a new generation.
   */
  statusSubresource?: boolean;
}

/** `kustomizations.kustomize.toolkit.fluxcd.io`: how RBAC, kubectl and CRDs name a resource. */
export function resourceName(resource: ServedResource): string {
  return `${resource.plural}.${resource.group}`;
}

/** What the fake serves by default: Argo CD Applications, Flux objects and Flux sources. */
export const KNOWN_RESOURCES: readonly ServedResource[] = [
  {
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'applications',
    kind: 'Application',
    namespaced: true,
  },
  {
    group: 'kustomize.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'kustomizations',
    kind: 'Kustomization',
    namespaced: true,
    statusSubresource: true,
  },
  {
    group: 'helm.toolkit.fluxcd.io',
    version: 'v2',
    plural: 'helmreleases',
    kind: 'HelmRelease',
    namespaced: true,
    statusSubresource: true,
  },
  {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'gitrepositories',
    kind: 'GitRepository',
    namespaced: true,
    statusSubresource: true,
  },
  {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'helmrepositories',
    kind: 'HelmRepository',
    namespaced: true,
    statusSubresource: true,
  },
  {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'ocirepositories',
    kind: 'OCIRepository',
    namespaced: true,
    statusSubresource: true,
  },
];
