import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  RawApplication,
  RawApplicationList,
  RawApplicationTree,
  RawRevisionMetadata,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { ArgoCdInstanceConfig } from '../../config/readArgoCdConfig';
import { ArgoCdError, redact } from './ArgoCdError';
import {
  SessionTokenProvider,
  StaticTokenProvider,
  type TokenProvider,
} from './SessionTokenProvider';

/** `GET /api/v1/applications` filters. @public */
export interface ListApplicationsQuery {
  /** One application name (Argo CD filters by exact name). */
  name?: string;
  /** A label selector. */
  selector?: string;
  /** Projects; Argo CD returns applications of any of them. */
  projects?: string[];
  /** The namespace of the Application objects ("apps in any namespace"). */
  appNamespace?: string;
  /** Argo CD's `fields` response filter, e.g. `items.metadata.name`. */
  fields?: string[];
}

/** Where an application lives, for the per-application calls. @public */
export interface ApplicationLocator {
  name: string;
  appNamespace?: string;
  /** Naming the project makes Argo CD answer 404 rather than 403 for a missing application. */
  project?: string;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path below the instance URL, built with {@link segment}. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  /** What the call does, for messages: "listing applications". */
  what: string;
  application?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One URL path segment. Everything is percent-encoded, and the dot segments
 * that URL parsers resolve (`.`, `..`) are refused outright.
 */
export function segment(value: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new TypeError(`Refusing URL path segment ${JSON.stringify(value)}`);
  }
  return encodeURIComponent(value);
}

function locatorQuery(
  locator: ApplicationLocator,
  extra: Record<string, string | undefined> = {},
): URLSearchParams {
  const query = new URLSearchParams();
  if (locator.appNamespace) query.set('appNamespace', locator.appNamespace);
  if (locator.project) query.set('project', locator.project);
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) query.set(key, value);
  }
  return query;
}

const MAX_UPSTREAM_MESSAGE = 300;

/**
 * A small Argo CD REST API client for one instance: the read calls the
 * status views need, bearer or session authentication (one re-login and one
 * retry after a 401), a timeout per request, and every failure turned into
 * an {@link ArgoCdError} with a {@link SourceError} code.
 * @public
 */
export class ArgoCdClient {
  readonly #instance: ArgoCdInstanceConfig;
  readonly #timeoutMs: number;
  readonly #logger: LoggerService;
  readonly #tokens: TokenProvider;

  static create(options: {
    instance: ArgoCdInstanceConfig;
    timeoutMs: number;
    logger: LoggerService;
  }): ArgoCdClient {
    return new ArgoCdClient(options);
  }

  private constructor(options: {
    instance: ArgoCdInstanceConfig;
    timeoutMs: number;
    logger: LoggerService;
  }) {
    this.#instance = options.instance;
    this.#timeoutMs = options.timeoutMs;
    this.#logger = options.logger;
    const auth = options.instance.auth;
    this.#tokens =
      auth.type === 'token'
        ? new StaticTokenProvider(auth.token)
        : new SessionTokenProvider(
            () => this.#login(auth.username, auth.password),
            auth.password,
          );
  }

  /** The configured instance name. */
  get instance(): string {
    return this.#instance.name;
  }

