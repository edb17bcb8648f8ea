import { createHash } from 'node:crypto';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  FLUX_KINDS,
  KUBERNETES_ID_ANNOTATION,
  fluxSourceRefOf,
  normalizeApplicationDetail,
  normalizeFluxObjectDetail,
  type ApplicationDetail,
  type ApplicationsResponse,
  type ApplicationSummary,
  type FluxKind,
  type FluxSourceInfo,
  type FluxSourceRef,
  type GitOpsTarget,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { readArgoCdConfig } from '../../config/readArgoCdConfig';
import {
  readKubernetesConfig,
  type KubernetesClusterConfig,
  type KubernetesConfig,
} from '../../config/readKubernetesConfig';
import { CoalescedCache } from '../shared/CoalescedCache';
import { KubernetesClient } from './KubernetesClient';
import { KubernetesError } from './KubernetesError';
import {
  ARGOCD_APPLICATIONS,
  FLUX_RESOURCES,
  FLUX_SOURCE_RESOURCES,
  resourceName,
} from './resources';
import type {
  KubernetesObjectKind,
  KubernetesObjectRef,
  KubernetesStatusService,
} from './types';

/** Bump when the shape of cached values changes. */
const CACHE_VERSION = 'v1';

interface ClusterHandle {
  config: KubernetesClusterConfig;
  client: KubernetesClient;
}

/** What one list call selects on one cluster. */
interface ArgoCdListQuery {
  namespaces: string[];
  labelSelector?: string;
  fieldSelector?: string;
}

type Outcome =
  | { cluster: string; kind: KubernetesObjectKind; apps: ApplicationDetail[] }
  | { cluster: string; kind: KubernetesObjectKind; error: KubernetesError };

function hash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value))
    .digest('base64url')
    .slice(0, 32);
}

/** The Flux selector of a target: the label selector annotation, else `backstage.io/kubernetes-id=<id>`. */
export function fluxSelectorOf(target: GitOpsTarget): string | undefined {
  if (target.kubernetesLabelSelector) {
    return target.kubernetesLabelSelector;
  }
  return target.kubernetesId
    ? `${KUBERNETES_ID_ANNOTATION}=${target.kubernetesId}`
    : undefined;
}

function selectsArgoCd(target: GitOpsTarget): boolean {
  return Boolean(target.appSelector || target.appNames?.length);
}

function toSummary(detail: ApplicationDetail): ApplicationSummary {
  const {
    history: _history,
    resources: _resources,
    resourceCounts: _counts,
    historyLimit: _limit,
    ...summary
  } = detail;
  return summary;
}

function byName(a: ApplicationSummary, b: ApplicationSummary): number {
  return (
    a.name.localeCompare(b.name) ||
    a.namespace.localeCompare(b.namespace) ||
    a.kind.localeCompare(b.kind) ||
    a.instance.localeCompare(b.instance)
  );
}

