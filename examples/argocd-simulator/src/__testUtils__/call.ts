import type { Simulator } from '../types';

export interface CallOptions {
  /** Defaults to the instance's static token; `null` sends no Authorization header. */
  token?: string | null;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  contentType: string | null;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: any;
}

/** One request to an instance of the simulator, with the body read and parsed. */
export async function call(
  simulator: Simulator,
  instance: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const token =
    options.token === undefined ? simulator.token(instance) : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) {
    headers.authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${simulator.instanceUrl(instance)}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    body,
  };
}
