import { queryTerms } from './text';

/**
 * What people type → the words the knowledge base uses for it. Applied to
 * queries only (the content keeps its precise words); an expansion is an
 * alternative to what was typed, worth less than a match of the words
 * themselves. Keys are one word or two adjacent words (stop words are
 * skipped: "put it back" is `put back`).
 */
const EVERYDAY_WORDS: Array<[string, string[]]> = [
  // secrets
  ['password', ['secret', 'credentials']],
  ['passwords', ['secret', 'credentials']],
  ['token', ['secret', 'credentials']],
  ['api key', ['secret', 'credentials']],
  ['encrypt', ['secret', 'sops', 'sealed secrets']],
  ['vault', ['secret', 'external secrets']],
  // sync windows
  ['freeze', ['sync window']],
  ['frozen', ['sync window']],
  ['blackout', ['sync window']],
  ['holiday', ['sync window']],
  ['block deploys', ['sync window']],
  // alerting
  ['paged', ['alert', 'notification']],
  ['page', ['alert', 'notification']],
  ['pager', ['alert', 'notification']],
  ['pagerduty', ['alert', 'notification']],
  ['oncall', ['alert', 'notification']],
  ['slack', ['alert', 'notification']],
  ['notify', ['alert', 'notification']],
  ['monitor', ['observability', 'metrics']],
  ['dashboard', ['observability', 'metrics']],
  // self-heal
  ['put back', ['self heal']],
  ['puts back', ['self heal']],
  ['putting back', ['self heal']],
  ['changes back', ['self heal']],
  ['change back', ['self heal']],
  ['overwrites', ['self heal', 'drift']],
  ['undoes', ['self heal']],
  ['manual change', ['self heal', 'drift']],
  ['hand edit', ['self heal', 'drift']],
  ['kubectl edit', ['self heal', 'drift']],
  // prune
  ['delete', ['prune']],
  ['deleted', ['prune']],
  ['deleting', ['prune']],
  ['removed', ['prune']],
  ['disappeared', ['prune', 'missing']],
  ['vanished', ['prune', 'missing']],
  ['gone', ['prune', 'missing']],
  // rollback
  ['undo', ['rollback', 'revert']],
  ['go back', ['rollback']],
  ['roll back', ['rollback']],
  ['previous version', ['rollback']],
  ['downgrade', ['rollback']],
  ['bad deploy', ['rollback', 'degraded']],
  ['bad release', ['rollback', 'degraded']],
  // audit
  ['blame', ['audit']],
  ['compliance', ['audit']],
  // environments and promotion
  ['promote', ['promotion', 'environment']],
  ['staging', ['environment']],
  ['preview', ['applicationset', 'pull request generator']],
  // comparisons
  ['compare', ['versus']],
  ['better', ['versus']],
  ['choose', ['versus']],
  ['pick', ['versus']],
  // ordering
  ['order', ['sync wave', 'hook']],
  ['ordering', ['sync wave', 'hook']],
  ['sequence', ['sync wave']],
  // symptoms
  ['crashing', ['CrashLoopBackOff']],
  ['crashloop', ['CrashLoopBackOff']],
  ['restarting', ['CrashLoopBackOff']],
  ['hanging', ['stuck', 'progressing']],
  ['forever', ['stuck', 'progressing']],
  ['not showing', ['out of sync', 'refresh']],
  ['not updating', ['out of sync', 'refresh']],
  ['old version', ['out of sync', 'refresh']],
  ['site down', ['healthy but broken']],
  // drift and loops
  ['flapping', ['sync loop']],
  ['flaps', ['sync loop']],
  ['flipping', ['sync loop']],
  ['back and forth', ['sync loop']],
  ['mismatch', ['drift']],
  ['diverged', ['drift']],
  ['longer match', ['drift']],
  ['doesn match', ['drift']],
  // desired and live state
  ['really running', ['live state']],
  ['actually running', ['live state']],
  // noticing changes
  ['notice', ['refresh', 'webhook']],
  ['notices', ['refresh', 'webhook']],
  ['pick up', ['refresh', 'webhook']],
  ['picks up', ['refresh', 'webhook']],
  // order
  ['created before', ['sync wave', 'hook']],
  ['run before', ['sync wave', 'hook']],
  ['runs before', ['sync wave', 'hook']],
  ['apply first', ['sync wave']],
  // who does the work
  ['watches git', ['operator', 'reconciliation']],
  ['parts', ['components', 'architecture']],
  ['pieces', ['components', 'architecture']],
  // images
  ['new tag', ['image automation']],
  ['latest tag', ['image automation']],
  ['new image', ['image automation']],
  // emergencies
  ['hotfix', ['emergency']],
  ['urgent', ['emergency']],
  // delivery styles and tools
  ['gradual', ['progressive delivery', 'canary']],
  ['gradually', ['progressive delivery', 'canary']],
  ['percent', ['progressive delivery', 'canary']],
  ['traffic', ['progressive delivery', 'canary']],
  ['canary', ['progressive delivery']],
  ['blue green', ['progressive delivery']],
  ['bluegreen', ['progressive delivery']],
  ['terraform', ['infrastructure as code']],
  ['pulumi', ['infrastructure as code']],
  ['read only', ['rbac']],
  ['readonly', ['rbac']],
  ['view only', ['rbac']],
  ['permission', ['rbac']],
  ['permissions', ['rbac']],
  ['access', ['rbac']],
  ['tenant', ['multi tenancy', 'appproject']],
  ['tenants', ['multi tenancy', 'appproject']],
  ['fleet', ['multi cluster']],
  ['many clusters', ['multi cluster']],
  ['pipeline', ['ci']],
  ['jenkins', ['ci']],
  ['github actions', ['ci']],
  ['scaffold', ['golden path', 'template']],
  // operations
  ['backup', ['disaster recovery']],
  ['restore', ['disaster recovery']],
  ['recover', ['disaster recovery']],
  ['died', ['disaster recovery']],
  ['lost', ['disaster recovery']],
  ['rotate', ['rotation', 'credentials']],
  ['expired', ['rotation', 'credentials']],
  ['slow', ['scale', 'performance']],
  ['thousands', ['scale', 'sharding']],
  ['lag', ['scale', 'performance']],
];