/** What a source-controller object's `spec.ref` follows: branch, tag, semver range, name or commit. */
function sourceRefOf(spec: Record<string, unknown> | undefined) {
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
 * Reads Argo CD `Application`s and Flux objects with one list call per
 * cluster and kind (label or field selected, never the entity-independent
 * whole), answered from `coreServices.cache` for `cacheTtlSeconds` and
 * shared by concurrent callers. Each list is normalized once, as details, so
 * the card and the detail route read the same cached call.
 * @public
 */
export class DefaultKubernetesStatusService implements KubernetesStatusService {
  readonly #clusters: Map<string, ClusterHandle>;
  readonly #cache: CoalescedCache;
  readonly #logger: LoggerService;
  readonly #warned = new Set<string>();

  /** Reads and validates the configuration; throws naming a bad key. */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService; cache: CacheService },
  ): DefaultKubernetesStatusService {
    let argoCdInstances: string[] = [];
    try {
      argoCdInstances = readArgoCdConfig(config).instances.map(i => i.name);
    } catch {
      // The Argo CD service reports its own configuration errors.
    }
    return DefaultKubernetesStatusService.create({
      config: readKubernetesConfig(config),
      argoCdInstances,
      ...options,
    });
  }

  static create(options: {
    config: KubernetesConfig;
    logger: LoggerService;
    cache: CacheService;
    /** Names of the Argo CD API instances, to warn when a cluster shadows one. */
    argoCdInstances?: string[];
  }): DefaultKubernetesStatusService {
    return new DefaultKubernetesStatusService(options);
  }

  private constructor(options: {
    config: KubernetesConfig;
    logger: LoggerService;
    cache: CacheService;
    argoCdInstances?: string[];
  }) {
    const { config, logger } = options;
    this.#logger = logger;
    this.#cache = new CoalescedCache({
      cache: options.cache,
      ttlMs: config.cacheTtlSeconds * 1000,
      logger,
    });
    this.#clusters = new Map(
      config.clusters.map(cluster => [
        cluster.name,
        {
          config: cluster,
          client: KubernetesClient.create({
            cluster,
            timeoutMs: config.timeoutMs,
            logger,
          }),
        },
      ]),
    );
    this.#logStartup(config, options.argoCdInstances ?? []);
  }

  argoCdInstances(): string[] {
    return [...this.#clusters.values()]
      .filter(handle => handle.config.argocdNamespaces.length > 0)
      .map(handle => handle.config.name);
  }

  hasCluster(name: string): boolean {
    return this.#clusters.has(name);
  }

  async getApplications(target: GitOpsTarget): Promise<ApplicationsResponse> {
    const argoCd = this.#argoCdClusters(target);
    const selector = fluxSelectorOf(target);
    const flux = selector ? this.#fluxClusters() : [];
    const errors: SourceError[] = [];

    const outcomes = await Promise.all([
      ...argoCd.map(async (handle): Promise<Outcome[]> => {
        const query = argoCdQueryFor(handle.config, target);
        if ('error' in query) {
          // Only worth saying to an entity that names this cluster.
          if (target.instances?.includes(handle.config.name)) {
            errors.push(query.error);
          }
          return [];
        }
        return [
          await this.#outcome(handle, 'Application', () =>
            this.#listArgoCd(handle, query, target),
          ),
        ];
      }),
      ...flux.map(handle =>
        Promise.all(
          FLUX_KINDS.map(kind =>
            this.#outcome(handle, kind, () =>
              this.#listFlux(handle, kind, selector!),
            ),
          ),
        ),
      ),
    ]);

    const applications: ApplicationSummary[] = [];
    const answeredArgoCd: string[] = [];
    const fluxFailures = new Map<string, Map<FluxKind, KubernetesError>>();
    for (const outcome of outcomes.flat()) {
      if ('apps' in outcome) {
        applications.push(...outcome.apps.map(toSummary));
        if (outcome.kind === 'Application')
          answeredArgoCd.push(outcome.cluster);
      } else if (outcome.kind === 'Application') {
        errors.push(argoCdError(outcome.error).toSourceError());
      } else {
        const failures = fluxFailures.get(outcome.cluster) ?? new Map();
        failures.set(outcome.kind, outcome.error);
        fluxFailures.set(outcome.cluster, failures);
      }
    }
    for (const [cluster, failures] of fluxFailures) {
      errors.push(...fluxErrors(cluster, failures));
    }
    // A named application nowhere to be found is most likely a typo in the annotation.
    if (!target.appSelector) {
      for (const name of target.appNames ?? []) {
        if (
          !applications.some(
            app => app.kind === 'Application' && app.name === name,
          )
        ) {
          errors.push(
            ...answeredArgoCd.map(cluster => ({
              instance: cluster,
              application: name,
              code: 'not-found' as const,
              message: `Kubernetes cluster '${cluster}' has no Argo CD Application '${name}' in namespace ${this.#clusters
                .get(cluster)!
                .config.argocdNamespaces.filter(
                  ns => !target.appNamespace || ns === target.appNamespace,
                )
                .map(ns => `'${ns}'`)
                .join(' or ')}${
                target.projects?.length
                  ? ` in project ${target.projects
                      .map(p => `'${p}'`)
                      .join(' or ')}`
                  : ''
              }`,
            })),
          );
        }
      }
    }
    return { applications: applications.sort(byName), errors };
  }

  async getApplicationDetail(
    target: GitOpsTarget,
    ref: KubernetesObjectRef,
  ): Promise<ApplicationDetail> {
    const notSelected = () =>
      new NotFoundError(
        `${ref.kind ?? 'Object'} '${ref.name}' on cluster '${
          ref.instance
        }' is not one of this entity's applications`,
      );
    const handle = this.#clusters.get(ref.instance);
    if (!handle) {
      throw notSelected();
    }

    const loads: Array<Promise<Outcome>> = [];
    const wantsKind = (kind: KubernetesObjectKind) =>
      ref.kind === undefined || ref.kind === kind;
    if (
      wantsKind('Application') &&
      this.#argoCdClusters(target).includes(handle)
    ) {
      const query = argoCdQueryFor(handle.config, target);
      if (!('error' in query)) {
        loads.push(
          this.#outcome(handle, 'Application', () =>
            this.#listArgoCd(handle, query, target),
          ),
        );
      }
    }
    const selector = fluxSelectorOf(target);
    if (selector && handle.config.flux) {
      for (const kind of FLUX_KINDS.filter(wantsKind)) {
        loads.push(
          this.#outcome(handle, kind, () =>
            this.#listFlux(handle, kind, selector),
          ),
        );
      }
    }

    const outcomes = await Promise.all(loads);
    const matches = outcomes.flatMap(outcome =>
      'apps' in outcome
        ? outcome.apps.filter(
            app =>
              app.name === ref.name &&
              (!ref.namespace || app.namespace === ref.namespace),
          )
        : [],
    );
    if (matches.length === 1) {
      return matches[0];
    }
    if (matches.length > 1) {
      throw new InputError(
        `Several objects named '${ref.name}' are selected on cluster '${
          ref.instance
        }' (${matches
          .map(app => `${app.kind} in namespace ${app.namespace}`)
          .join(', ')}); pass kind and appNamespace`,
      );
    }
    const failed = outcomes.find(
      (outcome): outcome is Extract<Outcome, { error: KubernetesError }> =>
        'error' in outcome,
    );
    if (failed) {
      throw failed.kind === 'Application'
        ? argoCdError(failed.error)
        : fluxErrorFor(failed.cluster, failed.kind, failed.error);
    }
    throw notSelected();
  }

  /** Clusters that serve Argo CD, narrowed by `argocd/instance-name`; none unless the target selects Argo CD. */
  #argoCdClusters(target: GitOpsTarget): ClusterHandle[] {
    if (!selectsArgoCd(target)) {
      return [];
    }
    return [...this.#clusters.values()].filter(
      handle =>
        handle.config.argocdNamespaces.length > 0 &&
        (!target.instances || target.instances.includes(handle.config.name)),
    );
  }

  #fluxClusters(): ClusterHandle[] {
    return [...this.#clusters.values()].filter(handle => handle.config.flux);
  }

  async #outcome(
    handle: ClusterHandle,
    kind: KubernetesObjectKind,
    load: () => Promise<ApplicationDetail[]>,
  ): Promise<Outcome> {
    const cluster = handle.config.name;
    try {
      return { cluster, kind, apps: await load() };
    } catch (error) {
      if (error instanceof KubernetesError) {
        return { cluster, kind, error };
      }
      throw error;
    }
  }

  async #listArgoCd(
    handle: ClusterHandle,
    query: ArgoCdListQuery,
    target: GitOpsTarget,
  ): Promise<ApplicationDetail[]> {
    const cluster = handle.config;
    const key = `${CACHE_VERSION}:kube:${cluster.name}:Application:${hash(
      query,
    )}`;
    const apps = await this.#cache.get(key, async () => {
      const started = Date.now();
      const single = query.namespaces.length === 1;
      const { items } = await handle.client.list({
        resource: ARGOCD_APPLICATIONS,
        namespace: single ? query.namespaces[0] : undefined,
        labelSelector: query.labelSelector,
        fieldSelector: query.fieldSelector,
      });
      const details = items
        .filter(item =>
          query.namespaces.includes(
            String((item.metadata as Record<string, unknown>).namespace),
          ),
        )
        .map(item =>
          normalizeApplicationDetail(item, {
            instance: cluster.name,
            uiUrl: cluster.argocdUiUrl,
            sourceKind: 'argocd-kubernetes',
          }),
        )
        .sort(byName);
      this.#logger.info('Fetched Argo CD applications from Kubernetes', {
        cluster: cluster.name,
        count: details.length,
        durationMs: Date.now() - started,
      });
      return details;
    });
    // Names and projects are filtered here so one cached list serves them all.
    const names =
      !target.appSelector && target.appNames
        ? new Set(target.appNames)
        : undefined;
    return apps.filter(
      app =>
        (!names || names.has(app.name)) &&
        (!target.projects?.length ||
          target.projects.includes(app.project ?? 'default')),
    );
  }

  async #listFlux(
    handle: ClusterHandle,
    kind: FluxKind,
    labelSelector: string,
  ): Promise<ApplicationDetail[]> {
    const cluster = handle.config;
    const resource = FLUX_RESOURCES[kind];
    const key = `${CACHE_VERSION}:kube:${cluster.name}:${kind}:${hash(
      labelSelector,
    )}`;
    return this.#cache.get(key, async () => {
      const started = Date.now();
      let items: Array<Record<string, unknown>>;
      try {
        ({ items } = await handle.client.list({ resource, labelSelector }));
      } catch (error) {
        if (
          error instanceof KubernetesError &&
          error.code === 'not-found' &&
          cluster.fluxOptional
        ) {
          this.#warnOnce(
            `no-flux:${cluster.name}:${kind}`,
            `Kubernetes cluster '${cluster.name}' does not serve ${resourceName(
              resource,
            )}/${resource.version}; no Flux ${kind}s are read from it`,
          );
          return [];
        }
        throw error;
      }
      const sources = await this.#sources(handle, items);
      const details = items
        .map(item =>
          normalizeFluxObjectDetail(item, {
            instance: cluster.name,
            kind,
            source: ref => sources.get(sourceKey(ref)),
          }),
        )
        .sort(byName);
      this.#logger.info('Fetched Flux objects', {
        cluster: cluster.name,
        kind,
        count: details.length,
        sources: sources.size,
        durationMs: Date.now() - started,
      });
      return details;
    });
  }

  /** The URL of each distinct source the objects reference: one cached call per source. */
  async #sources(
    handle: ClusterHandle,
    items: Array<Record<string, unknown>>,
  ): Promise<Map<string, FluxSourceInfo>> {
    const refs = new Map<string, FluxSourceRef>();
    for (const item of items) {
      const ref = fluxSourceRefOf(item);
      if (ref && FLUX_SOURCE_RESOURCES[ref.kind] && ref.namespace) {
        refs.set(sourceKey(ref), ref);
      }
    }
    const found = new Map<string, FluxSourceInfo>();
    await Promise.all(
      [...refs.entries()].map(async ([id, ref]) => {
        const info = await this.#source(handle, ref);
        if (info.url) {
          found.set(id, info);
        }
      }),
    );
    return found;
  }

  #source(handle: ClusterHandle, ref: FluxSourceRef): Promise<FluxSourceInfo> {
    const cluster = handle.config.name;
    const resource = FLUX_SOURCE_RESOURCES[ref.kind];
    const key = `${CACHE_VERSION}:kube:${cluster}:source:${hash(ref)}`;
    return this.#cache.get(key, async () => {
      try {
        const { items } = await handle.client.list({
          resource,
          namespace: ref.namespace,
          fieldSelector: `metadata.name=${ref.name}`,
        });
        const spec = items[0]?.spec as Record<string, unknown> | undefined;
        const url = typeof spec?.url === 'string' ? spec.url : undefined;
        const followed = sourceRefOf(spec);
        return {
          ...(url ? { url } : {}),
          ...(followed ? { ref: followed } : {}),
        };
      } catch (error) {
        if (!(error instanceof KubernetesError)) {
          throw error;
        }
        // The URL is garnish: show the object without it.
        this.#warnOnce(
          `source:${cluster}:${ref.kind}:${error.code}`,
          `Could not read Flux ${
            ref.kind
          }s on cluster '${cluster}' for source URLs (${
            error.code
          }); grant get and list on ${resourceName(resource)} to show them`,
        );
        return {};
      }
    });
  }

  #warnOnce(key: string, message: string) {
    if (!this.#warned.has(key)) {
      this.#warned.add(key);
      this.#logger.warn(message);
    }
  }

  #logStartup(config: KubernetesConfig, argoCdInstances: string[]) {
    for (const reason of config.skipped) {
      this.#logger.warn(`Kubernetes cluster skipped: ${reason}`);
    }
    if (config.clusters.length === 0) {
      this.#logger.info(
        'No Kubernetes clusters configured (gitops.kubernetes.clusters); status is read from Argo CD APIs only',
      );
      return;
    }
    this.#logger.info('Kubernetes clusters configured', {
      clusters: config.clusters.map(cluster => cluster.name).join(','),
      from: config.origin,
    });
    for (const cluster of config.clusters) {
      if (cluster.skipTLSVerify) {
        this.#logger.warn(
          `TLS verification is off for Kubernetes cluster '${cluster.name}' (skipTLSVerify): anyone on the network path can impersonate its API server and read the service account token; configure caData instead`,
        );
      } else if (cluster.url.startsWith('http:')) {
        this.#logger.warn(
          `Kubernetes cluster '${cluster.name}' is reached over plain HTTP: its token travels unencrypted; use https outside local demos`,
        );
      }
      if (argoCdInstances.includes(cluster.name)) {
        this.#logger.warn(
          `Kubernetes cluster '${cluster.name}' has the name of a configured Argo CD instance; details for that name are read from the cluster. Give the two different names`,
        );
      }
    }
  }
}

