import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  RawApplication,
  RawApplicationList,
  RawApplicationTree,
  RawRevisionMetadata,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { ArgoCdInstanceConfig } from '../../config/readArgoCdConfig';
import {
  beforeDeadline,
  callSignal,
  callTimedOut,
  waitedFor,
  type Deadline,
} from '../shared/Deadline';
import {
  describeBodyFailure,
  formatBytes,
  isBodyFailure,
  readErrorText,
} from '../shared/readBoundedChunks';
import { MalformedJsonError, readJsonBody } from '../shared/readJsonBody';
import { readLines } from '../shared/readLines';
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
  itemMapping,
  ShapeMismatch,
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
import {
  parseWatchLine,
  type ApplicationWatchEvent,
} from './watch/watchEvents';

/** What an {@link ArgoCdClient} is created with. @public */
export interface ArgoCdClientOptions {
  instance: ArgoCdInstanceConfig;
  /** Longest wait for one call, within the caller's deadline. */
  timeoutMs: number;
  /** Largest answer read; a longer one is a `bad-response` naming the limit. */
  maxResponseBytes: number;
  logger: LoggerService;
}

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

/** How {@link ArgoCdClient.watchApplications} follows the stream. @public */
export interface WatchApplicationsOptions {
  /** Only changes from this version on (a list's `metadata.resourceVersion`). */
  resourceVersion?: string;
  /** Ends the watch; the call then resolves. */
  signal: AbortSignal;
  /** Called for each change, in order. What it throws ends the watch with that error. */
  onEvent(event: ApplicationWatchEvent): void;
}

/** Where an application lives, for the per-application calls. @public */
export interface ApplicationLocator {
  name: string;
  appNamespace?: string;
  /** Naming the project makes Argo CD answer 404 rather than 403 for a missing application. */
  project?: string;
}

/** Per-call options of the read methods. @public */
export interface ArgoCdCallOptions {
  /** The incoming request's deadline, shared by every call made for it. */
  deadline?: Deadline;
}

/** Bounds of one list call that differ from the client's (a watch's full list). @public */
export interface ArgoCdListOptions extends ArgoCdCallOptions {
  /** Longest wait for this call instead of the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Largest answer instead of the client's `maxResponseBytes`. */
  maxResponseBytes?: number;
  /** The setting a "too large" message tells to raise, when `maxResponseBytes` comes from another one. */
  maxResponseSetting?: string;
}

/** `POST …/sync` parameters beyond the application's locator. @public */
export interface SyncApplicationRequest {
  revision?: string;
  prune: boolean;
  dryRun: boolean;
}

