import {
  asInteger,
  asMessage,
  asRecord,
  asRecordArray,
  asString,
  asStringArray,
} from '../internal/json';
import type { ApplicationSource, HistoryEntry } from '../types';
import type { RawApplication, RawRevisionMetadata } from './types';
import { toApplicationSource, toApplicationSources } from './normalizeSource';

/** Looks up commit metadata the caller fetched beforehand. @public */
export type RevisionMetadataLookup = (
  revision: string,
  sourceIndex?: number,
) => RawRevisionMetadata | undefined;

/** A revision whose metadata the history needs. @public */
export interface RevisionMetadataRequest {
  revision: string;
  /** Set for multi-source applications (Argo CD's `sourceIndex` query parameter). */
  sourceIndex?: number;
}

interface RawEntryView {
  raw: Record<string, unknown>;
  revision?: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  /** The application's current source(s), to tell charts from Git when an entry omits its own. */
  fallbackSource?: ApplicationSource;
  fallbackSources?: ApplicationSource[];
}

function entriesOf(app: RawApplication): RawEntryView[] {
  const root = asRecord(app);
  const spec = asRecord(root?.spec);
  const status = asRecord(root?.status);
  const specSource = toApplicationSource(spec?.source);
  const specSources = toApplicationSources(spec?.sources);
  return asRecordArray(status?.history)
    .map(raw => {
      const revisions = asStringArray(raw.revisions);
      const sources = toApplicationSources(raw.sources);
      return {
        raw,
        revision: asString(raw.revision) ?? revisions[0],
        revisions: revisions.length > 0 ? revisions : undefined,
        source: toApplicationSource(raw.source),
        sources,
        fallbackSource: specSource,
        fallbackSources: specSources,
      };
    })
    .reverse();
}

/** The Git revisions (not chart versions) of an entry, with their source index for multi-source. */
function gitRevisionsOf(entry: RawEntryView): RevisionMetadataRequest[] {
  if (entry.revisions) {
    const sources = entry.sources ?? entry.fallbackSources;
    return entry.revisions.flatMap((revision, sourceIndex) =>
      sources?.[sourceIndex]?.chart ? [] : [{ revision, sourceIndex }],
    );
  }
  if (!entry.revision || (entry.source ?? entry.fallbackSource)?.chart) {
    return [];
  }
  return [{ revision: entry.revision }];
}

/**
 * The revisions of `status.history` whose commit metadata (author, message,
 * date) the history shows, newest first and without duplicates. Fetch them
 * from `GET /api/v1/applications/{name}/revisions/{revision}/metadata` and
 * hand them to {@link normalizeApplicationDetail} via `revisionMetadata`.
 * Helm chart versions are left out: they have no commit.
 * @public
 */
export function revisionMetadataRequests(
  app: RawApplication,
  limit = Number.POSITIVE_INFINITY,
): RevisionMetadataRequest[] {
  const seen = new Set<string>();
  const requests: RevisionMetadataRequest[] = [];
  for (const entry of entriesOf(app)) {
    for (const request of gitRevisionsOf(entry)) {
      const key = `${request.sourceIndex ?? ''}:${request.revision}`;
      if (!seen.has(key) && requests.length < limit) {
        seen.add(key);
        requests.push(request);
      }
    }
  }
  return requests;
}

function lookupMetadata(
  entry: RawEntryView,
  lookup: RevisionMetadataLookup | undefined,
): RawRevisionMetadata | undefined {
  if (!lookup) {
    return undefined;
  }
  for (const { revision, sourceIndex } of gitRevisionsOf(entry)) {
    try {
      const metadata = asRecord(lookup(revision, sourceIndex));
      if (metadata) {
        return metadata as RawRevisionMetadata;
      }
    } catch {
      // A failing lookup only costs the author line, never the history.
    }
  }
  return undefined;
}

/** `status.history` newest first (Argo CD stores it oldest first), joined with commit metadata. */
export function toHistory(
  app: RawApplication,
  lookup?: RevisionMetadataLookup,
): HistoryEntry[] {
  return entriesOf(app).map(entry => {
    const { raw } = entry;
    const initiator = asRecord(raw.initiatedBy);
    const result: HistoryEntry = {
      // Go serialises a zero id, so a missing id can only mean 0.
      id: asInteger(raw.id) ?? 0,
      revision: entry.revision ?? '',
      deployedAt: asString(raw.deployedAt) ?? '',
    };
    if (entry.revisions) result.revisions = entry.revisions;
    const deployStartedAt = asString(raw.deployStartedAt);
    if (deployStartedAt) result.deployStartedAt = deployStartedAt;
    const initiatedBy =
      asString(initiator?.username) ??
      (initiator?.automated === true ? 'automated' : undefined);
    if (initiatedBy) result.initiatedBy = initiatedBy;
    if (entry.source) result.source = entry.source;
    if (entry.sources) result.sources = entry.sources;

    const metadata = lookupMetadata(entry, lookup);
    const author = asMessage(metadata?.author);
    const message = asMessage(metadata?.message);
    const date = asString(metadata?.date);
    if (author) result.author = author;
    if (message) result.message = message;
    if (date) result.date = date;
    return result;
  });
}
