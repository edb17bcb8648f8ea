import type { SourceErrorCode } from '@gitops-guide/backstage-plugin-gitops-common';
import { waitedFor, type Deadline } from '../shared/Deadline';
import { oneLineMessage } from '../shared/upstreamValues';
import { errorBodySchema } from './argoCdShapes';

/** One classified failure: its code, the sentence after "Argo CD instance 'x' ", and Argo CD's gRPC code. */
export interface ArgoCdFailure {
  code: SourceErrorCode;
  detail: string;
  upstreamCode?: number;
}

/** What a request was doing, for messages. */
export interface RequestContext {
  /** "listing applications" */
  what: string;
  /** True for `POST /api/v1/session`. */
  login: boolean;
  /** The instance URL, for "could not be reached at". */
  url: string;
  timeoutMs: number;
  /** The incoming request's deadline, when the call has one. */
  deadline?: Deadline;
  /** Set for a call that changes something, with the Argo CD RBAC action it needs. */
  write?: { rbacAction: string };
}

/** Argo CD's sync windows refuse with PermissionDenied too; their message says so. */
const SYNC_WINDOW = /sync window/i;

/** Argo CD's error message and gRPC code, or the gist of a non-JSON body (a proxy's HTML page). */
export function upstreamErrorOf(text: string): {
  message?: string;
  code?: number;
} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    // Proxies in front of Argo CD answer with HTML pages; their title says it all.
    return {
      message: oneLineMessage(
        trimmed.startsWith('<')
          ? /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]
          : trimmed,
      ),
    };
  }
  const body = errorBodySchema.safeParse(json);
  if (!body.success) {
    return {};
  }
  return {
    message: oneLineMessage(body.data.message ?? body.data.error),
    code: body.data.code,
  };
}

/** The failure for a non-2xx answer, worded for the person who has to fix it. */
export function statusFailure(
  request: RequestContext,
  response: { status: number; statusText: string; location?: string | null },
  text: string,
): ArgoCdFailure {
  const { what, login } = request;
  const status = `${response.status}${
    response.statusText ? ` ${response.statusText}` : ''
  }`;
  const { message, code: upstreamCode } = upstreamErrorOf(text);
  const said = message ? `: ${message}` : '';
  switch (response.status) {
    case 401:
      return {
        code: 'unauthorized',
        detail: login
          ? `refused the login (${status}${said}); check the configured username and password`
          : `rejected the configured credentials while ${what} (${status}${said}); check the token or the username and password`,
      };
    case 403:
      if (request.write && message && SYNC_WINDOW.test(message)) {
        return {
          code: 'forbidden',
          detail: `refused ${what} (${status}${said}); a sync window of the application's project blocks syncs now: wait for it to open, or ask the project's owners`,
        };
      }
      return {
        code: 'forbidden',
        detail: `refused ${what} (${status}${said}); the configured account needs Argo CD RBAC permission to ${
          request.write?.rbacAction ?? 'get'
        } these applications`,
      };
    case 400:
      if (request.write) {
        return {
          code: 'bad-response',
          detail: `refused ${what} (${status}${said})`,
          upstreamCode,
        };
      }
      return {
        code: 'bad-response',
        detail: `failed while ${what} (${status}${said})`,
      };
    case 404:
      return {
        code: 'not-found',
        detail: `found nothing while ${what} (${status}${said})`,
        upstreamCode,
      };
    default:
      if (response.status >= 300 && response.status < 400) {
        const location = response.location?.split('?')[0];
        return {
          code: 'bad-response',
          detail: `answered ${what} with a redirect (${status}${
            location ? ` to ${location}` : ''
          }); configure the URL the API answers on`,
        };
      }
      return {
        code: 'bad-response',
        detail: `failed while ${what} (${status}${said})`,
      };
  }
}

/** The failure for a request that got no answer: a timeout or a network error. */
export function transportFailure(
  request: RequestContext,
  error: unknown,
): ArgoCdFailure {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return {
      code: 'timeout',
      detail: `did not answer ${request.what} ${waitedFor(
        request.deadline,
        request.timeoutMs,
      )}`,
    };
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })
    ?.cause;
  const reason =
    typeof cause?.code === 'string'
      ? cause.code
      : String(cause?.message ?? (error as Error)?.message ?? error);
  return {
    code: 'unreachable',
    detail: `could not be reached at ${request.url} while ${request.what} (${reason})`,
  };
}
