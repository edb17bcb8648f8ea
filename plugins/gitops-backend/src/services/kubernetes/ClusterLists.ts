import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  normalizeApplicationDetail,
  type ApplicationDetail,
  type FluxKind,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { KubernetesClusterConfig } from '../../config/readKubernetesConfig';
import { byName } from '../applications/targeting';
import type { SourceReadOptions } from '../applications/types';
import type { CoalescedCache } from '../shared/CoalescedCache';
import { mapInSlices } from '../shared/eventLoop';
import { cacheKeyHash } from '../shared/upstreamValues';
import type { WarnOnce } from '../shared/WarnOnce';
import type { ArgoCdListQuery } from './argoCdQuery';
import { fluxDetailsOf } from './fluxDetails';
import { FluxSourceLookup } from './fluxSources';
import type { KubernetesClient } from './KubernetesClient';
import { isAbsentOptionalKind, warnAbsentFluxKind } from './optionalFlux';
import { ARGOCD_APPLICATIONS, FLUX_RESOURCES } from './resources';

/** Bump when the shape of cached values changes. */
const CACHE_VERSION = 'v1';

/** One configured cluster and its client. */
export interface ClusterHandle {
  config: KubernetesClusterConfig;
  client: KubernetesClient;
}

/**
 * The list calls the Kubernetes source makes, one per cluster, kind and
 * selector, each normalized once (as details) and cached, so the card and
 * the detail route read the same call. A refresh reads them upstream, Flux
 * source lookups included, and caches that answer.
 */
export class ClusterLists {
  readonly #cache: CoalescedCache;
  readonly #logger: LoggerService;
  readonly #warnings: WarnOnce;
  readonly #fluxSources: FluxSourceLookup;

  constructor(options: {
    cache: CoalescedCache;
    logger: LoggerService;
    warnings: WarnOnce;
  }) {
    this.#cache = options.cache;
    this.#logger = options.logger;
    this.#warnings = options.warnings;
    this.#fluxSources = new FluxSourceLookup({
      cache: options.cache,
      warnings: options.warnings,
    });
  }

  /** Argo CD `Application`s in the query's namespaces, unfiltered by name or project. */
  argoCdApplications(
    handle: ClusterHandle,
    query: ArgoCdListQuery,
    options: SourceReadOptions,
  ): Promise<ApplicationDetail[]> {
    const cluster = handle.config;
    const key = `${CACHE_VERSION}:kube:${
      cluster.name
    }:Application:${cacheKeyHash(query)}`;
    return this.#cache.get(
      key,
      async () => {
        const started = Date.now();
        const single = query.namespaces.length === 1;
        const { items } = await handle.client.list(
          {
            resource: ARGOCD_APPLICATIONS,
            namespace: single ? query.namespaces[0] : undefined,
            labelSelector: query.labelSelector,
            fieldSelector: query.fieldSelector,
          },
          { deadline: options.deadline },
        );
        const details = (
          await mapInSlices(
            items.filter(item =>
              query.namespaces.includes(
                String((item.metadata as Record<string, unknown>).namespace),
              ),
            ),
            item =>
              normalizeApplicationDetail(item, {
                instance: cluster.name,
                uiUrl: cluster.argocdUiUrl,
                sourceKind: 'argocd-kubernetes',
              }),
          )
        ).sort(byName);
        this.#logger.info('Fetched Argo CD applications from Kubernetes', {
          cluster: cluster.name,
          count: details.length,
          durationMs: Date.now() - started,
        });
        return details;
      },
      { fresh: options.refresh },
    );
  }

  /** Flux objects of one kind matching `labelSelector`, with their source URLs. */
  fluxObjects(
    handle: ClusterHandle,
    kind: FluxKind,
    labelSelector: string,
    options: SourceReadOptions,
  ): Promise<ApplicationDetail[]> {
    const key = `${CACHE_VERSION}:kube:${
      handle.config.name
    }:${kind}:${cacheKeyHash(labelSelector)}`;
    return this.#cache.get(
      key,
      () => this.#fetchFlux(handle, kind, labelSelector, options),
      { fresh: options.refresh },
    );
  }

  async #fetchFlux(
    handle: ClusterHandle,
    kind: FluxKind,
    labelSelector: string,
    options: SourceReadOptions,
  ): Promise<ApplicationDetail[]> {
    const cluster = handle.config;
    const resource = FLUX_RESOURCES[kind];
    const started = Date.now();
    let items: Array<Record<string, unknown>>;
    try {
      ({ items } = await handle.client.list(
        { resource, labelSelector },
        { deadline: options.deadline },
      ));
    } catch (error) {
      if (isAbsentOptionalKind(error, cluster.fluxOptional)) {
        warnAbsentFluxKind(this.#warnings, cluster.name, kind, resource);
        return [];
      }
      throw error;
    }
    const { details, sourcesFound } = await fluxDetailsOf(
      handle.client,
      kind,
      items,
      this.#fluxSources,
      options,
    );
    details.sort(byName);
    this.#logger.info('Fetched Flux objects', {
      cluster: cluster.name,
      kind,
      count: details.length,
      sources: sourcesFound,
      durationMs: Date.now() - started,
    });
    return details;
  }
}
