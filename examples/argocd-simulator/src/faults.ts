import type { ServerResponse } from 'node:http';
import { sendTruncated } from './chunkedWriter';
import { runtimeErrorForStatus } from './errors';
import { sendOversizedAppList } from './oversizedAppList';
import type { FaultSpec } from './types';

/** Argo CD's streaming routes (grpc-gateway's server streams), which a `streamError` fault is for. */
export const isStreamPath = (path: string) =>
  path.startsWith('/api/v1/stream/');

/** Faults per instance, each cleared after `times` matching requests. */
export class FaultStore {
  private readonly faults = new Map<string, FaultSpec>();

  set(instance: string, fault: FaultSpec | undefined): void {
    if (fault === undefined) {
      this.faults.delete(instance);
    } else {
      validateFault(fault);
      this.faults.set(instance, { ...fault });
    }
  }

  get(instance: string): FaultSpec | undefined {
    return this.faults.get(instance);
  }

  all(): Record<string, FaultSpec> {
    return Object.fromEntries(this.faults);
  }

  /** The fault for this request, if any, counting it against `times`. */
  take(instance: string, path: string): FaultSpec | undefined {
    const fault = this.faults.get(instance);
    if (
      !fault ||
      (fault.pathIncludes && !path.includes(fault.pathIncludes)) ||
      (fault.streamError && !isStreamPath(path))
    ) {
      return undefined;
    }
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) {
        this.faults.delete(instance);
      }
    }
    return fault;
  }
}

function validateStreamFaultFields(fault: FaultSpec): void {
  const { streamError, streamErrorAfterEvents } = fault;
  if (
    streamError !== undefined &&
    typeof streamError !== 'boolean' &&
    !(typeof streamError === 'string' && streamError !== '')
  ) {
    throw new Error(
      `Invalid fault streamError ${String(
        streamError,
      )}: true or a non-empty message`,
    );
  }
  if (
    streamErrorAfterEvents !== undefined &&
    !(
      Number.isInteger(streamErrorAfterEvents) &&
      streamErrorAfterEvents >= 0 &&
      streamError
    )
  ) {
    throw new Error(
      'streamErrorAfterEvents is a non-negative integer and needs streamError',
    );
  }
}

export function validateFault(fault: FaultSpec): void {
  if (typeof fault !== 'object' || fault === null || Array.isArray(fault)) {
    throw new Error('A fault must be an object');
  }
  if (
    fault.status !== undefined &&
    !(
      Number.isInteger(fault.status) &&
      fault.status >= 100 &&
      fault.status <= 599
    )
  ) {
    throw new Error(`Invalid fault status ${String(fault.status)}`);
  }
  if (
    fault.latencyMs !== undefined &&
    !(typeof fault.latencyMs === 'number' && fault.latencyMs >= 0)
  ) {
    throw new Error(`Invalid fault latencyMs ${String(fault.latencyMs)}`);
  }
  if (
    fault.times !== undefined &&
    !(Number.isInteger(fault.times) && fault.times > 0)
  ) {
    throw new Error(`Invalid fault times ${String(fault.times)}`);
  }
  validateBodyFaultFields(fault);
  validateStreamFaultFields(fault);
  if (
    fault.status === undefined &&
    !fault.streamError &&
    !fault.timeout &&
    !fault.malformed &&
    fault.latencyMs === undefined &&
    fault.oversizeBytes === undefined &&
    fault.truncateAfterBytes === undefined
  ) {
    throw new Error(
      'A fault needs at least one of status, timeout, malformed, latencyMs, oversizeBytes, truncateAfterBytes or streamError',
    );
  }
}

/** The largest `oversizeBytes`: 4 GiB. */
export const MAX_OVERSIZE_BYTES = 2 ** 32;

/** Checks the fields that shape a body (`oversizeBytes`, `withContentLength`, `truncateAfterBytes`). */
export function validateBodyFaultFields(fault: {
  oversizeBytes?: unknown;
  withContentLength?: unknown;
  truncateAfterBytes?: unknown;
}): void {
  const { oversizeBytes, withContentLength, truncateAfterBytes } = fault;
  if (
    oversizeBytes !== undefined &&
    !(
      Number.isInteger(oversizeBytes) &&
      (oversizeBytes as number) > 0 &&
      (oversizeBytes as number) <= MAX_OVERSIZE_BYTES
    )
  ) {
    throw new Error(
      `Invalid fault oversizeBytes ${String(
        oversizeBytes,
      )}: an integer from 1 to ${MAX_OVERSIZE_BYTES}`,
    );
  }
  if (
    withContentLength !== undefined &&
    (typeof withContentLength !== 'boolean' || oversizeBytes === undefined)
  ) {
    throw new Error('withContentLength is a boolean and needs oversizeBytes');
  }
  if (
    truncateAfterBytes !== undefined &&
    !(
      Number.isInteger(truncateAfterBytes) &&
      (truncateAfterBytes as number) >= 0
    )
  ) {
    throw new Error(
      `Invalid fault truncateAfterBytes ${String(truncateAfterBytes)}`,
    );
  }
}

export const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

// What a proxy in front of Argo CD (ingress-nginx, an ALB) sends when the server is down or slow: HTML, not JSON.
const proxyStatuses = new Set([502, 504]);

function proxyPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * Applies a fault after its latency. Returns `'answered'` when the fault produced the response, `'held'` when the
 * request must never be answered, `'continue'` when the API should answer (only latency was injected, or the
 * answer is to be cut by `truncateAfterBytes`, see {@link sendAnswer}).
 */
export async function applyFault(
  fault: FaultSpec,
  res: ServerResponse,
): Promise<'answered' | 'held' | 'continue'> {
  if (fault.latencyMs) {
    await sleep(fault.latencyMs);
  }
  if (fault.timeout) {
    return 'held';
  }
  if (fault.status !== undefined) {
    const status = fault.status;
    if (fault.body !== undefined) {
      const isText = typeof fault.body === 'string';
      res.writeHead(status, {
        'content-type': isText
          ? 'text/plain; charset=utf-8'
          : 'application/json',
      });
      res.end(isText ? (fault.body as string) : JSON.stringify(fault.body));
    } else if (proxyStatuses.has(status)) {
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(
        proxyPage(status, status === 502 ? 'Bad Gateway' : 'Gateway Time-out'),
      );
    } else {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(runtimeErrorForStatus(status)));
    }
    return 'answered';
  }
  if (fault.malformed) {
    // Cut off mid-document, like a connection reset by a proxy after the headers were sent
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      '{"metadata":{"resourceVersion":"1"},"items":[{"metadata":{"name":"payments-api-pr',
    );
    return 'answered';
  }
  if (fault.oversizeBytes !== undefined) {
    await sendOversizedAppList(res, {
      ...fault,
      oversizeBytes: fault.oversizeBytes,
    });
    return 'answered';
  }
  return 'continue';
}

/** Sends an API answer, cut after `truncateAfterBytes` bytes when the fault says so. */
export async function sendAnswer(
  res: ServerResponse,
  status: number,
  json: string,
  fault: FaultSpec | undefined,
): Promise<void> {
  if (fault?.truncateAfterBytes !== undefined) {
    await sendTruncated(
      res,
      status,
      'application/json',
      json,
      fault.truncateAfterBytes,
    );
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(json);
}
