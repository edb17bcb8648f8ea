import { asRecord, asRecordArray, asUrl, copyStrings } from '../internal/json';
import type { ApplicationSource } from '../types';

/** An Argo CD `v1alpha1ApplicationSource` as our model, or undefined when it has no repository. */
export function toApplicationSource(
  raw: unknown,
): ApplicationSource | undefined {
  const source = asRecord(raw);
  const repoURL = asUrl(source?.repoURL);
  if (!source || !repoURL) {
    return undefined;
  }
  const result: ApplicationSource = { repoURL };
  return copyStrings(result, source, [
    'path',
    'targetRevision',
    'chart',
    'ref',
    'name',
  ]);
}

/** The sources of a multi-source list, keeping positions (sourceIndex) aligned. */
export function toApplicationSources(
  raw: unknown,
): ApplicationSource[] | undefined {
  const sources = asRecordArray(raw).map(
    source => toApplicationSource(source) ?? { repoURL: '' },
  );
  return sources.length > 0 ? sources : undefined;
}
