import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  FLUX_KINDS,
  fleetLinksOf,
  labelsOf,
  normalizeApplicationDetail,
  type ApplicationDetail,
  type FluxKind,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { KubernetesClusterConfig } from '../../../config/readKubernetesConfig';
import { toSummary } from '../../applications/targeting';
import type {
  ApplicationChange,
  FleetCandidate,
  WatchStatus,
} from '../../applications/types';
import type { CoalescedCache } from '../../shared/CoalescedCache';
import type { Deadline } from '../../shared/Deadline';
import { mapInSlices } from '../../shared/eventLoop';
import type { WarnOnce } from '../../shared/WarnOnce';
import type { ArgoCdListQuery } from '../argoCdQuery';
import type { ClusterFleetAnswer } from '../ClusterFleet';
import { fluxDetailsOf } from '../fluxDetails';
import { FluxSourceLookup } from '../fluxSources';
import type { KubernetesClient } from '../KubernetesClient';
import { KubernetesError } from '../KubernetesError';
import { argoCdListError, fluxListErrors } from '../kubernetesErrorWording';
import {
  ARGOCD_APPLICATIONS,
  FLUX_RESOURCES,
  resourceName,
} from '../resources';
import { KindWatch, type WatchTiming } from './KindWatch';
import type {
  ObjectSelection,
  WatchedChange,
  WatchedObject,
} from './WatchedObjects';

/** What a watched cluster answers for one kind: details from memory, or why it has none. */
export type WatchedRead =
  | { apps: ApplicationDetail[]; stale?: SourceError }
  | { error: KubernetesError };

/** Worst first: the state a cluster reports is the worst of its kinds'. */
const STATE_ORDER: Array<WatchStatus['state']> = [
  'reconnecting',
  'starting',
  'synced',
  'stopped',
];

const versionOf = (item: Record<string, unknown>) => {
  const version = (item.metadata as Record<string, unknown> | undefined)
    ?.resourceVersion;
  return typeof version === 'string' ? version : undefined;
};

/**
 * One cluster's Argo CD Applications (in its `argocdNamespaces`) and, with
 * `flux: true`, its Flux Kustomizations and HelmReleases, each kind kept in
 * memory by a {@link KindWatch}, so cards, details, membership checks and
 * the fleet view make no Kubernetes call. Flux source URLs are looked up
 * (cached) when an object is listed or changes, not per request.
 */
export class ClusterWatch {
  readonly #cluster: KubernetesClusterConfig;
  readonly #argoCd: KindWatch | undefined;
  readonly #flux = new Map<FluxKind, KindWatch>();
  readonly #listeners = new Set<(change: ApplicationChange) => void>();

