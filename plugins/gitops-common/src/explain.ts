import { signalCategory, type SignalCategory } from './signals/vocabulary';
import type {
  Explanation,
  KnowledgeEntryMeta,
  KnowledgeKind,
  Signals,
} from './types';

/**
 * How much one matching signal counts. Each tier outweighs everything below
 * it combined, so an entry about a failure always ranks above one that only
 * shares generic settings. Steady statuses (`sync:Synced`, `health:Healthy`,
 * `operation:Succeeded`, `flux:ready`) count as `setting`.
 * @public
 */
export const SIGNAL_WEIGHTS: Readonly<Record<SignalCategory, number>> = {
  message: 1000,
  condition: 100,
  operation: 100,
  reason: 100,
  history: 100,
  health: 10,
  sync: 10,
  flux: 10,
  kind: 2,
  source: 2,
  setting: 1,
};

/**
 * Statuses that say nothing is wrong. They describe the application rather
 * than point at a problem, so they count like a setting: context that adds
 * to an entry's score but never makes it outrank one about a live problem.
 */
const STEADY_SIGNALS: ReadonlySet<string> = new Set([
  'sync:Synced',
  'health:Healthy',
  'operation:Succeeded',
  'flux:ready',
]);

const CONTEXT_CATEGORIES: ReadonlySet<SignalCategory | undefined> = new Set([
  'setting',
  'source',
  'kind',
]);

/** Tie-breakers, smaller than any signal weight. */
const KIND_BONUS: Record<KnowledgeKind, number> = {
  runbook: 0.3,
  question: 0.2,
  glossary: 0.1,
};

const MESSAGE_PREFIX = 'message:';

interface Match {
  /** What matched: a live signal, or `messages[i]` for raw message text. */
  key: string;
  weight: number;
  why: string;
  /** A steady status, setting, source or kind: says what the app is, not what is wrong. */
  context: boolean;
}

const MAX_WHY = 200;

/** `where: …text around the needle…`, short enough for one line. */
function excerpt(message: string, needle: string): string {
  if (message.length <= MAX_WHY) {
    return message;
  }
  const colon = message.indexOf(': ');
  const where = colon > 0 && colon < 60 ? message.slice(0, colon) : '';
  const at = message.toLowerCase().indexOf(needle);
  const start = Math.max(where ? colon + 2 : 0, at - 60);
  const end = Math.min(message.length, at + needle.length + 80);
  return `${where ? `${where}: ` : ''}${
    start > colon + 2 ? '…' : ''
  }${message.slice(start, end)}${end < message.length ? '…' : ''}`;
}

function weightOf(signal: string): number {
  if (STEADY_SIGNALS.has(signal)) {
    return SIGNAL_WEIGHTS.setting;
  }
  const category = signalCategory(signal);
  return category ? SIGNAL_WEIGHTS[category] : 1;
}

function isContext(signal: string): boolean {
  return (
    STEADY_SIGNALS.has(signal) || CONTEXT_CATEGORIES.has(signalCategory(signal))
  );
}

interface LiveView {
  signals: ReadonlySet<string>;
  messageSignals: ReadonlyArray<{ signal: string; text: string }>;
  messages: ReadonlyArray<{ original: string; text: string }>;
  facts: Record<string, string>;
}

function findMatch(wanted: string, live: LiveView): Match | undefined {
  const factOf = (signal: string) => live.facts[signal] ?? `matches ${signal}`;
  if (!wanted.startsWith(MESSAGE_PREFIX)) {
    return live.signals.has(wanted)
      ? {
          key: wanted,
          weight: weightOf(wanted),
          why: factOf(wanted),
          context: isContext(wanted),
        }
      : undefined;
  }
  const needle = wanted.slice(MESSAGE_PREFIX.length).trim().toLowerCase();
  if (!needle) {
    return undefined;
  }
  const named = live.messageSignals.find(message =>
    message.text.includes(needle),
  );
  if (named) {
    return {
      key: named.signal,
      weight: SIGNAL_WEIGHTS.message,
      why: factOf(named.signal),
      context: false,
    };
  }
  // Text no named pattern covers (e.g. `message:denied the request`) still counts.
  const index = live.messages.findIndex(message =>
    message.text.includes(needle),
  );
  if (index < 0) {
    return undefined;
  }
  return {
    key: `messages[${index}]`,
    weight: SIGNAL_WEIGHTS.message,
    why: excerpt(live.messages[index].original, needle),
    context: false,
  };
}

