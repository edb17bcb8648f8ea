import {
  LabelSelectorError,
  parseLabelSelector,
  type LabelSelectorRequirement,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep } from '../faults';
import { matchesLabelSelector } from '../labelSelector';
import { sendList } from './listAnswers';
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
import type { KubeFault, KubeObject, KubeRequest } from './types';

/** What the fake Kubernetes API server serves; its knobs change it between requests. */
export class KubeState {
  /** `plural.group`, or `plural.group@namespace`, that RBAC forbids. */
  readonly denied = new Set<string>();
  readonly requests: KubeRequest[] = [];
  objects: KubeObject[] = [];
  resourceVersion = 1000;
  fault: KubeFault | undefined;
  latencyMs = 0;

  constructor(
    readonly tokens: string[],
    readonly user: string,
    /** `plural.group` of the resources served. */
    readonly served: Set<string>,
  ) {}

  setObjects(next: KubeObject[]): void {
    for (const object of next) {
      if (!object?.apiVersion || !object.kind || !object.metadata?.name) {
        throw new Error(
          `A Kubernetes object needs apiVersion, kind and metadata.name: ${JSON.stringify(
            object,
          ).slice(0, 200)}`,
        );
      }
    }
    this.resourceVersion += 1;
    this.objects = next.map((object, index) => ({
      ...object,
      metadata: {
        uid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        resourceVersion: String(this.resourceVersion),
        ...object.metadata,
      },
    }));
  }

  /** The fault for a request on `resource`, counting down its `times`. */
  takeFault(resource: ServedResource | undefined): KubeFault | undefined {
    const fault = this.fault;
    if (
      !fault ||
      (fault.resource &&
        (!resource || fault.resource !== resourceName(resource)))
    ) {
      return undefined;
    }
    if (fault.times !== undefined) {
      this.fault =
        fault.times > 1 ? { ...fault, times: fault.times - 1 } : undefined;
    }
    return fault;
  }
}

export function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function sendStatus(res: ServerResponse, body: KubeStatus) {
  send(res, body.code, body);
}

interface ListTarget {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
}

/** `/apis/<group>/<version>[/namespaces/<ns>]/<plural>` → its parts, or undefined. */
function parseListPath(path: string): ListTarget | undefined {
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

function recordRequest(
  state: KubeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  authorized: boolean,
): void {
  const record: KubeRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    authorized,
    status: 0,
    at: new Date().toISOString(),
  };
  const labelSelector = url.searchParams.get('labelSelector');
  const fieldSelector = url.searchParams.get('fieldSelector');
  if (labelSelector !== null) record.labelSelector = labelSelector;
  if (fieldSelector !== null) record.fieldSelector = fieldSelector;
  state.requests.push(record);
  res.once('finish', () => {
    record.status = res.statusCode;
  });
  // A body cut off on purpose, or abandoned by the client, still had its status sent.
  res.once('close', () => {
    if (!res.writableFinished && res.headersSent) {
      record.status = res.statusCode;
    }
  });
}

/**
 * Waits, holds or fails as the injected fault says; true when the fault has dealt with the request. Body faults
 * (`malformed`, `oversizeBytes`, `truncateAfterBytes`) are left to {@link sendList}.
 */
async function applyFault(
  state: KubeState,
  res: ServerResponse,
  fault: KubeFault | undefined,
  resource: ServedResource | undefined,
  namespace: string | undefined,
): Promise<boolean> {
  if (!fault) {
    return false;
  }
  if (fault.latencyMs) {
    await sleep(fault.latencyMs);
  }
  if (fault.timeout) {
    return true; // held until the client gives up or the server closes
  }
  if (fault.status === undefined) {
    return false;
  }
  sendStatus(
    res,
    fault.status === 403 && resource
      ? forbidden(state.user, resource, namespace)
      : statusFor(fault.status),
  );
  return true;
}

/** Why a request is not a list call this server answers, as the Status to send; undefined when it is one. */
function refusal(
  state: KubeState,
  req: IncomingMessage,
  url: URL,
  authorized: boolean,
  target: ListTarget | undefined,
  resource: ServedResource | undefined,
): KubeStatus | undefined {
  if (!authorized) {
    return unauthorized();
  }
  if (req.method !== 'GET') {
    return {
      ...statusFor(405),
      reason: 'MethodNotAllowed',
      message: 'the fake Kubernetes API server only lists',
    };
  }
  if (!target || !resource || !state.served.has(resourceName(resource))) {
    return notFound();
  }
  const name = resourceName(resource);
  if (
    state.denied.has(name) ||
    (target.namespace && state.denied.has(`${name}@${target.namespace}`))
  ) {
    return forbidden(state.user, resource, target.namespace);
  }
  if (url.searchParams.get('watch') === 'true') {
    return badRequest('the fake Kubernetes API server does not watch');
  }
  return undefined;
}

type Selectors =
  | {
      labels: LabelSelectorRequirement[];
      fields: ReturnType<typeof parseFieldSelector>;
    }
  | { invalid: KubeStatus };

function parseSelectors(url: URL): Selectors {
  try {
    return {
      labels: parseLabelSelector(url.searchParams.get('labelSelector') ?? ''),
      fields: parseFieldSelector(url.searchParams.get('fieldSelector') ?? ''),
    };
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      return {
        invalid: badRequest(`unable to parse requirement: ${error.message}`),
      };
    }
    if (error instanceof FieldSelectorError) {
      return { invalid: badRequest(error.message) };
    }
    throw error;
  }
}

/**
 * Answers one request: recorded, delayed and faulted as the knobs say, then
 * refused with a `Status`, or answered with the `<Kind>List` of the objects
 * the path and selectors pick.
 */
export async function handleKubeRequest(
  state: KubeState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://kube');
  const authorization = req.headers.authorization ?? '';
  const authorized = state.tokens.some(
    token => authorization === `Bearer ${token}`,
  );
  recordRequest(state, req, res, url, authorized);
  if (state.latencyMs > 0) {
    await sleep(state.latencyMs);
  }
  const target = parseListPath(url.pathname);
  const resource =
    target &&
    KNOWN_RESOURCES.find(
      known =>
        known.group === target.group &&
        known.version === target.version &&
        known.plural === target.plural,
    );
  const fault = state.takeFault(resource);
  if (await applyFault(state, res, fault, resource, target?.namespace)) {
    return;
  }
  const refused = refusal(state, req, url, authorized, target, resource);
  if (refused || !target || !resource) {
    sendStatus(res, refused ?? notFound());
    return;
  }
  const selectors = parseSelectors(url);
  if ('invalid' in selectors) {
    sendStatus(res, selectors.invalid);
    return;
  }

  const apiVersion = `${resource.group}/${resource.version}`;
  const sameKind = state.objects.filter(
    object => object.apiVersion === apiVersion && object.kind === resource.kind,
  );
  const items = sameKind.filter(
    object =>
      (!target.namespace || object.metadata.namespace === target.namespace) &&
      matchesLabelSelector(selectors.labels, object.metadata.labels) &&
      matchesFieldSelector(selectors.fields, object.metadata),
  );
  await sendList(
    res,
    {
      resource,
      resourceVersion: String(state.resourceVersion),
      items,
      sameKind,
    },
    fault,
  );
}
