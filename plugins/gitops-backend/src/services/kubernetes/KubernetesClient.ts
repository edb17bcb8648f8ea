import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  Observable,
  type ConfigurationOptions,
} from '@kubernetes/client-node';
import { z } from 'zod';
import type { KubernetesClusterConfig } from '../../config/readKubernetesConfig';
import { redact } from '../shared/redact';
import { isRecord, oneLineMessage } from '../shared/upstreamValues';
import { KubernetesError } from './KubernetesError';
import { resourceName, type KubernetesResource } from './resources';

/** One list call. */
export interface KubernetesListQuery {
  resource: KubernetesResource;
  /** Lists in this namespace; cluster-wide without it. */
  namespace?: string;
  labelSelector?: string;
  /** e.g. `metadata.name=checkout`. */
  fieldSelector?: string;
}

/** The items of a `*List` answer. */
export interface KubernetesList {
  items: Array<Record<string, unknown>>;
  resourceVersion?: string;
}

/** The `message` of a `Status` body, or the start of whatever else came back. */
function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = body.trim() || undefined;
    }
  }
  if (typeof parsed === 'string') {
    return oneLineMessage(parsed);
  }
  return isRecord(parsed) && typeof parsed.message === 'string'
    ? oneLineMessage(parsed.message)
    : undefined;
}

