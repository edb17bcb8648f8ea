import type { RecordedRequest } from './types';

/** Requests per `"<METHOD> <path>"` (path below the instance prefix, without the query), per instance. */
export type RequestCounts = Record<string, Record<string, number>>;

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
    const perInstance = (counts[request.instance] ??= {});
    const key = `${request.method} ${request.path}`;
    perInstance[key] = (perInstance[key] ?? 0) + 1;
  }
  return counts;
}
