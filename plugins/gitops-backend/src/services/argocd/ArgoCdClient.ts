import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  RawApplication,
  RawApplicationList,
  RawApplicationTree,
  RawRevisionMetadata,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { ArgoCdInstanceConfig } from '../../config/readArgoCdConfig';
import { redact } from '../shared/redact';
import { ArgoCdError } from './ArgoCdError';
import {
  statusFailure,
  transportFailure,
  type ArgoCdFailure,
  type RequestContext,
} from './argoCdFailures';
import {
  applicationListShape,
  applicationShape,
  resourceTreeShape,
  revisionMetadataShape,
  sessionShape,
  type AnswerShape,
} from './argoCdShapes';
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
    return this.#request(applicationListShape, {
      method: 'GET',
      path: '/api/v1/applications',
      query: params,
      what: 'listing applications',
    });
  }

  /** `GET /api/v1/applications/{name}`. */
  async getApplication(locator: ApplicationLocator): Promise<RawApplication> {
    return this.#request(applicationShape, {
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}`,
      query: locatorQuery(locator),
      what: `reading application '${locator.name}'`,
      application: locator.name,
    });
  }

  /** `GET /api/v1/applications/{name}/resource-tree`. */
  async getResourceTree(
    locator: ApplicationLocator,
  ): Promise<RawApplicationTree> {
    return this.#request(resourceTreeShape, {
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}/resource-tree`,
      query: locatorQuery(locator),
      what: `reading the resource tree of '${locator.name}'`,
      application: locator.name,
    });
  }

  /** `GET /api/v1/applications/{name}/revisions/{revision}/metadata`. */
  async getRevisionMetadata(
    locator: ApplicationLocator,
    revision: string,
    sourceIndex?: number,
  ): Promise<RawRevisionMetadata> {
    return this.#request(revisionMetadataShape, {
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}/revisions/${segment(
        revision,
      )}/metadata`,
      query: locatorQuery(locator, {
        sourceIndex:
          sourceIndex === undefined ? undefined : String(sourceIndex),
      }),
      what: `reading the metadata of revision '${revision}' of '${locator.name}'`,
      application: locator.name,
    });
  }

  async #login(username: string, password: string): Promise<string> {
    const session = await this.#send(
      sessionShape,
      {
        method: 'POST',
        path: '/api/v1/session',
        body: { username, password },
        what: `logging in as '${username}'`,
      },
      undefined,
    );
    return session.token;
  }

  async #request<T>(shape: AnswerShape<T>, spec: RequestSpec): Promise<T> {
    const token = await this.#tokens.getToken();
    try {
      return await this.#send(shape, spec, token);
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
      return await this.#send(shape, spec, fresh);
    }
  }

  async #send<T>(
    shape: AnswerShape<T>,
    spec: RequestSpec,
    token: string | undefined,
  ): Promise<T> {
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
      throw this.#error(spec, transportFailure(this.#context(spec), error));
    }
    this.#logger.debug('Argo CD request', {
      instance: this.instance,
      method: spec.method,
      path: spec.path,
      status: response.status,
      durationMs: Date.now() - started,
    });

    if (!response.ok) {
      throw this.#error(
        spec,
        statusFailure(
          this.#context(spec),
          {
            status: response.status,
            statusText: response.statusText,
            location: response.headers.get('location'),
          },
          text,
        ),
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.#error(spec, {
        code: 'bad-response',
        detail: `answered ${spec.what} with malformed JSON (${text.length} bytes)`,
      });
    }
    const parsed = shape.schema.safeParse(json);
    if (!parsed.success) {
      throw this.#error(spec, {
        code: 'bad-response',
        detail: `answered ${spec.what} with JSON that is not ${shape.description}`,
      });
    }
    return parsed.data as T;
  }

  #context(spec: RequestSpec): RequestContext {
    return {
      what: spec.what,
      login: spec.path === '/api/v1/session',
      url: this.#instance.url,
      timeoutMs: this.#timeoutMs,
    };
  }

  #error(
    spec: Pick<RequestSpec, 'application'>,
    failure: ArgoCdFailure,
  ): ArgoCdError {
    return new ArgoCdError({
      instance: this.instance,
      application: spec.application,
      code: failure.code,
      upstreamCode: failure.upstreamCode,
      message: redact(
        `Argo CD instance '${this.instance}' ${failure.detail}`,
        this.#tokens.secrets(),
      ),
    });
  }
}
