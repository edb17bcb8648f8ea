import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeConfig,
  ListWatch,
  Watch,
  type Informer,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { Agent } from 'node:http';
import { z } from 'zod';
import type { KubernetesClusterConfig } from '../../config/readKubernetesConfig';
import {
  callSignal,
  callTimedOut,
  waitedFor,
  type Deadline,
} from '../shared/Deadline';
import { WorkSlicer } from '../shared/eventLoop';
import { MalformedJsonError, readJsonBody } from '../shared/readJsonBody';
import {
  describeBodyFailure,
  formatBytes,
  isBodyFailure,
  readErrorText,
} from '../shared/readBoundedChunks';
import { redact } from '../shared/redact';
import { isRecord, oneLineMessage } from '../shared/upstreamValues';
import { httpRequest } from './httpRequest';
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

/** A non-2xx answer, before it is classified. */
class KubernetesStatus extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`HTTP ${status}`);
  }
}

/** The least each list item must have; unknown fields pass through to normalization. */
const itemShape = z
  .object({ metadata: z.object({ name: z.string() }).passthrough() })
  .passthrough();

/** Checks list items one by one, yielding between slices so a long list never holds the event loop. */
async function itemsAreObjects(items: unknown[]): Promise<boolean> {
  const slicer = new WorkSlicer();
  for (const item of items) {
    if (!itemShape.safeParse(item).success) {
      return false;
    }
    if (slicer.due()) {
      await slicer.pause();
    }
  }
  return true;
}