function matchesOf(entry: KnowledgeEntryMeta, live: LiveView): Match[] {
  const matches: Match[] = [];
  const seen = new Set<string>();
  for (const wanted of Array.isArray(entry.signals) ? entry.signals : []) {
    if (typeof wanted !== 'string') continue;
    const match = findMatch(wanted, live);
    if (match && !seen.has(match.key)) {
      seen.add(match.key);
      matches.push(match);
    }
  }
  return matches;
}

/**
 * The knowledge entries that apply to an application's live signals, best
 * first. An entry's `message:` signal matches case-insensitively as a
 * substring of any live `message:` signal (`message:immutable` matches
 * `message:field is immutable`), or failing that of a live message in
 * `signals.messages` (`message:denied the request`); other signals match
 * exactly. Entries are ranked by their strongest match (message first,
 * then condition/operation/reason/history, health/sync/flux, kind/source
 * and settings last), then by the sum of all matches (`score`), then by
 * kind: runbooks, questions, glossary entries. Statuses that say nothing
 * is wrong (`sync:Synced`, `health:Healthy`, `operation:Succeeded`,
 * `flux:ready`) weigh like settings. An entry matched only by such context
 * (steady statuses, settings, source, kind) is left out: explanations are
 * for what a signal calls for, so a healthy, synced application gets none.
 * `why` is the fact behind the strongest match.
 * @public
 */
export function explain(
  signals: Signals,
  entries: KnowledgeEntryMeta[],
  limit = 6,
): Explanation[] {
  const max = Math.floor(limit);
  if (!(max > 0)) {
    return [];
  }
  const liveSignals = Array.isArray(signals?.signals) ? signals.signals : [];
  const live: LiveView = {
    signals: new Set(liveSignals),
    messageSignals: liveSignals
      .filter(signal => signal.startsWith(MESSAGE_PREFIX))
      .map(signal => ({
        signal,
        text: signal.slice(MESSAGE_PREFIX.length).toLowerCase(),
      })),
    messages: (Array.isArray(signals?.messages) ? signals.messages : []).map(
      original => ({ original, text: original.toLowerCase() }),
    ),
    facts: signals?.facts ?? {},
  };

  const ranked: Array<Explanation & { strongest: number }> = [];
  const seenIds = new Set<string>();
  for (const entry of entries) {
    if (!entry || seenIds.has(entry.id)) continue;
    const matches = matchesOf(entry, live);
    // Context alone (Synced, auto-sync on, a Helm source) says what the app
    // is, not what is wrong: such an entry would only pad the list.
    if (!matches.some(match => !match.context)) continue;
    seenIds.add(entry.id);
    const strongest = matches.reduce((best, match) =>
      match.weight > best.weight ? match : best,
    );
    const score =
      matches.reduce((sum, match) => sum + match.weight, 0) +
      (KIND_BONUS[entry.kind] ?? 0);
    ranked.push({
      id: entry.id,
      title: entry.title,
      kind: entry.kind,
      why: strongest.why,
      score,
      strongest: strongest.weight,
    });
  }

  ranked.sort(
    (a, b) =>
      b.strongest - a.strongest ||
      b.score - a.score ||
      a.id.localeCompare(b.id),
  );
  return ranked
    .slice(0, max)
    .map(({ strongest: _strongest, ...explanation }) => explanation);
}
