import type { FluxSourceLookup } from '../flux/source';
import type { RawHelmRelease, RawKustomization } from '../flux/types';

/** Flux objects for the normalizer tests: a Kustomization `checkout` and a HelmRelease `podinfo`, at generation 2 and 3. */

/** Revisions as Flux writes them, `main@sha1:aaaa…`. */
export const A = `main@sha1:${'a'.repeat(40)}`;
export const B = `main@sha1:${'b'.repeat(40)}`;
export const T0 = '2024-05-01T10:00:00Z';
export const T1 = '2024-05-01T10:05:00Z';

/** Knows the URL of GitRepository `shop-deploy` only. */
export const lookup: FluxSourceLookup = ref =>
  ref.kind === 'GitRepository' && ref.name === 'shop-deploy'
    ? { url: 'https://github.com/acme/shop-deploy', ref: 'main' }
    : undefined;

/** A `Ready` condition of the current generation. */
export function ready(status: string, reason: string, message: string) {
  return {
    type: 'Ready',
    status,
    reason,
    message,
    lastTransitionTime: T1,
    observedGeneration: 2,
  };
}

/** Kustomization `flux-system/checkout`, with the given status over `observedGeneration: 2`. */
export function kustomization(
  status: RawKustomization['status'],
  spec: Partial<NonNullable<RawKustomization['spec']>> = {},
): RawKustomization {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: 'checkout',
      namespace: 'flux-system',
      generation: 2,
      labels: { 'backstage.io/kubernetes-id': 'checkout', env: 'prod' },
    },
    spec: {
      interval: '5m',
      path: './apps/checkout',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'shop-deploy' },
      targetNamespace: 'checkout',
      ...spec,
    },
    status: { observedGeneration: 2, ...status },
  };
}

/** HelmRelease `apps/podinfo` of chart `podinfo` 6.5.x, with the given status over `observedGeneration: 3`. */
export function helmRelease(
  status: RawHelmRelease['status'],
  spec: Partial<NonNullable<RawHelmRelease['spec']>> = {},
): RawHelmRelease {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'podinfo', namespace: 'apps', generation: 3 },
    spec: {
      interval: '10m',
      chart: {
        spec: {
          chart: 'podinfo',
          version: '6.5.x',
          sourceRef: {
            kind: 'HelmRepository',
            name: 'podinfo',
            namespace: 'flux-system',
          },
        },
      },
      ...spec,
    },
    status: { observedGeneration: 3, ...status },
  };
}

/** A HelmRelease `status.history` snapshot of Helm release `version`. */
export function snapshot(
  version: number,
  chartVersion: string,
  status: string,
  extra: object = {},
) {
  return {
    name: 'podinfo',
    namespace: 'apps',
    version,
    status,
    chartName: 'podinfo',
    chartVersion,
    appVersion: chartVersion,
    configDigest: `sha256:${String(version).repeat(64)}`,
    digest: `sha256:${'f'.repeat(64)}`,
    firstDeployed: '2024-04-01T08:00:00Z',
    lastDeployed: `2024-05-0${version}T08:00:00Z`,
    ...extra,
  };
}