  /** `GET /api/v1/applications`. */
  async listApplications(
    query: ListApplicationsQuery,
  ): Promise<RawApplicationList> {
    const params = new URLSearchParams();
    if (query.name) params.set('name', query.name);
    if (query.selector) params.set('selector', query.selector);
    for (const project of query.projects ?? []) {
      params.append('projects', project);
    }
    if (query.appNamespace) params.set('appNamespace', query.appNamespace);
    if (query.fields?.length) params.set('fields', query.fields.join(','));
    const body = await this.#request({
      method: 'GET',
      path: '/api/v1/applications',
      query: params,
      what: 'listing applications',
    });
    const items = isRecord(body) ? body.items : undefined;
    if (
      !isRecord(body) ||
      !(items === undefined || items === null || Array.isArray(items)) ||
      (items ?? []).some(
        (item: unknown) =>
          !isRecord(item) ||
          !isRecord(item.metadata) ||
          typeof item.metadata.name !== 'string',
      )
    ) {
      throw this.#badShape('listing applications', 'an application list');
    }
    return body as RawApplicationList;
  }

  /** `GET /api/v1/applications/{name}`. */
  async getApplication(locator: ApplicationLocator): Promise<RawApplication> {
    const what = `reading application '${locator.name}'`;
    const body = await this.#request({
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}`,
      query: locatorQuery(locator),
      what,
      application: locator.name,
    });
    if (
      !isRecord(body) ||
      !isRecord(body.metadata) ||
      typeof body.metadata.name !== 'string'
    ) {
      throw this.#badShape(what, 'an application', locator.name);
    }
    return body as RawApplication;
  }

  /** `GET /api/v1/applications/{name}/resource-tree`. */
  async getResourceTree(
    locator: ApplicationLocator,
  ): Promise<RawApplicationTree> {
    const what = `reading the resource tree of '${locator.name}'`;
    const body = await this.#request({
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}/resource-tree`,
      query: locatorQuery(locator),
      what,
      application: locator.name,
    });
    if (
      !isRecord(body) ||
      !(
        body.nodes === undefined ||
        body.nodes === null ||
        Array.isArray(body.nodes)
      )
    ) {
      throw this.#badShape(what, 'a resource tree', locator.name);
    }
    return body as RawApplicationTree;
  }

  /** `GET /api/v1/applications/{name}/revisions/{revision}/metadata`. */
  async getRevisionMetadata(
    locator: ApplicationLocator,
    revision: string,
    sourceIndex?: number,
  ): Promise<RawRevisionMetadata> {
    const what = `reading the metadata of revision '${revision}' of '${locator.name}'`;
    const body = await this.#request({
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}/revisions/${segment(
        revision,
      )}/metadata`,
      query: locatorQuery(locator, {
        sourceIndex:
          sourceIndex === undefined ? undefined : String(sourceIndex),
      }),
      what,
      application: locator.name,
    });
    if (!isRecord(body)) {
      throw this.#badShape(what, 'revision metadata', locator.name);
    }
    return body as RawRevisionMetadata;
  }

  async #login(username: string, password: string): Promise<string> {
    const what = `logging in as '${username}'`;
    const body = await this.#send(
      {
        method: 'POST',
        path: '/api/v1/session',
        body: { username, password },
        what,
      },
      undefined,
    );
    if (!isRecord(body) || typeof body.token !== 'string' || !body.token) {
      throw this.#badShape(what, 'a session token');
    }
    return body.token;
  }

  async #request(spec: RequestSpec): Promise<unknown> {
    const token = await this.#tokens.getToken();
    try {
      return await this.#send(spec, token);
    } catch (error) {
      if (!(error instanceof ArgoCdError) || error.code !== 'unauthorized') {
        throw error;
      }
      const fresh = await this.#tokens.refresh(token);
      if (fresh === undefined) {
        throw error;
      }
      this.#logger.info('Argo CD session rejected, logged in again', {
        instance: this.instance,
      });
      return await this.#send(spec, fresh);
    }
  }

  async #send(spec: RequestSpec, token: string | undefined): Promise<unknown> {
    const query = spec.query?.toString();
    const url = `${this.#instance.url}${spec.path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (spec.body !== undefined) headers['content-type'] = 'application/json';

    const started = Date.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw this.#transportError(spec, error);
    }
    this.#logger.debug('Argo CD request', {
      instance: this.instance,
      method: spec.method,
      path: spec.path,
      status: response.status,
      durationMs: Date.now() - started,
    });

    if (!response.ok) {
      throw this.#statusError(spec, response, text);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw this.#error(
        spec,
        'bad-response',
        `answered ${spec.what} with malformed JSON (${text.length} bytes)`,
      );
    }
  }

  #error(
    spec: Pick<RequestSpec, 'application'>,
    code: ArgoCdError['code'],
    detail: string,
    upstreamCode?: number,
  ): ArgoCdError {
    return new ArgoCdError({
      instance: this.instance,
      application: spec.application,
      code,
      upstreamCode,
      message: redact(
        `Argo CD instance '${this.instance}' ${detail}`,
        this.#tokens.secrets(),
      ),
    });
  }

  #badShape(what: string, expected: string, application?: string) {
    return this.#error(
      { application },
      'bad-response',
      `answered ${what} with JSON that is not ${expected}`,
    );
  }

  #transportError(spec: RequestSpec, error: unknown): ArgoCdError {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return this.#error(
        spec,
        'timeout',
        `did not answer ${spec.what} within ${this.#timeoutMs} ms`,
      );
    }
    const cause = (error as { cause?: { code?: unknown; message?: unknown } })
      ?.cause;
    const reason =
      typeof cause?.code === 'string'
        ? cause.code
        : String(cause?.message ?? (error as Error)?.message ?? error);
    return this.#error(
      spec,
      'unreachable',
      `could not be reached at ${this.#instance.url} while ${
        spec.what
      } (${reason})`,
    );
  }

  #statusError(spec: RequestSpec, response: Response, text: string) {
    const status = `${response.status}${
      response.statusText ? ` ${response.statusText}` : ''
    }`;
    const { message: upstream, code: upstreamCode } = upstreamError(text);
    const said = upstream ? `: ${upstream}` : '';
    const login = spec.path === '/api/v1/session';
    switch (response.status) {
      case 401:
        return this.#error(
          spec,
          'unauthorized',
          login
            ? `refused the login (${status}${said}); check the configured username and password`
            : `rejected the configured credentials while ${spec.what} (${status}${said}); check the token or the username and password`,
        );
      case 403:
        return this.#error(
          spec,
          'forbidden',
          `refused ${spec.what} (${status}${said}); the configured account needs Argo CD RBAC permission to get these applications`,
        );
      case 404:
        return this.#error(
          spec,
          'not-found',
          `found nothing while ${spec.what} (${status}${said})`,
          upstreamCode,
        );
      default:
        if (response.status >= 300 && response.status < 400) {
          const location = response.headers.get('location');
          return this.#error(
            spec,
            'bad-response',
            `answered ${spec.what} with a redirect (${status}${
              location ? ` to ${location.split('?')[0]}` : ''
            }); configure the URL the API answers on`,
          );
        }
        return this.#error(
          spec,
          'bad-response',
          `failed while ${spec.what} (${status}${said})`,
        );
    }
  }
}

/** Argo CD's error (`{"error", "message", "code"}`), or the start of a non-JSON body. */
function upstreamError(text: string): { message?: string; code?: number } {
  let message: string | undefined;
  let code: number | undefined;
  try {
    const body = JSON.parse(text);
    if (isRecord(body)) {
      const value = body.message ?? body.error;
      message = typeof value === 'string' ? value : undefined;
      code = typeof body.code === 'number' ? body.code : undefined;
    }
  } catch {
    const trimmed = text.trim();
    // Proxies in front of Argo CD answer with HTML pages; their title says it all.
    message = trimmed.startsWith('<')
      ? /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]
      : trimmed || undefined;
  }
  if (!message) {
    return { code };
  }
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return {
    code,
    message:
      oneLine.length > MAX_UPSTREAM_MESSAGE
        ? `${oneLine.slice(0, MAX_UPSTREAM_MESSAGE)}…`
        : oneLine,
  };
}