/** `POST …/rollback` parameters beyond the application's locator. @public */
export interface RollbackApplicationRequest {
  /** The history id to redeploy. */
  id: number;
  prune: boolean;
  dryRun: boolean;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  /**
   * A call that changes something in Argo CD: sent exactly once, even after
   * a 401 (a write must never run twice), and refusals are worded as such.
   */
  write?: { rbacAction: 'get' | 'sync' };
  /** Path below the instance URL, built with {@link segment}. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  /** What the call does, for messages: "listing applications". */
  what: string;
  application?: string;
  deadline?: Deadline;
  /** For a list shape: applied to each item once it is parsed and checked. */
  mapItem?: (item: unknown) => unknown;
  /** Overrides of the client's bounds for this call. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxResponseSetting?: string;
}

/** What a "too large" message advises: raising the setting the call's bound comes from. */
function adviceOf(spec: RequestSpec): string | undefined {
  return spec.maxResponseSetting && `raise ${spec.maxResponseSetting}`;
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

/** The list and watch filters as query parameters. */
function listParams(query: ListApplicationsQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.name) params.set('name', query.name);
  if (query.selector) params.set('selector', query.selector);
  for (const project of query.projects ?? []) {
    params.append('projects', project);
  }
  if (query.appNamespace) params.set('appNamespace', query.appNamespace);
  if (query.fields?.length) params.set('fields', query.fields.join(','));
  return params;
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

/** The locator as the write requests' bodies carry it (Argo CD reads them from the body). */
function locatorBody(locator: ApplicationLocator): Record<string, string> {
  const body: Record<string, string> = { name: locator.name };
  if (locator.appNamespace) body.appNamespace = locator.appNamespace;
  if (locator.project) body.project = locator.project;
  return body;
}

/**
 * A small Argo CD REST API client for one instance: the read calls the
 * status views need and the three writes of the actions (refresh, sync,
 * rollback, each sent exactly once), bearer or session authentication (one
 * re-login and one retry of a read after a 401, a growing wait after a
 * refused login), a timeout per
 * call within the caller's deadline, a maximum answer size enforced while
 * the body streams in, JSON parsed without holding the event loop, and
 * every failure turned into an {@link ArgoCdError} with a
 * {@link SourceError} code.
 * @public
 */
export class ArgoCdClient {
  readonly #instance: ArgoCdInstanceConfig;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #logger: LoggerService;
  readonly #tokens: TokenProvider;

  static create(options: ArgoCdClientOptions): ArgoCdClient {
    return new ArgoCdClient(options);
  }

  private constructor(options: ArgoCdClientOptions) {
    this.#instance = options.instance;
    this.#timeoutMs = options.timeoutMs;
    this.#maxResponseBytes = options.maxResponseBytes;
    this.#logger = options.logger;
    const auth = options.instance.auth;
    this.#tokens =
      auth.type === 'token'
        ? new StaticTokenProvider(auth.token)
        : new SessionTokenProvider({
            login: () => this.#login(auth.username, auth.password),
            password: auth.password,
            isRefusal: error =>
              error instanceof ArgoCdError &&
              (error.code === 'unauthorized' || error.code === 'forbidden'),
            onRefusal: (error, retryInMs) =>
              this.#logger.warn(
                `${(error as Error).message}; no new login for ${Math.round(
                  retryInMs / 1000,
                )} s`,
                { instance: this.instance },
              ),
          });
  }

  /** The configured instance name. */
  get instance(): string {
    return this.#instance.name;
  }

  /** `GET /api/v1/applications`. */
  async listApplications(
    query: ListApplicationsQuery,
    options: ArgoCdCallOptions = {},
  ): Promise<RawApplicationList> {
    return this.#list(query, options);
  }

  /**
   * `GET /api/v1/applications`, each application passed through `map` as
   * soon as it is parsed: a list of thousands never holds every raw
   * application at once, which keeps memory and garbage collection pauses
   * small. An empty list (Go's `null`) maps to `[]`.
   */
  async mapApplications<T>(
    query: ListApplicationsQuery,
    map: (app: RawApplication) => T,
    options: ArgoCdCallOptions = {},
  ): Promise<T[]> {
    return (await this.mapApplicationList(query, map, options)).items;
  }

  /**
   * {@link ArgoCdClient.mapApplications} with the list's
   * `metadata.resourceVersion`, which a watch starts from.
   */
  async mapApplicationList<T>(
    query: ListApplicationsQuery,
    map: (app: RawApplication) => T,
    options: ArgoCdListOptions = {},
  ): Promise<{ items: T[]; resourceVersion?: string }> {
    const list = await this.#list(query, {
      ...options,
      mapItem: item => map(item as RawApplication),
    });
    const resourceVersion = list.metadata?.resourceVersion;
    return {
      items: (list.items ?? []) as unknown as T[],
      resourceVersion:
        typeof resourceVersion === 'string' ? resourceVersion : undefined,
    };
  }

  /**
   * `GET /api/v1/stream/applications`: calls `onEvent` for every change
   * Argo CD reports until the stream ends (resolves), `signal` aborts it
   * (resolves), or it fails (an {@link ArgoCdError}: refused, cut off, an
   * error line, a malformed or oversized line). There is no timeout: a
   * watch is meant to stay open, and Argo CD may send nothing for long.
   * Argo CD replays nothing it sent while no stream was open, so a caller
   * that reconnects must list again. One re-login after a 401, as reads do.
   */
  async watchApplications(
    query: ListApplicationsQuery,
    options: WatchApplicationsOptions,
  ): Promise<void> {
    const params = listParams(query);
    if (options.resourceVersion) {
      params.set('resourceVersion', options.resourceVersion);
    }
    const spec: RequestSpec = {
      method: 'GET',
      path: '/api/v1/stream/applications',
      query: params,
      what: 'watching applications',
    };
    const token = await this.#tokens.getToken();
    let response = await this.#openStream(spec, token, options.signal);
    if (response?.status === 401) {
      const fresh = await this.#tokens.refresh(token);
      if (fresh !== undefined) {
        await response.body?.cancel().catch(() => undefined);
        response = await this.#openStream(spec, fresh, options.signal);
      }
    }
    if (!response) {
      return;
    }
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
          await readErrorText(response.body).catch(() => ''),
        ),
      );
    }
    try {
      await readLines(response.body, {
        maxLineBytes: this.#maxResponseBytes,
        onLine: line => this.#onWatchLine(spec, line, options.onEvent),
      });
    } catch (error) {
      if (options.signal.aborted) {
        return;
      }
      if (error instanceof ArgoCdError) {
        throw error;
      }
      throw this.#error(
        spec,
        isBodyFailure(error)
          ? {
              code: 'bad-response',
              detail: describeBodyFailure(spec.what, error, adviceOf(spec)),
            }
          : transportFailure(this.#context(spec), error),
      );
    }
  }

  /** The stream's answer, or undefined once `signal` aborted it. */
  async #openStream(
    spec: RequestSpec,
    token: string | undefined,
    signal: AbortSignal,
  ): Promise<Response | undefined> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetch(
        `${this.#instance.url}${spec.path}?${spec.query?.toString() ?? ''}`,
        { headers, redirect: 'manual', signal },
      );
    } catch (error) {
      if (signal.aborted) {
        return undefined;
      }
      throw this.#error(spec, transportFailure(this.#context(spec), error));
    }
  }

  #onWatchLine(
    spec: RequestSpec,
    line: string,
    onEvent: (event: ApplicationWatchEvent) => void,
  ): void {
    const parsed = parseWatchLine(line);
    if ('event' in parsed) {
      onEvent(parsed.event);
    } else if ('error' in parsed) {
      throw this.#error(
        spec,
        statusFailure(this.#context(spec), parsed.error, parsed.error.text),
      );
    } else if ('malformed' in parsed) {
      throw this.#error(spec, {
        code: 'bad-response',
        detail: `answered ${spec.what} with a line that is not a watch event`,
      });
    }
  }

  #list(
    query: ListApplicationsQuery,
    options: ArgoCdListOptions & Pick<RequestSpec, 'mapItem'>,
  ): Promise<RawApplicationList> {
    return this.#request(applicationListShape, {
      method: 'GET',
      path: '/api/v1/applications',
      query: listParams(query),
      what: 'listing applications',
      deadline: options.deadline,
      mapItem: options.mapItem,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      maxResponseSetting: options.maxResponseSetting,
    });
  }

  /** `GET /api/v1/applications/{name}`. */
  async getApplication(
    locator: ApplicationLocator,
    options: ArgoCdCallOptions = {},
  ): Promise<RawApplication> {
    return this.#request(applicationShape, {
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}`,
      query: locatorQuery(locator),
      what: `reading application '${locator.name}'`,
      application: locator.name,
      deadline: options.deadline,
    });
  }

  /** `GET /api/v1/applications/{name}/resource-tree`. */
  async getResourceTree(
    locator: ApplicationLocator,
    options: ArgoCdCallOptions = {},
  ): Promise<RawApplicationTree> {
    return this.#request(resourceTreeShape, {
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}/resource-tree`,
      query: locatorQuery(locator),
      what: `reading the resource tree of '${locator.name}'`,
      application: locator.name,
      deadline: options.deadline,
    });
  }

  /** `GET /api/v1/applications/{name}/revisions/{revision}/metadata`. */
  async getRevisionMetadata(
    locator: ApplicationLocator,
    revision: string,
    sourceIndex?: number,
    options: ArgoCdCallOptions = {},
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
      deadline: options.deadline,
    });
  }

  /**
   * `GET /api/v1/applications/{name}?refresh=normal|hard`: Argo CD compares
   * Git with the cluster again (hard: without its manifest cache) and
   * answers the refreshed application. Sent once.
   */
  async refreshApplication(
    locator: ApplicationLocator,
    refresh: 'normal' | 'hard',
    options: ArgoCdCallOptions = {},
  ): Promise<RawApplication> {
    return this.#request(applicationShape, {
      method: 'GET',
      path: `/api/v1/applications/${segment(locator.name)}`,
      query: locatorQuery(locator, { refresh }),
      what: `refreshing application '${locator.name}'`,
      application: locator.name,
      deadline: options.deadline,
      write: { rbacAction: 'get' },
    });
  }

  /**
   * `POST /api/v1/applications/{name}/sync`: starts a sync operation and
   * answers the application with it. Sent once.
   */
  async syncApplication(
    locator: ApplicationLocator,
    request: SyncApplicationRequest,
    options: ArgoCdCallOptions = {},
  ): Promise<RawApplication> {
    return this.#request(applicationShape, {
      method: 'POST',
      path: `/api/v1/applications/${segment(locator.name)}/sync`,
      body: { ...locatorBody(locator), ...request },
      what: `syncing application '${locator.name}'`,
      application: locator.name,
      deadline: options.deadline,
      write: { rbacAction: 'sync' },
    });
  }

  /**
   * `POST /api/v1/applications/{name}/rollback`: starts a sync to what
   * history entry `id` deployed. Sent once.
   */
  async rollbackApplication(
    locator: ApplicationLocator,
    request: RollbackApplicationRequest,
    options: ArgoCdCallOptions = {},
  ): Promise<RawApplication> {
    return this.#request(applicationShape, {
      method: 'POST',
      path: `/api/v1/applications/${segment(locator.name)}/rollback`,
      body: { ...locatorBody(locator), ...request },
      what: `rolling back application '${locator.name}'`,
      application: locator.name,
      deadline: options.deadline,
      write: { rbacAction: 'sync' },
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
    if (spec.deadline?.signal.aborted) {
      // Too late to ask at all (e.g. metadata queued behind slow calls).
      throw this.#error(
        spec,
        transportFailure(this.#context(spec), callTimedOut()),
      );
    }
    const token = await this.#token(() => this.#tokens.getToken(), spec);
    try {
      return await this.#send(shape, spec, token);
    } catch (error) {
      if (
        spec.write ||
        !(error instanceof ArgoCdError) ||
        error.code !== 'unauthorized'
      ) {
        throw error;
      }
      const fresh = await this.#token(() => this.#tokens.refresh(token), spec);
      if (fresh === undefined) {
        throw error;
      }
      this.#logger.info('Argo CD session rejected, logged in again', {
        instance: this.instance,
      });
      return await this.#send(shape, spec, fresh);
    }
  }

  /** A token, waited for no longer than the request's deadline (a login is shared). */
  #token<T>(get: () => Promise<T>, spec: RequestSpec): Promise<T> {
    return beforeDeadline(get(), spec.deadline, () =>
      this.#error(spec, {
        code: 'timeout',
        detail: `did not answer the login for ${spec.what} ${waitedFor(
          spec.deadline,
          this.#timeoutMs,
        )}`,
      }),
    );
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
    const signal = callSignal(spec.deadline, spec.timeoutMs ?? this.#timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw this.#error(spec, transportFailure(this.#context(spec), error));
    }

    const notTheShape = () =>
      this.#error(spec, {
        code: 'bad-response',
        detail: `answered ${spec.what} with JSON that is not ${shape.description}`,
      });
    let json: unknown;
    let bytes = 0;
    let errorText = '';
    try {
      const contentLength = response.headers.get('content-length');
      if (response.ok) {
        ({ json, bytes } = await readJsonBody(response.body, {
          maxBytes: spec.maxResponseBytes ?? this.#maxResponseBytes,
          contentLength,
          mapping: itemMapping(shape, spec.mapItem),
        }));
      } else {
        errorText = await readErrorText(response.body, contentLength);
      }
    } catch (error) {
      if (error instanceof ShapeMismatch) {
        throw notTheShape();
      }
      if (error instanceof MalformedJsonError) {
        throw this.#error(spec, {
          code: 'bad-response',
          detail: `answered ${spec.what} with malformed JSON (${formatBytes(
            error.bytes,
          )})`,
        });
      }
      // However an abort surfaced while the body streamed in, it is a timeout.
      throw this.#error(
        spec,
        isBodyFailure(error) && !signal.aborted
          ? {
              code: 'bad-response',
              detail: describeBodyFailure(spec.what, error, adviceOf(spec)),
            }
          : transportFailure(
              this.#context(spec),
              signal.aborted ? callTimedOut() : error,
            ),
      );
    }
    this.#logger.debug('Argo CD request', {
      instance: this.instance,
      method: spec.method,
      path: spec.path,
      status: response.status,
      bytes,
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
          errorText,
        ),
      );
    }
    if (!shape.schema.safeParse(json).success) {
      throw notTheShape();
    }
    return json as T;
  }

  #context(spec: RequestSpec): RequestContext {
    return {
      what: spec.what,
      login: spec.path === '/api/v1/session',
      url: this.#instance.url,
      timeoutMs: spec.timeoutMs ?? this.#timeoutMs,
      deadline: spec.deadline,
      write: spec.write,
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