  constructor(options: {
    client: KubernetesClient;
    cluster: KubernetesClusterConfig;
    cache: CoalescedCache;
    logger: LoggerService;
    warnings: WarnOnce;
    timing: WatchTiming;
    listInTurn?: <T>(work: () => Promise<T>) => Promise<T>;
  }) {
    const { client, cluster } = options;
    this.#cluster = cluster;
    const common = {
      client,
      cluster,
      logger: options.logger,
      warnings: options.warnings,
      timing: options.timing,
      listInTurn: options.listInTurn,
      onChange: (change: WatchedChange) => this.#emit(change),
    };
    const namespaces = cluster.argocdNamespaces;
    if (namespaces.length > 0) {
      this.#argoCd = new KindWatch({
        ...common,
        kind: 'Application',
        resource: ARGOCD_APPLICATIONS,
        namespace: namespaces.length === 1 ? namespaces[0] : undefined,
        keep: namespace => namespaces.includes(namespace),
        normalize: items =>
          mapInSlices(
            items,
            (item): WatchedObject => ({
              detail: normalizeApplicationDetail(item, {
                instance: cluster.name,
                uiUrl: cluster.argocdUiUrl,
                sourceKind: 'argocd-kubernetes',
              }),
              labels: labelsOf(item),
              links: fleetLinksOf(item),
              resourceVersion: versionOf(item),
            }),
          ),
      });
    }
    if (cluster.flux) {
      const sources = new FluxSourceLookup({
        cache: options.cache,
        warnings: options.warnings,
      });
      for (const kind of FLUX_KINDS) {
        this.#flux.set(
          kind,
          new KindWatch({
            ...common,
            kind,
            resource: FLUX_RESOURCES[kind],
            optional: cluster.fluxOptional,
            normalize: async (items, deadline) => {
              const { details } = await fluxDetailsOf(
                client,
                kind,
                items,
                sources,
                { deadline },
              );
              return details.map((detail, index) => ({
                detail,
                labels: labelsOf(items[index]),
                links: {},
                resourceVersion: versionOf(items[index]),
              }));
            },
          }),
        );
      }
    }
  }

  get cluster(): string {
    return this.#cluster.name;
  }

  start(): void {
    this.#kinds().forEach(kind => kind.start());
  }

  async stop(): Promise<void> {
    await Promise.all(this.#kinds().map(kind => kind.stop()));
  }

  subscribe(listener: (change: ApplicationChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One status for the cluster: the worst state of its kinds, the earliest stale time, every object held. */
  status(): WatchStatus {
    const kinds = this.#kinds();
    const state = STATE_ORDER.find(candidate =>
      kinds.some(kind => kind.state === candidate),
    )!;
    const since = kinds
      .filter(kind => kind.state === state)
      .map(kind => kind.since)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    const staleSince = this.#staleSince(
      kinds.filter(kind => kind.state === 'reconnecting' && kind.lastError),
      false,
    );
    return {
      instance: this.cluster,
      source: 'kubernetes',
      state,
      since: since.toISOString(),
      ...(staleSince ? { staleSince: staleSince.toISOString() } : {}),
      applications: kinds.reduce((sum, kind) => sum + kind.size, 0),
    };
  }

  /** The Applications a list call with `query` would have answered (before name and project filtering). */
  argoCd(query: ArgoCdListQuery, deadline?: Deadline): Promise<WatchedRead> {
    const name = query.fieldSelector?.startsWith('metadata.name=')
      ? query.fieldSelector.slice('metadata.name='.length)
      : undefined;
    return this.#read(this.#argoCd!, deadline, {
      namespaces: query.namespaces,
      labelSelector: query.labelSelector,
      name,
    });
  }

  /** The Flux objects of one kind that `labelSelector` selects. */
  flux(
    kind: FluxKind,
    labelSelector: string,
    deadline?: Deadline,
  ): Promise<WatchedRead> {
    return this.#read(this.#flux.get(kind)!, deadline, { labelSelector });
  }

  /** Everything held, for the fleet view, with the errors of kinds that have nothing to show. */
  async fleet(deadline?: Deadline): Promise<ClusterFleetAnswer> {
    const answer: ClusterFleetAnswer = { applications: [], errors: [] };
    const candidate = (object: WatchedObject): FleetCandidate => ({
      application: toSummary(object.detail),
      labels: object.labels,
      links: object.links,
    });
    const kinds = this.#kinds();
    const reads = await Promise.all(kinds.map(kind => kind.read(deadline)));
    const fluxFailures = new Map<FluxKind, KubernetesError>();
    reads.forEach((read, index) => {
      const kind = kinds[index];
      if ('objects' in read) {
        answer.applications.push(...read.objects.all().map(candidate));
      } else if (kind.kind === 'Application') {
        answer.errors.push(argoCdListError(read.error).toSourceError());
      } else {
        fluxFailures.set(kind.kind, read.error);
      }
    });
    if (fluxFailures.size > 0) {
      answer.errors.push(...fluxListErrors(this.cluster, fluxFailures));
    }
    const stale = this.#staleError();
    if (stale) answer.errors.push(stale);
    return answer;
  }

  async #read(
    kind: KindWatch,
    deadline: Deadline | undefined,
    selection: ObjectSelection,
  ): Promise<WatchedRead> {
    const read = await kind.read(deadline);
    if (!('objects' in read)) {
      return read;
    }
    let apps: ApplicationDetail[];
    try {
      apps = read.objects.select(selection);
    } catch (error) {
      // The API server would have refused the selector with a 400.
      return {
        error: new KubernetesError({
          instance: this.cluster,
          code: 'bad-response',
          httpStatus: 400,
          message: `Kubernetes cluster '${
            this.cluster
          }' cannot select ${resourceName(kind.resource)} with '${
            selection.labelSelector
          }': ${(error as Error).message}`,
        }),
      };
    }
    const stale = kind.staleSince() ? this.#staleError() : undefined;
    return stale ? { apps, stale } : { apps };
  }

  /**
   * One error for the cluster while a kind has been down past
   * `staleAfterSeconds` (the same for every read, so a card shows it once).
   */
  #staleError(): SourceError | undefined {
    const down = this.#kinds().filter(kind => kind.staleSince());
    const since = this.#staleSince(down, true);
    if (!since) {
      return undefined;
    }
    const reason = down[0].lastError ? ` (${down[0].lastError.message})` : '';
    return {
      instance: this.cluster,
      code: 'stale',
      message: `The live status of Kubernetes cluster '${
        this.cluster
      }' stopped at ${since.toISOString()}: its watch of ${down
        .map(kind => resourceName(kind.resource))
        .join(
          ' and ',
        )} is down${reason}. Showing the last known status while reconnecting`,
    };
  }

  #staleSince(kinds: KindWatch[], pastThreshold: boolean): Date | undefined {
    return kinds
      .map(kind => (pastThreshold ? kind.staleSince() : kind.downSince))
      .filter((date): date is Date => date !== undefined)
      .sort((a, b) => a.getTime() - b.getTime())[0];
  }

  #emit(change: WatchedChange): void {
    const summary = toSummary(change.object.detail);
    for (const listener of this.#listeners) {
      listener({
        type: change.type,
        summary,
        labels: change.object.labels,
        resourceVersion: change.object.resourceVersion,
      });
    }
  }

  #kinds(): KindWatch[] {
    return [...(this.#argoCd ? [this.#argoCd] : []), ...this.#flux.values()];
  }
}
