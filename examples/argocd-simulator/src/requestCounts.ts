import type { RecordedRequest } from './types';

/** Requests per `"<METHOD> <path>"` (path below the instance prefix, without the query), per instance. */
export type RequestCounts = Record<string, Record<string, number>>;

/** Counts requests per `"<METHOD> <path>"`, e.g. `{"PATCH /apis/...": 2}`. */
export function countByMethodAndPath(
  requests: ReadonlyArray<{ method: string; path: string }>,
  counts: Record<string, number> = {},
): Record<string, number> {
  for (const { method, path } of requests) {
    const key = `${method} ${path}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Counts the recorded requests per instance and method + path; with `instance`, only that instance's (maybe none). */
export function countRequests(
  requests: readonly RecordedRequest[],
  instance?: string,
): RequestCounts {
  const counts: RequestCounts = instance ? { [instance]: {} } : {};
  for (const request of requests) {
    if (instance && request.instance !== instance) {
      continue;
    }
    countByMethodAndPath([request], (counts[request.instance] ??= {}));
  }
  return counts;
}
