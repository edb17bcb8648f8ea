import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface StubRequest {
  method: string;
  /** Raw path, percent-encoding kept. */
  path: string;
  /** Raw query string including `?`, or ''. */
  search: string;
  authorization?: string;
  body: string;
}

/** What a route answers: JSON, or a raw body. */
export interface StubAnswer {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Writes the response itself: streamed, cut off or never finished. */
  raw?: (res: ServerResponse) => void;
}

type Route = (request: StubRequest) => StubAnswer | Promise<StubAnswer>;

/**
 * A local HTTP server with routes keyed by `METHOD /path` (the path without
 * query). Unmatched requests answer 599 and are reported by `unmatched`, so
 * a test fails on any request it did not expect.
 *
 * (Used instead of msw: msw 1's interceptors crash Jest 30's global cleanup
 * when a worker runs another test file first.)
 */
export async function startStubServer() {
  const routes = new Map<string, Route>();
  const requests: StubRequest[] = [];
  const unmatched: string[] = [];

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const request: StubRequest = {
      method: req.method ?? 'GET',
      path: queryAt < 0 ? url : url.slice(0, queryAt),
      search: queryAt < 0 ? '' : url.slice(queryAt),
      authorization: req.headers.authorization,
      body: await read(req),
    };
    requests.push(request);
    const route = routes.get(`${request.method} ${request.path}`);
    if (!route) {
      unmatched.push(`${request.method} ${url}`);
      res.writeHead(599).end();
      return;
    }
    const answer = await route(request);
    if (answer.raw) {
      answer.raw(res);
      return;
    }
    const isJson = answer.json !== undefined;
    res.writeHead(answer.status ?? 200, {
      'content-type': isJson ? 'application/json' : 'text/plain',
      ...answer.headers,
    });
    res.end(isJson ? JSON.stringify(answer.json) : answer.text ?? '');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unmatched,
    /** Sets (or replaces) the answer of `METHOD /path`. */
    on(key: string, route: Route) {
      routes.set(key, route);
    },
    reset() {
      routes.clear();
      requests.length = 0;
      unmatched.length = 0;
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
