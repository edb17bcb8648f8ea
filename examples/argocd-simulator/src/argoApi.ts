import {
  ok,
  type ApiAnswer,
  type ApiContext,
  type ApiRequest,
} from './apiContext';
import { lookupApp } from './appLookup';
import { ApiError, GrpcCode } from './errors';
import { parseFieldSelection, selectListFields } from './fields';
import { matchesLabelSelector, selectorParam } from './labelSelector';
import { revisionMetadata, sourceForRequest } from './revisions';
import { toJson } from './serializedJson';
import type { AppRecord } from './types';
import { watchQuery } from './watch/watchQuery';
import { refreshApp } from './writes/refresh';
import { parseJsonBody } from './writes/requestBody';
import { rollbackApp } from './writes/rollback';
import { syncApp } from './writes/sync';

export type { ApiAnswer, ApiContext, ApiRequest } from './apiContext';

/*
 * The Argo CD REST routes one instance serves, with the semantics of Argo CD v2.13's API server
 * (server/application/application.go, server/session, server/version); the writes live in ./writes.
 */

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

/** The app a read names with its `appNamespace` and `project`/`projects` query parameters. */
function findApp(
  ctx: ApiContext,
  name: string,
  query: URLSearchParams,
): AppRecord {
  return lookupApp(ctx, name, {
    appNamespace: query.get('appNamespace') ?? undefined,
    project: query.get('project') || query.get('projects') || undefined,
  });
}

/** `GET /api/v1/applications/{name}`; with `refresh` (any value; `hard` also drops caches) the app is refreshed first. */
function getApplication(ctx: ApiContext, name: string, query: URLSearchParams) {
  const record = findApp(ctx, name, query);
  return okJson(
    query.has('refresh')
      ? refreshApp(ctx.instance, record)
      : record.application,
  );
}

function listApplications(ctx: ApiContext, query: URLSearchParams): ApiAnswer {
  const selector = selectorParam(query, 'error parsing the selector');
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
  const body = parseJsonBody(await request.readBody());
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
    pattern: /^\/api\/v1\/stream\/applications$/,
    // Checked before anything is streamed: a bad selector is answered like any error, with its HTTP status.
    handle: (_ctx, _params, request) => ({
      status: 200,
      body: undefined,
      watch: watchQuery(request.query),
    }),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/applications\/([^/]+)$/,
    handle: (ctx, [name], request) => getApplication(ctx, name, request.query),
  },
  {
    method: 'POST',
    pattern: /^\/api\/v1\/applications\/([^/]+)\/sync$/,
    handle: (ctx, [name], request) => syncApp(ctx, name, request),
  },
  {
    method: 'POST',
    pattern: /^\/api\/v1\/applications\/([^/]+)\/rollback$/,
    handle: (ctx, [name], request) => rollbackApp(ctx, name, request),
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
        request.account = ctx.sessions.authenticate(
          ctx.instance.name,
          request.req,
        );
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
