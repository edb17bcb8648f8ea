import type { IncomingMessage } from 'node:http';
import {
  LabelSelectorError,
  parseLabelSelector,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ApiError, GrpcCode, appNotFound, permissionDenied } from './errors';
import { parseFieldSelection, selectListFields } from './fields';
import { CONTROLLER_NAMESPACE, InstanceStore } from './instanceStore';
import { matchesLabelSelector } from './labelSelector';
import { revisionMetadata, sourceForRequest } from './revisions';
import type { SessionStore } from './sessions';
import type { AppRecord, SimulatorOptions } from './types';

/**
 * The Argo CD REST routes one instance serves, with the semantics of Argo CD v2.13's API server
 * (server/application/application.go, server/session, server/version).
 */
export interface ApiContext {
  instance: InstanceStore;
  sessions: SessionStore;
  missingAppWithoutProject: NonNullable<
    SimulatorOptions['missingAppWithoutProject']
  >;
}

export interface ApiRequest {
  req: IncomingMessage;
  method: string;
  /** Path below the instance prefix. */
  path: string;
  query: URLSearchParams;
  readBody(): Promise<string>;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** The body already serialized, when it is cheaper to build as text. */
  json?: string;
}

const ok = (body: unknown): ApiAnswer => ({ status: 200, body });

// Stored apps never change, so each is serialized once: a full list of thousands of apps then costs a string join,
// which keeps the simulator's own overhead out of benchmark figures.
const serialized = new WeakMap<object, string>();
function toJson(value: object): string {
  let json = serialized.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    serialized.set(value, json);
  }
  return json;
}

const okJson = (body: object): ApiAnswer => ({
  status: 200,
  body,
  json: toJson(body),
});

const VERSION = {
  Version: 'v2.13.1+sim',
  BuildDate: '2024-11-20T17:06:44Z',
  GitCommit: 'af54ef8db5adfa77a08d4d05b1c9f2aa94f2a6a9',
  GitTag: 'v2.13.1',
  GitTreeState: 'clean',
  GoVersion: 'go1.22.9',
  Compiler: 'gc',
  Platform: 'linux/amd64',
  KustomizeVersion: 'v5.4.3 2024-07-19T16:40:33Z',
  HelmVersion: 'v3.15.4+gfa9efb0',
  KubectlVersion: 'v0.31.0',
  JsonnetVersion: 'v0.20.0',
};

/** grpc-gateway's answer when a query parameter does not parse as the declared integer type. */
function int32Param(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  if (!/^-?\d+$/.test(raw)) {
    throw new ApiError(
      GrpcCode.InvalidArgument,
      `type mismatch, parameter: ${name}, error: strconv.ParseInt: parsing "${raw}": invalid syntax`,
    );
  }
  return Number(raw);
}

/**
 * Argo CD's getAppEnforceRBAC: without a `project` a missing app is "permission denied" (403) so callers cannot
 * probe names; with one it is 404, and so is an app that exists in another project.
 */
function findApp(
  ctx: ApiContext,
  name: string,
  query: URLSearchParams,
): AppRecord {
  const namespace = query.get('appNamespace') || CONTROLLER_NAMESPACE;
  const project = query.get('project') || query.get('projects') || '';
  const record = ctx.instance.find(namespace, name);
  if (!record) {
    if (project || ctx.missingAppWithoutProject === 'not-found') {
      throw appNotFound(name);
    }
    throw permissionDenied();
  }
  const effectiveProject = record.application.spec.project || 'default';
  if (project && project !== effectiveProject) {
    throw appNotFound(name);
  }
  return record;
}

