import { listen } from '../listen';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { sleep } from '../faults';
import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from '../labelSelector';
import {
  FieldSelectorError,
  matchesFieldSelector,
  parseFieldSelector,
} from './fieldSelector';
import {
  KNOWN_RESOURCES,
  resourceName,
  type ServedResource,
} from './resources';
import {
  badRequest,
  forbidden,
  notFound,
  statusFor,
  unauthorized,
  type KubeStatus,
} from './status';

/** A Kubernetes object as stored: `apiVersion`, `kind` and `metadata.name` are required. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * A failure injected into list calls. Latency is waited first, then `timeout`
 * (never answer) wins over `status` (a `Status` body with that code).
 */
export interface KubeFault {
  status?: number;
  timeout?: boolean;
  latencyMs?: number;
  /** Only requests for this resource, e.g. `helmreleases.helm.toolkit.fluxcd.io`. */
  resource?: string;
  /** Apply to this many matching requests, then clear. */
  times?: number;
}

/** One request the fake answered (status 0 while held by a timeout fault). */
export interface KubeRequest {
  method: string;
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Whether a valid bearer token came with it. */
  authorized: boolean;
  status: number;
  at: string;
}

/** Options of {@link startKubeApiServer}. */
export interface KubeApiServerOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Bearer tokens the server accepts; default `['sim-kube-token']`. */
  tokens?: string[];
  /** Objects to serve. */
  objects?: KubeObject[];
  /** Resources served (`plural.group`); default every known one. Leave one out to play "CRD not installed". */
  resources?: string[];
  /** The identity RBAC messages name; default `system:serviceaccount:backstage:backstage-gitops`. */
  user?: string;
}

/** A running fake Kubernetes API server. */
export interface KubeApiServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The first accepted token. */
  token: string;
  /** Replaces the served objects. */
  setObjects(objects: KubeObject[]): void;
  /** Stops serving a resource, as if its CRD were deleted (404 for every path under it). */
  uninstall(resource: string): void;
  /** Serves a resource again. */
  install(resource: string): void;
  /** RBAC: list calls on this resource (optionally in one namespace only) are forbidden (403). */
  forbid(resource: string, namespace?: string): void;
  /** Lifts every `forbid`. */
  allowAll(): void;
  /** Injects a fault; `undefined` clears it. */
  setFault(fault: KubeFault | undefined): void;
  /** Waits this long before answering every request. */
  setLatency(ms: number): void;
  requests: KubeRequest[];
  resetRequests(): void;
  close(): Promise<void>;
}

const DEFAULT_TOKEN = 'sim-kube-token';
const DEFAULT_USER = 'system:serviceaccount:backstage:backstage-gitops';

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendStatus(res: ServerResponse, body: KubeStatus) {
  send(res, body.code, body);
}

/** `/apis/<group>/<version>[/namespaces/<ns>]/<plural>` → its parts, or undefined. */
function parseListPath(path: string) {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'apis') {
    return undefined;
  }
  if (parts.length === 4) {
    return { group: parts[1], version: parts[2], plural: parts[3] };
  }
  if (parts.length === 6 && parts[3] === 'namespaces') {
    return {
      group: parts[1],
      version: parts[2],
      namespace: parts[4],
      plural: parts[5],
    };
  }
  return undefined;
}

/**
 * Starts a fake Kubernetes API server that speaks the list protocol of custom
 * resources: `GET /apis/<group>/<version>/<plural>` (cluster-wide) and
 * `GET /apis/<group>/<version>/namespaces/<ns>/<plural>`, with
 * `labelSelector` and `fieldSelector` (`metadata.name`, `metadata.namespace`),
 * `<Kind>List` answers with `apiVersion` and `metadata.resourceVersion`, a
 * bearer-token check, and `Status` bodies for 400/401/403/404. Enough to drive
 * `@kubernetes/client-node` against it; nothing is ever written.
 */