/** The least a `*List` answer must have; unknown fields pass through to normalization. */
const listShape = z
  .object({
    items: z
      .array(
        z
          .object({ metadata: z.object({ name: z.string() }).passthrough() })
          .passthrough(),
      )
      .nullable(),
    metadata: z
      .object({ resourceVersion: z.string().optional().catch(undefined) })
      .passthrough()
      .optional()
      .catch(undefined),
  })
  .passthrough();

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * A read-only client for one cluster's custom resources, on
 * `@kubernetes/client-node`'s `CustomObjectsApi`: list calls only, with a
 * timeout per request, and every failure turned into a
 * {@link KubernetesError}. Credentials come from the cluster configuration
 * (a bearer token, or the pod's service account token file) and never
 * appear in an error or a log line.
 */
export class KubernetesClient {
  readonly #cluster: KubernetesClusterConfig;
  readonly #timeoutMs: number;
  readonly #logger: LoggerService;
  readonly #api: CustomObjectsApi;

  static create(options: {
    cluster: KubernetesClusterConfig;
    timeoutMs: number;
    logger: LoggerService;
  }): KubernetesClient {
    return new KubernetesClient(options);
  }

  private constructor(options: {
    cluster: KubernetesClusterConfig;
    timeoutMs: number;
    logger: LoggerService;
  }) {
    const { cluster } = options;
    this.#cluster = cluster;
    this.#timeoutMs = options.timeoutMs;
    this.#logger = options.logger;

    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          caData: cluster.caData,
          caFile: cluster.caFile,
          // The client refuses http:// unless told there is no TLS to verify.
          skipTLSVerify:
            cluster.skipTLSVerify || cluster.url.startsWith('http:'),
        },
      ],
      users: [
        cluster.auth.type === 'serviceAccountToken'
          ? { name: 'gitops', token: cluster.auth.token }
          : {
              name: 'gitops',
              authProvider: {
                name: 'tokenFile',
                config: { tokenFile: cluster.auth.tokenFile },
              },
            },
      ],
      contexts: [{ name: 'gitops', cluster: cluster.name, user: 'gitops' }],
      currentContext: 'gitops',
    });
    this.#api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** The configured cluster name. */
  get cluster(): string {
    return this.#cluster.name;
  }

  /** `GET /apis/<group>/<version>[/namespaces/<ns>]/<plural>?labelSelector=…&fieldSelector=…` */
  async list(query: KubernetesListQuery): Promise<KubernetesList> {
    const { resource, namespace, labelSelector, fieldSelector } = query;
    const what = `listing ${resourceName(resource)}${
      namespace ? ` in namespace '${namespace}'` : ''
    }`;
    const params = {
      group: resource.group,
      version: resource.version,
      plural: resource.plural,
      ...(labelSelector ? { labelSelector } : {}),
      ...(fieldSelector ? { fieldSelector } : {}),
    };
    const started = Date.now();
    let body: unknown;
    try {
      body = namespace
        ? await this.#api.listNamespacedCustomObject(
            { ...params, namespace },
            this.#requestOptions(),
          )
        : await this.#api.listClusterCustomObject(
            params,
            this.#requestOptions(),
          );
    } catch (error) {
      throw this.#failure(error, resource, what);
    } finally {
      this.#logger.debug('Kubernetes request', {
        cluster: this.cluster,
        resource: resourceName(resource),
        namespace,
        durationMs: Date.now() - started,
      });
    }
    const list = listShape.safeParse(body);
    if (!list.success) {
      throw this.#error(
        'bad-response',
        `answered ${what} with JSON that is not a ${resource.kind}List`,
      );
    }
    return {
      items: list.data.items ?? [],
      resourceVersion: list.data.metadata?.resourceVersion,
    };
  }

  /** A fresh timeout per request, applied where the client sends it. */
  #requestOptions(): ConfigurationOptions {
    const timeoutMs = this.#timeoutMs;
    return {
      middleware: [
        {
          pre: context => {
            context.setSignal(AbortSignal.timeout(timeoutMs));
            return new Observable(Promise.resolve(context));
          },
          post: context => new Observable(Promise.resolve(context)),
        },
      ],
      middlewareMergeStrategy: 'append',
    };
  }

  #error(
    code: KubernetesError['code'],
    detail: string,
    httpStatus?: number,
  ): KubernetesError {
    const secrets =
      this.#cluster.auth.type === 'serviceAccountToken'
        ? [this.#cluster.auth.token]
        : [];
    return new KubernetesError({
      instance: this.cluster,
      code,
      httpStatus,
      message: redact(
        `Kubernetes cluster '${this.cluster}' ${detail}`,
        secrets,
      ),
    });
  }

  #failure(
    error: unknown,
    resource: KubernetesResource,
    what: string,
  ): KubernetesError {
    if (error instanceof ApiException) {
      const status = error.code;
      const said = statusMessage(error.body);
      const shown = `${status}${REASONS[status] ? ` ${REASONS[status]}` : ''}${
        said ? `: ${said}` : ''
      }`;
      switch (status) {
        case 401:
          return this.#error(
            'unauthorized',
            `rejected the configured credentials while ${what} (${shown}); check serviceAccountToken, or the pod's service account when none is set`,
            status,
          );
        case 403:
          return this.#error(
            'forbidden',
            `refused ${what} (${shown}); the backend's service account needs RBAC permission to get and list ${resourceName(
              resource,
            )} (see the ClusterRole in docs/kubernetes.md)`,
            status,
          );
        case 404:
          return this.#error(
            'not-found',
            `does not serve ${resourceName(resource)}/${
              resource.version
            } (${shown}); is the CRD installed?`,
            status,
          );
        default:
          return this.#error(
            'bad-response',
            `failed while ${what} (${shown})`,
            status,
          );
      }
    }
    const name = (error as Error)?.name;
    const type = (error as { type?: unknown })?.type;
    if (
      name === 'TimeoutError' ||
      name === 'AbortError' ||
      type === 'aborted'
    ) {
      return this.#error(
        'timeout',
        `did not answer ${what} within ${this.#timeoutMs} ms`,
      );
    }
    const code = (error as { code?: unknown })?.code;
    const reason =
      typeof code === 'string'
        ? code
        : String((error as Error)?.message ?? error);
    return this.#error(
      'unreachable',
      `could not be reached at ${this.#cluster.url} while ${what} (${reason})`,
    );
  }
}
