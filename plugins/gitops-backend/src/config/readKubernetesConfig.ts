import fs from 'node:fs';
import type { Config } from '@backstage/config';
import {
  validateInstanceName,
  validateNamespace,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { z } from 'zod';
import {
  baseUrlSchema,
  configError,
  formatConfigPath,
  parseConfigAt,
  validatedString,
} from '../validation/zodHelpers';
import { readWatchConfig, type WatchConfig } from './readWatchConfig';

/** Where a pod's own service account credentials are mounted. */
export const IN_CLUSTER_TOKEN_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';
/** The cluster CA mounted next to the token. */
export const IN_CLUSTER_CA_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

/** How the backend authenticates to one cluster. @public */
export type KubernetesAuthConfig =
  /** A bearer token from configuration. */
  | { type: 'serviceAccountToken'; token: string }
  /** The pod's own service account token file, re-read on every request (it rotates). */
  | { type: 'inCluster'; tokenFile: string };

/** One configured cluster, validated. @public */
export interface KubernetesClusterConfig {
  /** Unique name: the `instance` of what it serves, and the Argo CD instance name for `argocd/instance-name`. */
  name: string;
  /** API server URL without a trailing slash. */
  url: string;
  auth: KubernetesAuthConfig;
  /** PEM CA bundle, base64-encoded as in a kubeconfig. */
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  /** Namespaces holding Argo CD `Application` resources; empty when the cluster serves no Argo CD. */
  argocdNamespaces: string[];
  /** Base URL of the Argo CD web UI of those applications, for deep links. */
  argocdUiUrl?: string;
  /** Whether Flux `Kustomization`s and `HelmRelease`s are read. */
  flux: boolean;
  /**
   * True for clusters borrowed from `kubernetes.clusterLocatorMethods`: they
   * were not configured for GitOps, so a cluster without Flux is normal there
   * and answers with nothing rather than an error.
   */
  fluxOptional: boolean;
  /**
   * False keeps the cluster read-only when `gitops.actions.enabled` is on
   * (`clusters[].actions: false`). Default true.
   */
  actions: boolean;
  /**
   * Keep the cluster's objects in memory, fed by Kubernetes watches
   * (`clusters[].watch`), instead of listing them per request. Default false.
   */
  watch: boolean;
}

/** The validated `gitops.kubernetes` configuration. @public */
export interface KubernetesConfig {
  clusters: KubernetesClusterConfig[];
  cacheTtlSeconds: number;
  timeoutMs: number;
  /** The shared `gitops.watch` timing; read only when a cluster is watched. */
  watch?: WatchConfig;
  /** Where the clusters came from. */
  origin: 'gitops.kubernetes' | 'kubernetes.clusterLocatorMethods' | 'none';
  /** Borrowed clusters that cannot be used, with the reason (for a startup warning). */
  skipped: string[];
}

/** Default of `gitops.kubernetes.cacheTtlSeconds`. @public */
export const DEFAULT_KUBERNETES_CACHE_TTL_SECONDS = 15;
/** Default of `gitops.kubernetes.timeoutMs`. @public */
export const DEFAULT_KUBERNETES_TIMEOUT_MS = 10_000;

const baseUrl = baseUrlSchema('serviceAccountToken');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const clusterName = validatedString(validateInstanceName);

const namespace = validatedString(validateNamespace);

const clusterSchema = z
  .object({
    name: clusterName,
    url: baseUrl,
    serviceAccountToken: nonEmpty.optional(),
    authProvider: z
      .literal('serviceAccount', {
        errorMap: () => ({
          message:
            "must be 'serviceAccount' (a token from serviceAccountToken, or the pod's own service account)",
        }),
      })
      .default('serviceAccount'),
    caData: nonEmpty.optional(),
    caFile: nonEmpty.optional(),
    skipTLSVerify: z.boolean().default(false),
    argocdNamespaces: z
      .array(namespace)
      .default([])
      .refine(list => new Set(list).size === list.length, {
        message: 'must not repeat a namespace',
      }),
    argocdUiUrl: baseUrl.optional(),
    flux: z.boolean().default(false),
    actions: z.boolean().default(true),
    watch: z.boolean().default(false),
  })
  .strict()
  .superRefine((cluster, ctx) => {
    if (!cluster.flux && cluster.argocdNamespaces.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message:
          'reads nothing: set flux: true, or argocdNamespaces to the namespaces of Argo CD Applications',
      });
    }
  });

const gitopsSchema = z
  .object({
    clusters: z.array(clusterSchema).optional(),
    cacheTtlSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(DEFAULT_KUBERNETES_CACHE_TTL_SECONDS),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(DEFAULT_KUBERNETES_TIMEOUT_MS),
  })
  .strict();

/** Backstage's own `kubernetes.clusterLocatorMethods[].clusters[]`, read leniently: only what we use. */
const backstageClusterSchema = z.object({
  name: z.string(),
  url: z.string(),
  authProvider: z.string().optional(),
  authMetadata: z.record(z.unknown()).optional(),
  serviceAccountToken: z.string().optional(),
  caData: z.string().optional(),
  caFile: z.string().optional(),
  skipTLSVerify: z.boolean().optional(),
});

const backstageSchema = z.object({
  clusterLocatorMethods: z
    .array(
      z.object({
        type: z.string().optional(),
        clusters: z.array(z.unknown()).optional(),
      }),
    )
    .default([]),
});

const WHAT = 'Kubernetes';

function parseAt<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  root: (string | number)[],
): z.output<T> {
  return parseConfigAt(WHAT, schema, value, root);
}

