import { asRecord, asString } from './internal/json';

/** Labels read, in this order, for an application's environment. @public */
export const ENVIRONMENT_LABELS: readonly string[] = [
  'env',
  'environment',
  'app.kubernetes.io/environment',
];

/** The environment an object's `metadata.labels` name, for Argo CD and Flux alike. */
export function environmentOf(labels: unknown): string | undefined {
  const record = asRecord(labels);
  for (const label of ENVIRONMENT_LABELS) {
    const value = asString(record?.[label]);
    if (value) {
      return value;
    }
  }
  return undefined;
}
