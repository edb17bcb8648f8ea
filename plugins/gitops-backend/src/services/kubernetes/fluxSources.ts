import {
  fluxSourceRefOf,
  stripUrlCredentials,
  type FluxSourceInfo,
  type FluxSourceRef,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { SourceReadOptions } from '../applications/types';
import type { CoalescedCache } from '../shared/CoalescedCache';
import { cacheKeyHash } from '../shared/upstreamValues';
import type { WarnOnce } from '../shared/WarnOnce';
import type { KubernetesClient } from './KubernetesClient';
import { KubernetesError } from './KubernetesError';
import { FLUX_SOURCE_RESOURCES, resourceName } from './resources';

/** Bump when the shape of cached values changes (v2: URLs without credentials). */
const CACHE_VERSION = 'v2';

/** What {@link FluxSourceLookup.sourcesOf} found, by {@link fluxSourceKey}. */
export interface FluxSources {
  found: Map<string, FluxSourceInfo>;
  /** Sources whose lookup timed out: their objects are shown without the link. */
  timedOut: Map<string, KubernetesError>;
}

/** Identifies one source object. */
export function fluxSourceKey(ref: FluxSourceRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** What a source-controller object's `spec.ref` follows: branch, tag, semver range, name or commit. */
function followedRefOf(spec: Record<string, unknown> | undefined) {
  const ref = spec?.ref;
  if (typeof ref !== 'object' || ref === null) {
    return undefined;
  }
  const fields = ref as Record<string, unknown>;
  for (const key of ['branch', 'tag', 'semver', 'name', 'commit', 'digest']) {
    if (typeof fields[key] === 'string' && fields[key] !== '') {
      return fields[key] as string;
    }
  }
  return undefined;
}

/**
 * The URL (and followed ref) of the source each Flux object reads from:
 * one cached, coalesced call per distinct source. A source that cannot be
 * read only costs the link: the objects are shown without it (with a note
 * when the lookup ran out of time). A refresh
 * reads them upstream too (a source's URL or followed ref can change).
 */
export class FluxSourceLookup {
  readonly #cache: CoalescedCache;
  readonly #warnings: WarnOnce;

  constructor(options: { cache: CoalescedCache; warnings: WarnOnce }) {
    this.#cache = options.cache;
    this.#warnings = options.warnings;
  }

  /**
   * Source info by {@link fluxSourceKey}, for the sources `items` reference,
   * and the sources that did not answer before the request's deadline.
   */
  async sourcesOf(
    client: KubernetesClient,
    items: Array<Record<string, unknown>>,
    options: SourceReadOptions = {},
  ): Promise<FluxSources> {
    const refs = new Map<string, FluxSourceRef>();
    for (const item of items) {
      const ref = fluxSourceRefOf(item);
      if (ref && FLUX_SOURCE_RESOURCES[ref.kind] && ref.namespace) {
        refs.set(fluxSourceKey(ref), ref);
      }
    }
    const found = new Map<string, FluxSourceInfo>();
    const timedOut = new Map<string, KubernetesError>();
    await Promise.all(
      [...refs.entries()].map(async ([id, ref]) => {
        try {
          const info = await this.#source(client, ref, options);
          if (info.url) {
            found.set(id, info);
          }
        } catch (error) {
          if (!(error instanceof KubernetesError)) {
            throw error;
          }
          timedOut.set(id, error);
        }
      }),
    );
    return { found, timedOut };
  }

  #source(
    client: KubernetesClient,
    ref: FluxSourceRef,
    options: SourceReadOptions,
  ): Promise<FluxSourceInfo> {
    const cluster = client.cluster;
    const resource = FLUX_SOURCE_RESOURCES[ref.kind];
    const key = `${CACHE_VERSION}:kube:${cluster}:source:${cacheKeyHash(ref)}`;
    const load = async (): Promise<FluxSourceInfo> => {
      try {
        const { items } = await client.list(
          {
            resource,
            namespace: ref.namespace,
            fieldSelector: `metadata.name=${ref.name}`,
          },
          { deadline: options.deadline },
        );
        const spec = items[0]?.spec as Record<string, unknown> | undefined;
        // Credentials belong in the source's secretRef, but a URL can carry them too.
        const url =
          typeof spec?.url === 'string'
            ? stripUrlCredentials(spec.url)
            : undefined;
        const followed = followedRefOf(spec);
        return {
          ...(url ? { url } : {}),
          ...(followed ? { ref: followed } : {}),
        };
      } catch (error) {
        // A slow source is worth a note on the objects and a new try next
        // time (failures are not cached); the others are setup problems.
        if (!(error instanceof KubernetesError) || error.code === 'timeout') {
          throw error;
        }
        this.#warnings.warn(
          `source:${cluster}:${ref.kind}:${error.code}`,
          `Could not read Flux ${
            ref.kind
          }s on cluster '${cluster}' for source URLs (${
            error.code
          }); grant get and list on ${resourceName(resource)} to show them`,
        );
        return {};
      }
    };
    return this.#cache.get(key, load, { fresh: options.refresh });
  }
}