/** Normalized key (one or two terms joined by a space) → normalized phrases. */
const EXPANSIONS = new Map<string, string[][]>();
for (const [key, phrases] of EVERYDAY_WORDS) {
  // `delete`, `deleted` and `deleting` share a key: keep each phrase once.
  const normalizedKey = queryTerms(key).join(' ');
  const known = EXPANSIONS.get(normalizedKey) ?? [];
  const joined = new Set(known.map(phrase => phrase.join(' ')));
  for (const phrase of phrases.map(queryTerms)) {
    if (!joined.has(phrase.join(' '))) known.push(phrase);
    joined.add(phrase.join(' '));
  }
  EXPANSIONS.set(normalizedKey, known);
}

/** Adjacent query terms that stand for one thing, and what the content calls it. */
export interface TermGroup {
  terms: string[];
  alternatives: string[][];
}

/** The query terms in groups: a two-word everyday phrase is one group. */
export function groupEverydayWords(terms: string[]): TermGroup[] {
  const groups: TermGroup[] = [];
  for (let i = 0; i < terms.length; i++) {
    const pair =
      i + 1 < terms.length
        ? EXPANSIONS.get(`${terms[i]} ${terms[i + 1]}`)
        : undefined;
    if (pair) {
      groups.push({ terms: [terms[i], terms[i + 1]], alternatives: pair });
      i++;
    } else {
      groups.push({
        terms: [terms[i]],
        alternatives: EXPANSIONS.get(terms[i]) ?? [],
      });
    }
  }
  return groups;
}
