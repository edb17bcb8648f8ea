import {
  FLUX_KINDS,
  fleetLinksOf,
  labelsOf,
  normalizeApplication,
  normalizeFluxObject,
  type FluxKind,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { FleetCandidate, SourceReadOptions } from '../applications/types';
import type { CoalescedCache } from '../shared/CoalescedCache';
import { mapInSlices } from '../shared/eventLoop';
import type { ClusterHandle } from './ClusterLists';
import { KubernetesError } from './KubernetesError';
import { argoCdListError, fluxListErrors } from './kubernetesErrorWording';
import { isAbsentOptionalKind } from './optionalFlux';
import { ARGOCD_APPLICATIONS, FLUX_RESOURCES } from './resources';

/** Bump when the shape of cached values changes. */
const CACHE_VERSION = 'v1';

/** What one cluster holds for the fleet view, or how reading it failed. */
export interface ClusterFleetAnswer {
  applications: FleetCandidate[];
  errors: SourceError[];
}

/**
 * Every Argo CD Application (in the cluster's `argocdNamespaces`) and
 * every Flux object of a cluster, one cached list call per kind, for the
 * fleet view. Flux source URLs are not looked up: the fleet view links to
 * each entity's tab, which has them.
 */
export class ClusterFleet {
  readonly #cache: CoalescedCache;

  constructor(options: { cache: CoalescedCache }) {
    this.#cache = options.cache;
  }

  async read(
    handle: ClusterHandle,
    options: SourceReadOptions,
  ): Promise<ClusterFleetAnswer> {
    const answer: ClusterFleetAnswer = { applications: [], errors: [] };
    const loads: Array<Promise<void>> = [];
    if (handle.config.argocdNamespaces.length > 0) {
      loads.push(
        this.#argoCd(handle, options).then(
          apps => void answer.applications.push(...apps),
          error =>
            void answer.errors.push(
              argoCdListError(asKubernetesError(error)).toSourceError(),
            ),
        ),
      );
    }
    const fluxFailures = new Map<FluxKind, KubernetesError>();
    if (handle.config.flux) {
      for (const kind of FLUX_KINDS) {
        loads.push(
          this.#flux(handle, kind, options).then(
            apps => void answer.applications.push(...apps),
            error => void fluxFailures.set(kind, asKubernetesError(error)),
          ),
        );
      }
    }
    await Promise.all(loads);
    if (fluxFailures.size > 0) {
      answer.errors.push(...fluxListErrors(handle.config.name, fluxFailures));
    }
    return answer;
  }

  #argoCd(
    handle: ClusterHandle,
    options: SourceReadOptions,
  ): Promise<FleetCandidate[]> {
    const cluster = handle.config;
    const namespaces = cluster.argocdNamespaces;
    return this.#cache.get(
      `${CACHE_VERSION}:kube-fleet:${cluster.name}:Application`,
      async () => {
        const { items } = await handle.client.list(
          {
            resource: ARGOCD_APPLICATIONS,
            namespace: namespaces.length === 1 ? namespaces[0] : undefined,
          },
          { deadline: options.deadline },
        );
        return mapInSlices(
          items.filter(item =>
            namespaces.includes(
              String((item.metadata as Record<string, unknown>)?.namespace),
            ),
          ),
          (item): FleetCandidate => ({
            application: normalizeApplication(item, {
              instance: cluster.name,
              uiUrl: cluster.argocdUiUrl,
              sourceKind: 'argocd-kubernetes',
            }),
            labels: labelsOf(item),
            links: fleetLinksOf(item),
          }),
        );
      },
      { fresh: options.refresh },
    );
  }

  #flux(
    handle: ClusterHandle,
    kind: FluxKind,
    options: SourceReadOptions,
  ): Promise<FleetCandidate[]> {
    const cluster = handle.config;
    return this.#cache.get(
      `${CACHE_VERSION}:kube-fleet:${cluster.name}:${kind}`,
      async () => {
        let items: Array<Record<string, unknown>>;
        try {
          ({ items } = await handle.client.list(
            { resource: FLUX_RESOURCES[kind] },
            { deadline: options.deadline },
          ));
        } catch (error) {
          // The card lists say why once (WarnOnce); here a missing CRD is just no objects.
          if (isAbsentOptionalKind(error, cluster.fluxOptional)) {
            return [];
          }
          throw error;
        }
        return mapInSlices(
          items,
          (item): FleetCandidate => ({
            application: normalizeFluxObject(item, {
              instance: cluster.name,
              kind,
            }),
            labels: labelsOf(item),
            links: {},
          }),
        );
      },
      { fresh: options.refresh },
    );
  }
}

function asKubernetesError(error: unknown): KubernetesError {
  if (error instanceof KubernetesError) {
    return error;
  }
  throw error;
}
