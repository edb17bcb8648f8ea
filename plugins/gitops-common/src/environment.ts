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

/** Environment words in deployment order; an index is a rank. */
const ENVIRONMENT_ORDER: ReadonlyArray<readonly string[]> = [
  ['local', 'dev', 'develop', 'development', 'sandbox'],
  ['test', 'testing', 'qa', 'int', 'integration', 'ci'],
  ['staging', 'stage', 'stg', 'preprod', 'pre-prod', 'uat', 'preview'],
  ['prod', 'production', 'prd', 'live'],
];

function rankOfWord(word: string | undefined): number | undefined {
  if (!word) {
    return undefined;
  }
  const lower = word.toLocaleLowerCase('en-US');
  const rank = ENVIRONMENT_ORDER.findIndex(words => words.includes(lower));
  return rank === -1 ? undefined : rank;
}

/**
 * The rank of an application's environment in deployment order (0 = dev …
 * 3 = prod), from its `environment` or, failing that, the last word of its
 * name (`payments-api-prod`); undefined when neither names a known one.
 */
export function environmentRank(app: {
  name: string;
  environment?: string;
}): number | undefined {
  const lastWord = app.name.split(/[-_.]/).pop();
  return rankOfWord(app.environment) ?? rankOfWord(lastWord);
}