function authOf(token: string | undefined): KubernetesAuthConfig {
  return token
    ? { type: 'serviceAccountToken', token }
    : { type: 'inCluster', tokenFile: IN_CLUSTER_TOKEN_FILE };
}

/** The pod's CA, when the pod's token is used and no CA was configured. */
function inClusterCa(
  auth: KubernetesAuthConfig,
  caData?: string,
  caFile?: string,
) {
  if (caData || caFile || auth.type !== 'inCluster') {
    return caFile;
  }
  return fs.existsSync(IN_CLUSTER_CA_FILE) ? IN_CLUSTER_CA_FILE : undefined;
}

function checkUnique(clusters: KubernetesClusterConfig[], root: string) {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  clusters.forEach((cluster, index) => {
    const previous = seen.get(cluster.name);
    if (previous !== undefined) {
      problems.push(
        `${root}[${index}].name duplicates the name of ${root}[${previous}]`,
      );
    }
    seen.set(cluster.name, index);
  });
  if (problems.length > 0) {
    throw configError(WHAT, problems);
  }
}

function fromBackstageKubernetes(config: Config): {
  clusters: KubernetesClusterConfig[];
  skipped: string[];
} {
  const raw = config.getOptional('kubernetes');
  if (raw === undefined) {
    return { clusters: [], skipped: [] };
  }
  const parsed = parseAt(backstageSchema, raw, ['kubernetes']);
  const clusters: KubernetesClusterConfig[] = [];
  const skipped: string[] = [];
  parsed.clusterLocatorMethods.forEach((method, methodIndex) => {
    if (method.type !== 'config') {
      return;
    }
    (method.clusters ?? []).forEach((entry, index) => {
      const at = formatConfigPath([
        'kubernetes',
        'clusterLocatorMethods',
        methodIndex,
        'clusters',
        index,
      ]);
      const result = backstageClusterSchema.safeParse(entry);
      if (!result.success) {
        skipped.push(`${at}: not a cluster with a name and a url`);
        return;
      }
      const cluster = result.data;
      const provider =
        cluster.authProvider ??
        (typeof cluster.authMetadata?.['kubernetes.io/auth-provider'] ===
        'string'
          ? (cluster.authMetadata['kubernetes.io/auth-provider'] as string)
          : 'serviceAccount');
      if (provider !== 'serviceAccount') {
        skipped.push(
          `${at} (${cluster.name}): authProvider '${provider}' is not supported, only 'serviceAccount'`,
        );
        return;
      }
      const name = validateInstanceName(cluster.name);
      const url = baseUrl.safeParse(cluster.url);
      if (name || !url.success) {
        skipped.push(
          `${at} (${cluster.name}): ${
            name ? `name ${name}` : `url ${url.error?.issues[0].message}`
          }`,
        );
        return;
      }
      const token = cluster.serviceAccountToken?.trim() || undefined;
      const auth = authOf(token);
      clusters.push({
        name: cluster.name,
        url: url.data,
        auth,
        ...optional('caData', cluster.caData?.trim() || undefined),
        ...optional(
          'caFile',
          inClusterCa(auth, cluster.caData, cluster.caFile),
        ),
        skipTLSVerify: cluster.skipTLSVerify ?? false,
        argocdNamespaces: [],
        flux: true,
        fluxOptional: true,
        actions: true,
        watch: false,
      });
    });
  });
  checkUnique(clusters, 'kubernetes.clusterLocatorMethods[].clusters');
  return { clusters, skipped };
}

function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Reads and validates `gitops.kubernetes`. Without `gitops.kubernetes.clusters`,
 * the `config` clusters of Backstage's Kubernetes plugin
 * (`kubernetes.clusterLocatorMethods[type=config].clusters[]`) are used for
 * Flux, so teams that run that plugin configure nothing twice; clusters with
 * an auth provider other than `serviceAccount` are skipped (listed in
 * `skipped`). Throws an error naming the offending key, never a secret value.
 * @public
 */
export function readKubernetesConfig(config: Config): KubernetesConfig {
  const raw = config.getOptional('gitops.kubernetes');
  const parsed = parseAt(gitopsSchema, raw ?? {}, ['gitops', 'kubernetes']);
  const settings = {
    cacheTtlSeconds: parsed.cacheTtlSeconds,
    timeoutMs: parsed.timeoutMs,
  };

  if (parsed.clusters) {
    const clusters = parsed.clusters.map(cluster => {
      const auth = authOf(cluster.serviceAccountToken);
      const result: KubernetesClusterConfig = {
        name: cluster.name,
        url: cluster.url,
        auth,
        ...optional('caData', cluster.caData),
        ...optional(
          'caFile',
          inClusterCa(auth, cluster.caData, cluster.caFile),
        ),
        skipTLSVerify: cluster.skipTLSVerify,
        argocdNamespaces: cluster.argocdNamespaces,
        ...optional('argocdUiUrl', cluster.argocdUiUrl),
        flux: cluster.flux,
        fluxOptional: false,
        actions: cluster.actions,
        watch: cluster.watch,
      };
      return result;
    });
    checkUnique(clusters, 'gitops.kubernetes.clusters');
    return {
      clusters,
      ...settings,
      ...(clusters.some(cluster => cluster.watch)
        ? { watch: readWatchConfig(config) }
        : {}),
      origin: 'gitops.kubernetes',
      skipped: [],
    };
  }

  const borrowed = fromBackstageKubernetes(config);
  return {
    clusters: borrowed.clusters,
    ...settings,
    origin:
      borrowed.clusters.length > 0
        ? 'kubernetes.clusterLocatorMethods'
        : 'none',
    skipped: borrowed.skipped,
  };
}