function listApplications(ctx: ApiContext, query: URLSearchParams): ApiAnswer {
  let selector;
  try {
    selector = parseLabelSelector(query.get('selector') ?? '');
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      // A plain Go error in Argo CD, hence gRPC Unknown / HTTP 500 rather than 400
      throw new ApiError(
        GrpcCode.Unknown,
        `error parsing the selector: ${error.message}`,
      );
    }
    throw error;
  }
  const appNamespace = query.get('appNamespace');
  const name = query.get('name');
  const projects = new Set(
    [...query.getAll('projects'), ...query.getAll('project')].filter(Boolean),
  );
  const repo = query.get('repo');
  // `resourceVersion` is accepted and ignored: Argo CD lists from its informer cache whatever is asked.
  const items = ctx.instance.apps
    .map(record => record.application)
    .filter(app => !appNamespace || app.metadata.namespace === appNamespace)
    .filter(app => matchesLabelSelector(selector, app.metadata.labels))
    .filter(app => !name || app.metadata.name === name)
    .filter(
      app => projects.size === 0 || projects.has(app.spec.project || 'default'),
    )
    // Argo CD compares the first source only (ApplicationSpec.GetSource), as an exact string
    .filter(
      app =>
        !repo || (app.spec.sources?.[0] ?? app.spec.source)?.repoURL === repo,
    );
  // Already in Argo CD's order (by name): the store keeps its apps sorted.
  const list = {
    metadata: { resourceVersion: ctx.instance.resourceVersion },
    items,
  };
  const selection = parseFieldSelection(query.get('fields') ?? undefined);
  if (selection) {
    return ok(selectListFields(list, selection));
  }
  const json = `{"metadata":${JSON.stringify(list.metadata)},"items":[${items
    .map(toJson)
    .join(',')}]}`;
  return { status: 200, body: list, json };
}

async function createSession(
  ctx: ApiContext,
  request: ApiRequest,
): Promise<ApiAnswer> {
  const raw = await request.readBody();
  let body: { username?: unknown; password?: unknown };
  try {
    body = raw.trim() ? JSON.parse(raw) : {};
  } catch {
    throw new ApiError(
      GrpcCode.InvalidArgument,
      'invalid character in request body: not valid JSON',
    );
  }
  const token = ctx.sessions.login(
    ctx.instance.name,
    body?.username,
    body?.password,
  );
  return ok({ token });
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Routes Argo CD serves to anonymous callers. */
  anonymous?: boolean;
  handle(
    ctx: ApiContext,
    params: string[],
    request: ApiRequest,
  ): ApiAnswer | Promise<ApiAnswer>;
}

const routes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/v1\/session$/,
    anonymous: true,
    handle: (ctx, _params, request) => createSession(ctx, request),
  },
  {
    method: 'GET',
    pattern: /^\/api\/version$/,
    anonymous: true,
    // Anonymous callers learn only the version; build details need a token.
    handle: (ctx, _params, request) =>
      ok(
        ctx.sessions.isAuthenticated(ctx.instance.name, request.req)
          ? VERSION
          : { Version: VERSION.Version },
      ),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/applications$/,
    handle: (ctx, _params, request) => listApplications(ctx, request.query),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/applications\/([^/]+)$/,
    handle: (ctx, [name], request) =>
      okJson(findApp(ctx, name, request.query).application),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/applications\/([^/]+)\/resource-tree$/,
    handle: (ctx, [name], request) =>
      ok(findApp(ctx, name, request.query).resourceTree()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/applications\/([^/]+)\/revisions\/([^/]+)\/metadata$/,
    handle: (ctx, [name, revision], { query }) => {
      const sourceIndex = int32Param(query, 'sourceIndex');
      const versionId = int32Param(query, 'versionId');
      const record = findApp(ctx, name, query);
      return ok(revisionMetadata(record, revision, sourceIndex, versionId));
    },
  },
  {
    method: 'GET',
    pattern:
      /^\/api\/v1\/applications\/([^/]+)\/revisions\/([^/]+)\/chartdetails$/,
    handle: (ctx, [name], { query }) => {
      const sourceIndex = int32Param(query, 'sourceIndex');
      const versionId = int32Param(query, 'versionId');
      const record = findApp(ctx, name, query);
      const source = sourceForRequest(
        record.application,
        sourceIndex,
        versionId,
      );
      if (!source.chart) {
        throw new ApiError(
          GrpcCode.Unknown,
          `no chart found for application: ${name}`,
        );
      }
      return ok(record.chartDetails ?? {});
    },
  },
];

/** Answers one API request of an instance; Argo CD errors become their HTTP status and `runtimeError` body. */
export async function handleArgoApi(
  ctx: ApiContext,
  request: ApiRequest,
): Promise<ApiAnswer> {
  try {
    for (const route of routes) {
      const match = route.pattern.exec(request.path);
      if (!match || route.method !== request.method) {
        continue;
      }
      if (!route.anonymous) {
        ctx.sessions.authenticate(ctx.instance.name, request.req);
      }
      const params = match.slice(1).map(decodeURIComponent);
      return await route.handle(ctx, params, request);
    }
    throw new ApiError(GrpcCode.NotFound, 'Not Found');
  } catch (error) {
    if (error instanceof ApiError) {
      return { status: error.status, body: error.body };
    }
    throw error;
  }
}
