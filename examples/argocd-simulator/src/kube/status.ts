import type { ServedResource } from './resources';

/** A `metav1.Status` failure body, as every Kubernetes API server sends it. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: Record<string, unknown>;
  code: number;
}

function status(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export const unauthorized = () => status(401, 'Unauthorized', 'Unauthorized');

/** `details` of a Status about one resource, or one object of it. */
function detailsOf(resource: ServedResource, name?: string) {
  return name === undefined
    ? { group: resource.group, kind: resource.plural }
    : { name, group: resource.group, kind: resource.plural };
}

/** `kustomizations.kustomize.toolkit.fluxcd.io`, or `... "name"` for one object, as API server messages say. */
function subject(resource: ServedResource, name?: string): string {
  const plural = `${resource.plural}.${resource.group}`;
  return name === undefined ? plural : `${plural} "${name}"`;
}

/** What RBAC answers when the caller may not `verb` (list, get, patch) a resource, or one object of it. */
export function forbidden(
  user: string,
  resource: ServedResource,
  namespace: string | undefined,
  verb: string = 'list',
  name?: string,
): KubeStatus {
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  return status(
    403,
    'Forbidden',
    `${subject(
      resource,
      name,
    )} is forbidden: User "${user}" cannot ${verb} resource "${
      resource.plural
    }" in API group "${resource.group}" ${scope}`,
    detailsOf(resource, name),
  );
}

/** A GET or PATCH of an object that does not exist. */
export const objectNotFound = (resource: ServedResource, name: string) =>
  status(
    404,
    'NotFound',
    `${subject(resource, name)} not found`,
    detailsOf(resource, name),
  );

/** A PATCH carrying a `metadata.resourceVersion` other than the stored one (optimistic concurrency). */
export const conflict = (resource: ServedResource, name: string) =>
  status(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${subject(
      resource,
      name,
    )}: the object has been modified; please apply your changes to the latest version and try again`,
    detailsOf(resource, name),
  );

/** A PATCH whose content type this server does not apply; it lists what it does accept, as the API server does. */
export const unsupportedMediaType = (accepted: string[]) =>
  status(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
      ', ',
    )}`,
  );

export const methodNotAllowed = () =>
  status(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );

/** A path the server does not serve, e.g. a CRD that is not installed. */
export const notFound = () =>
  status(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );

export const badRequest = (message: string) =>
  status(400, 'BadRequest', message);

export const internalError = (message: string) =>
  status(500, 'InternalError', message);

/** The body for an injected status. */
export function statusFor(code: number): KubeStatus {
  switch (code) {
    case 401:
      return unauthorized();
    case 404:
      return notFound();
    case 400:
      return badRequest('bad request');
    default:
      return status(
        code,
        code === 503 ? 'ServiceUnavailable' : 'InternalError',
        code === 503
          ? 'the server is currently unable to handle the request'
          : 'an error on the server has prevented the request from succeeding',
      );
  }
}

/** What a watch resuming from a compacted resourceVersion gets, as an ERROR event (then the stream ends). */
export const expired = (requested: string, oldest: number) =>
  status(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