function sourceKey(ref: FluxSourceRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** Where and how to list Argo CD Applications for a target, or why it cannot be done. */
function argoCdQueryFor(
  cluster: KubernetesClusterConfig,
  target: GitOpsTarget,
): ArgoCdListQuery | { error: SourceError } {
  let namespaces = cluster.argocdNamespaces;
  if (target.appNamespace) {
    if (!namespaces.includes(target.appNamespace)) {
      return {
        error: {
          instance: cluster.name,
          code: 'not-found',
          message: `Namespace '${
            target.appNamespace
          }' (argocd/app-namespace) is not one of the argocdNamespaces of Kubernetes cluster '${
            cluster.name
          }' (${namespaces.join(', ')})`,
        },
      };
    }
    namespaces = [target.appNamespace];
  }
  const query: ArgoCdListQuery = { namespaces: [...namespaces].sort() };
  if (target.appSelector) {
    query.labelSelector = target.appSelector;
  } else if (target.appNames?.length === 1) {
    query.fieldSelector = `metadata.name=${target.appNames[0]}`;
  }
  return query;
}

function argoCdError(error: KubernetesError): KubernetesError {
  return error.code === 'not-found'
    ? error.withMessage(
        `Argo CD Application CRD not found on cluster '${
          error.instance
        }': ${resourceName(ARGOCD_APPLICATIONS)}/${
          ARGOCD_APPLICATIONS.version
        } is not served. Install Argo CD there, or remove argocdNamespaces from the cluster's configuration`,
      )
    : error;
}

function fluxErrorFor(
  cluster: string,
  kind: FluxKind,
  error: KubernetesError,
): KubernetesError {
  if (error.code !== 'not-found') {
    return error;
  }
  const resource = FLUX_RESOURCES[kind];
  return error.withMessage(
    `Flux is not installed on cluster '${cluster}': ${resourceName(resource)}/${
      resource.version
    } is not served (Flux 2.3 or later is needed). Install Flux, or set flux: false for the cluster`,
  );
}

/**
 * One error per cluster when every Flux kind failed the same way (Flux not
 * installed, RBAC, network), else one per failing kind.
 */
function fluxErrors(
  cluster: string,
  failures: Map<FluxKind, KubernetesError>,
): SourceError[] {
  const errors = [...failures.values()];
  if (
    failures.size === FLUX_KINDS.length &&
    errors.every(error => error.code === errors[0].code)
  ) {
    if (errors[0].code === 'not-found') {
      return [
        errors[0]
          .withMessage(
            `Flux is not installed on cluster '${cluster}': neither ${FLUX_KINDS.map(
              kind =>
                `${resourceName(FLUX_RESOURCES[kind])}/${
                  FLUX_RESOURCES[kind].version
                }`,
            ).join(
              ' nor ',
            )} is served (Flux 2.3 or later is needed). Install Flux, or set flux: false for the cluster`,
          )
          .toSourceError(),
      ];
    }
    return [errors[0].toSourceError()];
  }
  return [...failures.entries()].map(([kind, error]) =>
    fluxErrorFor(cluster, kind, error).toSourceError(),
  );
}