export async function startKubeApiServer(
  options: KubeApiServerOptions = {},
): Promise<KubeApiServer> {
  const tokens = options.tokens ?? [DEFAULT_TOKEN];
  const user = options.user ?? DEFAULT_USER;
  const served = new Set(
    options.resources ?? KNOWN_RESOURCES.map(resourceName),
  );
  const denied = new Set<string>();
  const requests: KubeRequest[] = [];
  let objects: KubeObject[] = [];
  let resourceVersion = 1000;
  let fault: KubeFault | undefined;
  let latencyMs = 0;

  const setObjects = (next: KubeObject[]) => {
    for (const object of next) {
      if (!object?.apiVersion || !object.kind || !object.metadata?.name) {
        throw new Error(
          `A Kubernetes object needs apiVersion, kind and metadata.name: ${JSON.stringify(
            object,
          ).slice(0, 200)}`,
        );
      }
    }
    resourceVersion += 1;
    objects = next.map((object, index) => ({
      ...object,
      metadata: {
        uid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        resourceVersion: String(resourceVersion),
        ...object.metadata,
      },
    }));
  };
  setObjects(options.objects ?? []);

  const takeFault = (resource: ServedResource | undefined) => {
    if (
      !fault ||
      (fault.resource &&
        (!resource || fault.resource !== resourceName(resource)))
    ) {
      return undefined;
    }
    const taken = fault;
    if (fault.times !== undefined) {
      fault =
        fault.times > 1 ? { ...fault, times: fault.times - 1 } : undefined;
    }
    return taken;
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://kube');
    const authorization = req.headers.authorization ?? '';
    const authorized = tokens.some(
      token => authorization === `Bearer ${token}`,
    );
    const record: KubeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      authorized,
      status: 0,
      at: new Date().toISOString(),
    };
    const labelSelector = url.searchParams.get('labelSelector') ?? undefined;
    const fieldSelector = url.searchParams.get('fieldSelector') ?? undefined;
    if (labelSelector !== undefined) record.labelSelector = labelSelector;
    if (fieldSelector !== undefined) record.fieldSelector = fieldSelector;
    requests.push(record);
    res.once('finish', () => {
      record.status = res.statusCode;
    });

    if (latencyMs > 0) {
      await sleep(latencyMs);
    }
    const target = parseListPath(url.pathname);
    const resource = target
      ? KNOWN_RESOURCES.find(
          known =>
            known.group === target.group &&
            known.version === target.version &&
            known.plural === target.plural,
        )
      : undefined;

    const injected = takeFault(resource);
    if (injected) {
      if (injected.latencyMs) {
        await sleep(injected.latencyMs);
      }
      if (injected.timeout) {
        return; // held until the client gives up or the server closes
      }
      if (injected.status !== undefined) {
        sendStatus(
          res,
          injected.status === 403 && resource
            ? forbidden(user, resource, target?.namespace)
            : statusFor(injected.status),
        );
        return;
      }
    }

    if (!authorized) {
      sendStatus(res, unauthorized());
      return;
    }
    if (req.method !== 'GET') {
      send(res, 405, {
        ...statusFor(405),
        reason: 'MethodNotAllowed',
        message: 'the fake Kubernetes API server only lists',
      });
      return;
    }
    if (!target || !resource || !served.has(resourceName(resource))) {
      sendStatus(res, notFound());
      return;
    }
    if (
      denied.has(resourceName(resource)) ||
      (target.namespace &&
        denied.has(`${resourceName(resource)}@${target.namespace}`))
    ) {
      sendStatus(res, forbidden(user, resource, target.namespace));
      return;
    }
    if (url.searchParams.get('watch') === 'true') {
      sendStatus(
        res,
        badRequest('the fake Kubernetes API server does not watch'),
      );
      return;
    }

    let labels;
    let fields;
    try {
      labels = parseLabelSelector(labelSelector ?? '');
      fields = parseFieldSelector(fieldSelector ?? '');
    } catch (error) {
      if (
        error instanceof LabelSelectorError ||
        error instanceof FieldSelectorError
      ) {
        sendStatus(
          res,
          badRequest(
            error instanceof LabelSelectorError
              ? `unable to parse requirement: ${error.message}`
              : error.message,
          ),
        );
        return;
      }
      throw error;
    }

    const apiVersion = `${resource.group}/${resource.version}`;
    const items = objects.filter(
      object =>
        object.apiVersion === apiVersion &&
        object.kind === resource.kind &&
        (!target.namespace || object.metadata.namespace === target.namespace) &&
        matchesLabelSelector(labels, object.metadata.labels) &&
        matchesFieldSelector(fields, object.metadata),
    );
    send(res, 200, {
      apiVersion,
      kind: `${resource.kind}List`,
      metadata: { resourceVersion: String(resourceVersion) },
      items,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(error => {
      if (!res.headersSent) {
        sendStatus(res, statusFor(500));
      }
      // eslint-disable-next-line no-console
      console.error(error);
    });
  });
  const url = await listen(server, options);

  return {
    url,
    token: tokens[0],
    setObjects,
    uninstall: resource => {
      served.delete(resource);
    },
    install: resource => {
      served.add(resource);
    },
    forbid: (resource, namespace) => {
      denied.add(namespace ? `${resource}@${namespace}` : resource);
    },
    allowAll: () => denied.clear(),
    setFault: next => {
      fault = next;
    },
    setLatency: ms => {
      latencyMs = ms;
    },
    requests,
    resetRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
