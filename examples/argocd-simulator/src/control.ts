import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RepoCredentialsLeak } from './repoCredentials';
import type { RequestCounts } from './requestCounts';
import type { ArgoApplication, FaultSpec, RecordedRequest } from './types';

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
    const appPath = /^\/applications\/([^/]+)\/([^/]+)$/.exec(path);
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
