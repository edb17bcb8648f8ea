import http, { type Agent, type IncomingMessage } from 'node:http';
import https from 'node:https';

/** A response whose body is read by the caller. */
export interface HttpResponse {
  status: number;
  contentLength?: string;
  /** The body; a connection that closes before it ends makes it throw. */
  body: IncomingMessage;
}

/**
 * One request with Node's own http client and the agent (TLS settings) and
 * headers `@kubernetes/client-node` prepared. Unlike `node-fetch` 2, a body
 * cut off by the server surfaces as an error instead of never ending.
 */
export function httpRequest(
  url: string,
  options: {
    method: 'GET' | 'PATCH';
    agent?: Agent;
    headers: Record<string, string>;
    signal: AbortSignal;
    body?: string;
  },
): Promise<HttpResponse> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: options.method,
        agent: options.agent,
        headers: options.headers,
        signal: options.signal,
      },
      response => {
        resolve({
          status: response.statusCode ?? 0,
          contentLength: response.headers['content-length'],
          body: response,
        });
      },
    );
    request.once('error', reject);
    request.end(options.body);
  });
}