/** The least a `*List` answer must have; items are checked by {@link itemsAreObjects}. */
const listShape = z
  .object({
    items: z.array(z.unknown()).nullable(),
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
  409: 'Conflict',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** One call, as the error wording needs it. */
interface KubernetesCall {
  method: 'GET' | 'PATCH';
  path: string;
  search?: string;
  body?: string;
  resource: KubernetesResource;
  /** "listing kustomizations.kustomize.toolkit.fluxcd.io in namespace 'x'" */
  what: string;
  /** `<namespace>/<name>` of the one object a call is about. */
  object?: string;
  deadline?: Deadline;
  /** Instead of the client's own bounds (a watch's full list has its own). */
  timeoutMs?: number;
  maxResponseBytes?: number;
}

/** How one list call is bounded: the caller's deadline, and other bounds than the client's for a watch's list. */
export interface KubernetesListOptions {
  deadline?: Deadline;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

/**
 * client-node's `Watch`, ended for good by `stop`: a stream opened after
 * the stop (the informer opens one once its list is in, whenever that is)
 * is closed at once, so nothing stays open once a watch is stopped.
 */
class StoppableWatch extends Watch {
  constructor(config: KubeConfig, private readonly stop: AbortSignal) {
    super(config);
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: any, watchObj?: any) => void,
    done: (err: any) => void,
  ): Promise<AbortController> {
    if (this.stop.aborted) {
      done(this.stop.reason);
      return new AbortController();
    }
    const controller = await super.watch(path, queryParams, callback, done);
    const abort = () => controller.abort();
    if (this.stop.aborted) {
      abort();
    } else {
      this.stop.addEventListener('abort', abort, { once: true });
      controller.signal.addEventListener('abort', () =>
        this.stop.removeEventListener('abort', abort),
      );
    }
    return controller;
  }
}

/** `/apis/<group>/<version>[/namespaces/<ns>]/<plural>` */
function collectionPath(resource: KubernetesResource, namespace?: string) {
  return `/apis/${resource.group}/${resource.version}${
    namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''
  }/${resource.plural}`;
}

/** One namespaced object. */
export interface KubernetesObjectRef {
  resource: KubernetesResource;
  namespace: string;
  name: string;
}

function objectPath(target: KubernetesObjectRef): string {
  return `${collectionPath(
    target.resource,
    target.namespace,
  )}/${encodeURIComponent(target.name)}`;
}

/** What a {@link KubernetesClient} is created with. */
export interface KubernetesClientOptions {
  cluster: KubernetesClusterConfig;
  /** Longest wait for one call, within the caller's deadline. */
  timeoutMs: number;
  /** Largest answer read; a longer one is a `bad-response` naming the limit. */
  maxResponseBytes: number;
  logger: LoggerService;
}

/**
 * A client for one cluster's custom resources: list calls, and the merge
 * patches of the actions (each sent once),
 * authenticated and TLS-configured by `@kubernetes/client-node`'s
 * `KubeConfig` and sent with the same `node-fetch` it uses, with a timeout
 * per call within the caller's deadline, a maximum answer size enforced
 * while the body streams in, JSON parsed without holding the event loop,
 * and every failure turned into a {@link KubernetesError}. Credentials come
 * from the cluster configuration (a bearer token, or the pod's service
 * account token file) and never appear in an error or a log line.
 */
export class KubernetesClient {
  readonly #cluster: KubernetesClusterConfig;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #logger: LoggerService;
  readonly #kubeConfig: KubeConfig;
  readonly #server: string;
  /** The configured token, and the service account tokens read from file. */
  #secrets: string[];

  static create(options: KubernetesClientOptions): KubernetesClient {
    return new KubernetesClient(options);
  }

  private constructor(options: KubernetesClientOptions) {
    const { cluster } = options;
    this.#cluster = cluster;
    this.#timeoutMs = options.timeoutMs;
    this.#maxResponseBytes = options.maxResponseBytes;
    this.#logger = options.logger;
    this.#server = cluster.url.replace(/\/+$/, '');
    this.#secrets =
      cluster.auth.type === 'serviceAccountToken' ? [cluster.auth.token] : [];

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
    this.#kubeConfig = kubeConfig;
  }

  /** The configured cluster name. */
  get cluster(): string {
    return this.#cluster.name;
  }

  /** `GET /apis/<group>/<version>[/namespaces/<ns>]/<plural>?labelSelector=…&fieldSelector=…` */
  async list(
    query: KubernetesListQuery,
    options: KubernetesListOptions = {},
  ): Promise<KubernetesList> {
    const { resource, namespace, labelSelector, fieldSelector } = query;
    const what = `listing ${resourceName(resource)}${
      namespace ? ` in namespace '${namespace}'` : ''
    }`;
    const params = new URLSearchParams();
    if (labelSelector) params.set('labelSelector', labelSelector);
    if (fieldSelector) params.set('fieldSelector', fieldSelector);
    const body = await this.#call({
      method: 'GET',
      path: collectionPath(resource, namespace),
      search: params.toString(),
      resource,
      what,
      deadline: options.deadline,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
    });
    const list = listShape.safeParse(body);
    if (!list.success || !(await itemsAreObjects(list.data.items ?? []))) {
      throw this.#error(
        'bad-response',
        `answered ${what} with JSON that is not a ${resource.kind}List`,
      );
    }
    return {
      items: (list.data.items ?? []) as Array<Record<string, unknown>>,
      resourceVersion: list.data.metadata?.resourceVersion,
    };
  }

  /**
   * A client-node informer (`ListWatch`) of one resource, cluster-wide or
   * in one namespace: it calls `list` (which should be this client's
   * bounded {@link KubernetesClient.list}), then watches from the list's
   * resourceVersion with the cluster's `KubeConfig` (same credentials and
   * TLS as every call), resumes a stream that ended, and lists again on
   * 410 Gone. It neither retries after an error nor stops a stream opened
   * late: the caller restarts it, and `stop` closes it for good.
   */
  informer<T extends KubernetesObject>(
    resource: KubernetesResource,
    namespace: string | undefined,
    list: () => Promise<KubernetesListObject<T>>,
    stop: AbortSignal,
  ): Informer<T> {
    return new ListWatch<T>(
      collectionPath(resource, namespace),
      new StoppableWatch(this.#kubeConfig, stop),
      list,
      false,
    );
  }

  /** What a failed watch request (client-node's error, or an `ERROR` event's Status) is, as a {@link KubernetesError}. */
  watchFailure(
    error: unknown,
    resource: KubernetesResource,
    namespace?: string,
  ): KubernetesError {
    if (error instanceof KubernetesError) {
      return error;
    }
    const status = (error as { statusCode?: unknown; code?: unknown })
      ?.statusCode;
    const call: KubernetesCall = {
      method: 'GET',
      path: collectionPath(resource, namespace),
      resource,
      what: `watching ${resourceName(resource)}${
        namespace ? ` in namespace '${namespace}'` : ''
      }`,
    };
    return this.#failure(
      typeof status === 'number'
        ? new KubernetesStatus(status, String((error as Error).message ?? ''))
        : error,
      call,
    );
  }

  /** `GET /apis/<group>/<version>/namespaces/<ns>/<plural>/<name>`: one object as it is now. */
  async get(
    target: KubernetesObjectRef,
    options: { deadline?: Deadline } = {},
  ): Promise<Record<string, unknown>> {
    const what = `reading ${target.resource.kind} '${target.namespace}/${target.name}'`;
    return this.#object(
      await this.#call({
        method: 'GET',
        path: objectPath(target),
        resource: target.resource,
        what,
        object: `${target.namespace}/${target.name}`,
        deadline: options.deadline,
      }),
      target.resource,
      what,
    );
  }

  /**
   * `PATCH /apis/<group>/<version>/namespaces/<ns>/<plural>/<name>` with a
   * JSON merge patch (RFC 7386): what `flux reconcile`, `flux suspend` and
   * `argocd app sync --core` send. Sent once, never retried. Answers the
   * patched object.
   */
  async patch(
    target: KubernetesObjectRef,
    patch: Record<string, unknown>,
    options: { deadline?: Deadline; what: string },
  ): Promise<Record<string, unknown>> {
    return this.#object(
      await this.#call({
        method: 'PATCH',
        path: objectPath(target),
        body: JSON.stringify(patch),
        resource: target.resource,
        what: options.what,
        object: `${target.namespace}/${target.name}`,
        deadline: options.deadline,
      }),
      target.resource,
      options.what,
    );
  }

  #object(
    body: unknown,
    resource: KubernetesResource,
    what: string,
  ): Record<string, unknown> {
    if (!itemShape.safeParse(body).success) {
      throw this.#error(
        'bad-response',
        `answered ${what} with JSON that is not a ${resource.kind}`,
      );
    }
    return body as Record<string, unknown>;
  }

  /** One bounded call: headers and TLS from the KubeConfig, the answer parsed, every failure a {@link KubernetesError}. */
  async #call(call: KubernetesCall): Promise<unknown> {
    const { resource, what, deadline } = call;
    const timeoutMs = call.timeoutMs ?? this.#timeoutMs;
    const signal = callSignal(deadline, timeoutMs);
    // However the abort surfaces (an AbortError, a reset socket), it is a timeout.
    const failure = (error: unknown) =>
      this.#failure(signal.aborted ? callTimedOut() : error, call);

    const started = Date.now();
    try {
      const init = await this.#kubeConfig.applyToFetchOptions({});
      const headers: Record<string, string> = {};
      (init.headers as unknown as Headers | undefined)?.forEach(
        (value, key) => {
          headers[key] = value;
        },
      );
      headers.accept = 'application/json';
      if (call.body !== undefined) {
        headers['content-type'] = 'application/merge-patch+json';
      }
      this.#rememberToken(headers.authorization);
      const response = await httpRequest(
        `${this.#server}${call.path}${call.search ? `?${call.search}` : ''}`,
        {
          method: call.method,
          agent: init.agent as Agent | undefined,
          headers,
          signal,
          body: call.body,
        },
      );
      const ok = response.status >= 200 && response.status < 300;
      if (!ok) {
        throw new KubernetesStatus(
          response.status,
          await readErrorText(response.body, response.contentLength),
        );
      }
      try {
        // Parsed as it arrives: a large list never sits in memory whole.
        return (
          await readJsonBody(response.body, {
            maxBytes: call.maxResponseBytes ?? this.#maxResponseBytes,
            contentLength: response.contentLength,
          })
        ).json;
      } catch (error) {
        if (!(error instanceof MalformedJsonError)) {
          throw error;
        }
        throw this.#error(
          'bad-response',
          `answered ${what} with malformed JSON (${formatBytes(error.bytes)})`,
        );
      }
    } catch (error) {
      throw error instanceof KubernetesError ? error : failure(error);
    } finally {
      this.#logger.debug('Kubernetes request', {
        cluster: this.cluster,
        method: call.method,
        resource: resourceName(resource),
        durationMs: Date.now() - started,
      });
    }
  }

  /** The in-cluster token is read from a file and rotates: remember each one seen, to redact it. */
  #rememberToken(authorization: string | undefined): void {
    const token = authorization?.replace(/^Bearer\s+/i, '');
    if (token && !this.#secrets.includes(token)) {
      // The previous token stays redacted for a while after a rotation.
      this.#secrets = [...this.#secrets.slice(-3), token];
    }
  }

  #error(
    code: KubernetesError['code'],
    detail: string,
    httpStatus?: number,
  ): KubernetesError {
    return new KubernetesError({
      instance: this.cluster,
      code,
      httpStatus,
      message: redact(
        `Kubernetes cluster '${this.cluster}' ${detail}`,
        this.#secrets,
      ),
    });
  }

  #failure(error: unknown, call: KubernetesCall): KubernetesError {
    const { resource, what, deadline } = call;
    if (isBodyFailure(error)) {
      return this.#error('bad-response', describeBodyFailure(what, error));
    }
    if (error instanceof KubernetesStatus) {
      const status = error.status;
      const message = statusMessage(error.body);
      // A bare "Unauthorized" body only repeats the reason phrase.
      const said = message === REASONS[status] ? undefined : message;
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
            call.method === 'PATCH'
              ? `refused ${what} (${shown}); the backend's service account needs RBAC permission to patch ${resourceName(
                  resource,
                )} (see docs/permissions.md)`
              : `refused ${what} (${shown}); the backend's service account needs RBAC permission to get and list ${resourceName(
                  resource,
                )} (see the ClusterRole in docs/kubernetes.md)`,
            status,
          );
        case 404:
          if (call.object) {
            return this.#error(
              'not-found',
              `has no ${resource.kind} '${call.object}' (${shown})`,
              status,
            );
          }
          return this.#error(
            'not-found',
            `does not serve ${resourceName(resource)}/${
              resource.version
            } (${shown}); is the CRD installed?`,
            status,
          );
        case 409:
          return this.#error(
            'bad-response',
            `refused ${what} because the object changed since it was read (${shown}); reload and try again`,
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
        `did not answer ${what} ${waitedFor(
          deadline,
          call.timeoutMs ?? this.#timeoutMs,
        )}`,
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
