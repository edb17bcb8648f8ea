import { ApiError, GrpcCode } from '../errors';
import { headRevisions, isFullCommitSha } from '../operations/targetRevision';
import type { AppRecord } from '../types';

/**
 * What the repo server resolves a sync's revision to (server `resolveRevision`): a full commit SHA as is, the
 * target revision (or `HEAD`) to Git's head, a tag or an abbreviated SHA the scenario knows to its commit; a chart
 * version is taken as is. Anything else cannot be resolved.
 */
export function resolveRevision(record: AppRecord, requested: string): string {
  const app = record.application;
  const source = app.spec.source;
  if (source?.chart || isFullCommitSha(requested)) {
    return requested;
  }
  if (
    requested === (source?.targetRevision || 'HEAD') ||
    requested === 'HEAD'
  ) {
    return headRevisions(app, record.simulation)[0];
  }
  const lower = requested.toLowerCase();
  for (const [sha, metadata] of record.revisions) {
    if (
      metadata.tags?.includes(requested) ||
      (/^[0-9a-f]{7,}$/.test(lower) && sha.startsWith(lower))
    ) {
      return sha;
    }
  }
  // The repo server's error passed through the API server as an unknown gRPC error.
  throw new ApiError(
    GrpcCode.Unknown,
    `error resolving repo revision: rpc error: code = Unknown desc = Unable to resolve '${requested}' to a commit SHA`,
  );
}
