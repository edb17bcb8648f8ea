import {
  fluxSourceRefOf,
  normalizeFluxObjectDetail,
  type ApplicationDetail,
  type FluxKind,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { SourceReadOptions } from '../applications/types';
import { mapInSlices } from '../shared/eventLoop';
import { fluxSourceKey, type FluxSourceLookup } from './fluxSources';
import type { KubernetesClient } from './KubernetesClient';

/**
 * Flux objects of one kind normalized as details, in the order given, with
 * the URL of the source each reads from (one cached lookup per distinct
 * source); an object whose source lookup timed out carries a note saying
 * it is shown without its link.
 */
export async function fluxDetailsOf(
  client: KubernetesClient,
  kind: FluxKind,
  items: Array<Record<string, unknown>>,
  sources: FluxSourceLookup,
  options: SourceReadOptions,
): Promise<{ details: ApplicationDetail[]; sourcesFound: number }> {
  const found = await sources.sourcesOf(client, items, options);
  const details = await mapInSlices(items, item => {
    const detail = normalizeFluxObjectDetail(item, {
      instance: client.cluster,
      kind,
      source: ref => found.found.get(fluxSourceKey(ref)),
    });
    const ref = fluxSourceRefOf(item);
    const slow = ref && found.timedOut.get(fluxSourceKey(ref));
    if (slow) {
      detail.errors = [
        {
          ...slow.toSourceError(),
          application: detail.name,
          message: `${slow.message}; ${kind} '${detail.name}' is shown without its source link`,
        },
      ];
    }
    return detail;
  });
  return { details, sourcesFound: found.found.size };
}
