import { asRecord, asRecordArray, asString } from '../internal/json';
import type { ApplicationSource } from '../types';

/** An Argo CD `v1alpha1ApplicationSource` as our model, or undefined when it has no repository. */
export function toApplicationSource(
  raw: unknown,
): ApplicationSource | undefined {
  const source = asRecord(raw);
  const repoURL = asString(source?.repoURL);
  if (!source || !repoURL) {
    return undefined;
  }
  const result: ApplicationSource = { repoURL };
  const path = asString(source.path);
  const targetRevision = asString(source.targetRevision);
  const chart = asString(source.chart);
  const ref = asString(source.ref);
  const name = asString(source.name);
  if (path) result.path = path;
  if (targetRevision) result.targetRevision = targetRevision;
  if (chart) result.chart = chart;
  if (ref) result.ref = ref;
  if (name) result.name = name;
  return result;
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
