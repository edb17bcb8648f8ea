import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RepoCredentialsLeak } from './repoCredentials';
import type { RequestCounts } from './requestCounts';
import { parseStatusChange } from './appChanges';
import type {
  ApplicationStatusChange,
  ArgoApplication,
  FaultSpec,
  RecordedRequest,
} from './types';

/**
 * `/_sim/...`: the HTTP twin of the programmatic knobs, for the demo and for benchmarks run from other processes.
 * Deliberately unauthenticated; the simulator binds to 127.0.0.1 by default.
 */
export interface SimulatorControls {
  setFault(instance: string, fault: FaultSpec | undefined): void;
  getFaults(): Record<string, FaultSpec>;
  setLatency(ms: number): void;
  expireSessions(): void;
  requests: RecordedRequest[];
  resetRequests(): void;
  requestCounts(instance?: string): RequestCounts;
  leakRepoCredentials(
    instance: string,
    leak: RepoCredentialsLeak,
  ): ArgoApplication;
  clearRepoCredentialLeaks(): void;
  resetState(): void;
  application(
    instance: string,
    name: string,
    appNamespace?: string,
  ): ArgoApplication | undefined;
  setApplicationStatus(
    instance: string,
    name: string,
    change: ApplicationStatusChange,
  ): ArgoApplication;
  putApplication(
    instance: string,
    application: ArgoApplication,
  ): ArgoApplication;
  deleteApplication(
    instance: string,
    name: string,
    appNamespace?: string,
  ): ArgoApplication;
  openStreams(instance?: string): number;
  dropStreams(instance?: string): number;
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(
  req: IncomingMessage,
  readBody: (req: IncomingMessage) => Promise<string>,
): Promise<unknown> {
  const text = await readBody(req);
  return text.trim() ? JSON.parse(text) : {};
}

/** `POST /_sim/repo-credentials/<instance>/<app>` with `{appNamespace?, credentials?}`. */
async function leakCredentials(
  controls: SimulatorControls,
  instance: string,
  app: string,
  body: unknown,
): Promise<ArgoApplication> {
  const { appNamespace, credentials } = (body ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries({ appNamespace, credentials })) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new Error(`${name} must be a non-empty string`);
    }
  }
  return controls.leakRepoCredentials(instance, {
    app,
    appNamespace: appNamespace as string | undefined,
    credentials: credentials as string | undefined,
  });
}

/**
 * `/_sim/applications/<instance>/<app>`, the writes a controller or `kubectl` would make, each seen by watch streams:
 * `POST` `{appNamespace?, health?: {status, message?}, sync?: {status}}` changes the status (MODIFIED); `PUT` with a
 * whole Application document adds the app (ADDED) or replaces it (MODIFIED), its `metadata.name` that of the path (or
 * absent), its namespace `metadata.namespace`, else `?appNamespace=`, else `argocd`; `DELETE [?appNamespace=]`
 * deletes it (DELETED). Each answers the app's document as stored (for DELETE, as its event carried it).
 */
async function changeApplication(
  controls: SimulatorControls,
  method: string,
  appPath: RegExpExecArray,
  query: URLSearchParams,
  body: () => Promise<unknown>,
): Promise<ArgoApplication> {
  const [instance, name] = appPath.slice(1).map(decodeURIComponent);
  const appNamespace = query.get('appNamespace') || undefined;
  if (method === 'POST') {
    return controls.setApplicationStatus(
      instance,
      name,
      parseStatusChange(await body()),
    );
  }
  if (method === 'PUT') {
    const application = (await body()) as ArgoApplication;
    const metadata = application?.metadata ?? {};
    if (metadata.name !== undefined && metadata.name !== name) {
      throw new Error(
        `metadata.name ${String(
          metadata.name,
        )} is not ${name}, the name in the path`,
      );
    }
    return controls.putApplication(instance, {
      ...application,
      metadata: {
        ...metadata,
        name,
        namespace: metadata.namespace || appNamespace || '',
      },
    });
  }
  return controls.deleteApplication(instance, name, appNamespace);
}

export async function handleControl(
  controls: SimulatorControls,
  path: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  readBody: (req: IncomingMessage) => Promise<string>,
): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    const instance = query.get('instance') || undefined;
    if (path === '/requests' && method === 'GET') {
      return send(
        res,
        200,
        instance
          ? controls.requests.filter(r => r.instance === instance)
          : controls.requests,
      );
    }
    if (path === '/requests/counts' && method === 'GET') {
      return send(res, 200, controls.requestCounts(instance));
    }
    if (path === '/requests' && method === 'DELETE') {
      controls.resetRequests();
      return send(res, 204);
    }
    if (path === '/faults' && method === 'GET') {
      return send(res, 200, controls.getFaults());
    }
    const faultPath = /^\/faults\/([^/]+)$/.exec(path);
    if (faultPath && (method === 'POST' || method === 'PUT')) {
      const fault = (await readJson(req, readBody)) as FaultSpec;
      controls.setFault(decodeURIComponent(faultPath[1]), fault);
      return send(res, 200, { instance: faultPath[1], fault });
    }
    if (faultPath && method === 'DELETE') {
      controls.setFault(decodeURIComponent(faultPath[1]), undefined);
      return send(res, 204);
    }
    if (path === '/latency' && (method === 'POST' || method === 'PUT')) {
      const { ms } = (await readJson(req, readBody)) as { ms?: unknown };
      if (typeof ms !== 'number' || ms < 0) {
        return send(res, 400, {
          error: 'Body must be {"ms": <non-negative number>}',
        });
      }
      controls.setLatency(ms);
      return send(res, 200, { ms });
    }
    const leakPath = /^\/repo-credentials\/([^/]+)\/([^/]+)$/.exec(path);
    if (leakPath && (method === 'POST' || method === 'PUT')) {
      const application = await leakCredentials(
        controls,
        decodeURIComponent(leakPath[1]),
        decodeURIComponent(leakPath[2]),
        await readJson(req, readBody),
      );
      return send(res, 200, application);
    }
    if (path === '/repo-credentials' && method === 'DELETE') {
      controls.clearRepoCredentialLeaks();
      return send(res, 204);
    }
    if (path === '/sessions/expire' && method === 'POST') {
      controls.expireSessions();
      return send(res, 204);
    }
    if (path === '/state/reset' && method === 'POST') {
      controls.resetState();
      return send(res, 204);
    }
    if (path === '/streams' && method === 'GET') {
      return send(res, 200, { open: controls.openStreams(instance) });
    }
    if (path === '/streams/drop' && method === 'POST') {
      return send(res, 200, { dropped: controls.dropStreams(instance) });
    }
    const appPath = /^\/applications\/([^/]+)\/([^/]+)$/.exec(path);
    if (appPath && ['POST', 'PUT', 'DELETE'].includes(method)) {
      return send(
        res,
        200,
        await changeApplication(controls, method, appPath, query, () =>
          readJson(req, readBody),
        ),
      );
    }
    if (appPath && method === 'GET') {
      const [appInstance, name] = appPath.slice(1).map(decodeURIComponent);
      const application = controls.application(
        appInstance,
        name,
        query.get('appNamespace') || undefined,
      );
      return application
        ? send(res, 200, application)
        : send(res, 404, {
            error: `No application ${name} in ${appInstance}`,
          });
    }
    return send(res, 404, { error: `No control route ${method} /_sim${path}` });
  } catch (error) {
    return send(res, 400, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
