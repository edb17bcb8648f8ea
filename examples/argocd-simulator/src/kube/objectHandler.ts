import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../readBody';
import type { KubeControllers } from './controllers';
import { patchedObject } from './patchObject';
import type { ServedResource } from './resources';
import { send, sendStatus } from './respond';
import type { Caller, KubeState } from './state';
import {
  badRequest,
  conflict,
  forbidden,
  objectNotFound,
  unsupportedMediaType,
  type KubeStatus,
} from './status';
import type { KubeObject, KubeRequest } from './types';

/** The one patch format this server applies (RFC 7386); JSON patch and apply patches get 415. */
export const MERGE_PATCH = 'application/merge-patch+json';

/** One object: `/apis/<group>/<version>/namespaces/<ns>/<plural>/<name>`. */
export interface ObjectTarget {
  resource: ServedResource;
  namespace: string;
  name: string;
}

/** `GET` of one object, or its 403 / 404 Status. */
export function getObject(
  state: KubeState,
  res: ServerResponse,
  { resource, namespace, name }: ObjectTarget,
  caller: Caller,
): void {
  if (state.isDenied(resource, namespace)) {
    sendStatus(res, forbidden(caller.user, resource, namespace, 'get', name));
    return;
  }
  const object = state.find(resource, namespace, name);
  if (object) {
    send(res, 200, object);
  } else {
    sendStatus(res, objectNotFound(resource, name));
  }
}

const isStatus = (value: KubeObject | KubeStatus): value is KubeStatus =>
  value.kind === 'Status' && value.apiVersion === 'v1' && 'code' in value;

const contentTypeOf = (req: IncomingMessage) =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

/**
 * `PATCH` of one object with a JSON merge patch, in the API server's order: RBAC (a read-only caller may not
 * patch, whether or not the object exists), the content type, the body, the object, the `resourceVersion`
 * precondition. Answers the stored object and lets the controllers react to it.
 */
export async function patchObject(
  state: KubeState,
  controllers: KubeControllers,
  req: IncomingMessage,
  res: ServerResponse,
  record: KubeRequest,
  { resource, namespace, name }: ObjectTarget,
  caller: Caller,
): Promise<void> {
  if (!caller.canWrite || state.isDenied(resource, namespace)) {
    sendStatus(res, forbidden(caller.user, resource, namespace, 'patch', name));
    return;
  }
  record.contentType = contentTypeOf(req);
  if (record.contentType !== MERGE_PATCH) {
    sendStatus(res, unsupportedMediaType([MERGE_PATCH]));
    return;
  }
  let patch: unknown;
  try {
    patch = JSON.parse(await readBody(req));
  } catch (error) {
    sendStatus(
      res,
      badRequest(`error decoding patch: ${(error as Error).message}`),
    );
    return;
  }
  record.patch = patch;
  const current = state.find(resource, namespace, name);
  if (!current) {
    sendStatus(res, objectNotFound(resource, name));
    return;
  }
  const expected = (patch as { metadata?: { resourceVersion?: unknown } })
    ?.metadata?.resourceVersion;
  if (
    typeof expected === 'string' &&
    expected !== current.metadata.resourceVersion
  ) {
    sendStatus(res, conflict(resource, name));
    return;
  }
  const next = patchedObject(current, patch, resource);
  if (isStatus(next)) {
    sendStatus(res, next);
    return;
  }
  const stored = state.replace(current, next, resource);
  controllers.onPatched(current, stored, resource);
  send(res, 200, stored);
}
