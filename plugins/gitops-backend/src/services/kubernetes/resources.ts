/** A custom resource the backend lists: its API group, version, plural and kind. */
export interface KubernetesResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

/** Argo CD `Application`s (the CRD the Argo CD API serves from). */
export const ARGOCD_APPLICATIONS: KubernetesResource = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural: 'applications',
  kind: 'Application',
};

/** Flux `Kustomization`s. */
export const FLUX_KUSTOMIZATIONS: KubernetesResource = {
  group: 'kustomize.toolkit.fluxcd.io',
  version: 'v1',
  plural: 'kustomizations',
  kind: 'Kustomization',
};

/** Flux `HelmRelease`s. */
export const FLUX_HELMRELEASES: KubernetesResource = {
  group: 'helm.toolkit.fluxcd.io',
  version: 'v2',
  plural: 'helmreleases',
  kind: 'HelmRelease',
};

/** The Flux object resources, by kind. */
export const FLUX_RESOURCES = {
  Kustomization: FLUX_KUSTOMIZATIONS,
  HelmRelease: FLUX_HELMRELEASES,
} as const;

/**
 * The source-controller kinds whose URL is read for a Kustomization's or
 * HelmRelease's source (`source.toolkit.fluxcd.io/v1`, Flux 2.3+; OCIRepository
 * since 2.6). Other kinds (HelmChart, ExternalArtifact) have no URL of their own.
 */
export const FLUX_SOURCE_RESOURCES: Record<string, KubernetesResource> = {
  GitRepository: {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'gitrepositories',
    kind: 'GitRepository',
  },
  HelmRepository: {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'helmrepositories',
    kind: 'HelmRepository',
  },
  OCIRepository: {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'ocirepositories',
    kind: 'OCIRepository',
  },
  Bucket: {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    plural: 'buckets',
    kind: 'Bucket',
  },
};

/** `kustomizations.kustomize.toolkit.fluxcd.io`, as RBAC rules and kubectl name it. */
export function resourceName(resource: KubernetesResource): string {
  return `${resource.plural}.${resource.group}`;
}
