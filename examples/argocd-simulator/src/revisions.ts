import { ApiError, GrpcCode } from './errors';
import type {
  AppRecord,
  ArgoApplication,
  ArgoSource,
  RevisionMetadata,
} from './types';

/**
 * Revision lookups as Argo CD's API server and repo server do them (server/application/application.go
 * `getAppSourceBySourceIndexAndVersionId`, reposerver `GetRevisionMetadata`). Their errors are plain Go errors,
 * which reach HTTP as gRPC Unknown (500) with the Go message.
 */

const unknown = (message: string) => new ApiError(GrpcCode.Unknown, message);

/** The sources of an app spec, a history entry or a sync operation: `sources`, else the single `source`. */
export function sourcesOf(spec: {
  source?: ArgoSource;
  sources?: ArgoSource[];
}): ArgoSource[] {
  if (spec.sources && spec.sources.length > 0) {
    return spec.sources;
  }
  return spec.source ? [spec.source] : [];
}

/** The source a metadata/chart request is about: `sourceIndex` into the app's sources, or a history entry's. */
export function sourceForRequest(
  app: ArgoApplication,
  sourceIndex: number | undefined,
  versionId: number | undefined,
): ArgoSource {
  const wrap = (message: string) =>
    unknown(
      `error getting app source by source index and version ID: ${message}`,
    );
  let sources = sourcesOf(app.spec);
  if (versionId !== undefined) {
    const history = app.status?.history ?? [];
    if (history.length === 0) {
      throw wrap(
        `error getting source by version ID: version ID ${versionId} not found because the app has no history`,
      );
    }
    const entry = history.find(h => h.id === versionId);
    if (!entry) {
      throw wrap(
        `error getting source by version ID: revision history not found for version ID ${versionId}`,
      );
    }
    sources = sourcesOf(entry);
  }
  const index = sourceIndex ?? 0;
  if (index >= sources.length) {
    throw wrap(
      sources.length === 1
        ? `source index ${index} not found because there is only 1 source`
        : `source index ${index} not found because there are only ${sources.length} sources`,
    );
  }
  return sources[index];
}

/** The repo server only answers for resolved commits: a full or abbreviated (7+) hex SHA. */
export function isCommitSha(revision: string): boolean {
  return /^[0-9a-fA-F]{7,40}$/.test(revision);
}

/** Argo CD keeps the first line of a commit message and cuts it to 64 characters (util/text.Trunc). */
export function shortCommitMessage(message: string): string {
  const firstLine = message.split('\n', 1)[0];
  const characters = [...firstLine];
  return characters.length > 64
    ? `${characters.slice(0, 61).join('')}...`
    : firstLine;
}

/** `GET .../revisions/{revision}/metadata` for one app. */
export function revisionMetadata(
  record: AppRecord,
  revision: string,
  sourceIndex: number | undefined,
  versionId: number | undefined,
): RevisionMetadata {
  const source = sourceForRequest(record.application, sourceIndex, versionId);
  // A Helm chart "revision" is a chart version such as 2.4.1: the repo server refuses it before looking anything up.
  if (!isCommitSha(revision)) {
    throw unknown(`revision ${revision} must be resolved`);
  }
  const lower = revision.toLowerCase();
  const found =
    record.revisions.get(lower) ??
    [...record.revisions].find(([sha]) => sha.startsWith(lower))?.[1];
  if (!found || source.chart) {
    throw new ApiError(
      GrpcCode.NotFound,
      `revision ${revision} not found in repository ${source.repoURL}`,
    );
  }
  const metadata: RevisionMetadata = {
    author: found.author,
    date: found.date,
    message: shortCommitMessage(found.message),
  };
  if (found.tags?.length) {
    metadata.tags = found.tags;
  }
  if (found.signatureInfo) {
    metadata.signatureInfo = found.signatureInfo;
  }
  return metadata;
}
