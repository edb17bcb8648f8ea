import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec, RecordedRequest } from './types';

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

export async function handleControl(
  controls: SimulatorControls,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  readBody: (req: IncomingMessage) => Promise<string>,
): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    if (path === '/requests' && method === 'GET') {
      return send(res, 200, controls.requests);
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
    if (path === '/sessions/expire' && method === 'POST') {
      controls.expireSessions();
      return send(res, 204);
    }
    return send(res, 404, { error: `No control route ${method} /_sim${path}` });
  } catch (error) {
    return send(res, 400, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
