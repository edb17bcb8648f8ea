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

/** What RBAC answers when the caller may not list a resource. */
export function forbidden(
  user: string,
  resource: ServedResource,
  namespace: string | undefined,
): KubeStatus {
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  return status(
    403,
    'Forbidden',
    `${resource.plural}.${resource.group} is forbidden: User "${user}" cannot list resource "${resource.plural}" in API group "${resource.group}" ${scope}`,
    { group: resource.group, kind: resource.plural },
  );
}

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
