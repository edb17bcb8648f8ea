import {
  KnowledgeEntry,
  KnowledgeQuery,
  KnowledgeSearchHit,
  KnowledgeSearchResponse,
  TextSegment,
} from '@gitops-guide/backstage-plugin-gitops-common';
import MiniSearch, { Query, SearchOptions, SearchResult } from 'minisearch';
import {
  highlightSnippets,
  preparedTerms,
  prepareText,
  PreparedText,
} from './highlight';
import { toSummary } from './entrySummary';
import { sortEntries } from './entryOrder';
import { snippetToHtml } from './snippetHtml';
import { indexTerms, queryTerms, splitCompound } from './text';

/** What a match in each field is worth, relative to the body. */
const FIELD_BOOSTS = {
  title: 4,
  topics: 3,
  signals: 2,
  summary: 2,
  body: 1,
};

/**
 * Words that ask "what is wrong and how do I fix it". For these, and for the
 * symptoms a runbook lists in its own `signals`, runbooks outrank the
 * explanations: someone typing them is troubleshooting, not studying.
 */
const TROUBLESHOOTING_TERMS = new Set([
  'broken',
  'debug',
  'error',
  'errors',
  'fail',
  'failed',
  'failing',
  'failure',
  'fix',
  'stuck',
  'troubleshoot',
  'troubleshooting',
]);
const RUNBOOK_BOOST = 1.5;

/** Terms shorter than this get neither prefix nor fuzzy expansion: too many neighbours. */
const MIN_EXPANDED_TERM = 3;
const MIN_FUZZY_TERM = 5;

type IndexedField = keyof typeof FIELD_BOOSTS;
type IndexedDocument = Record<IndexedField | 'id', string>;

interface Prepared {
  entry: KnowledgeEntry;
  summary: PreparedText;
  body: PreparedText;
  /** Symptom words of a runbook's own signals (`immutable`, `outofsync`). */
  symptoms: ReadonlySet<string>;
}

/**
 * Full-text search over the knowledge entries (MiniSearch, BM25+): field
 * boosts, prefix and fuzzy matching, compounds (`selfheal` = `self heal` =
 * `self-heal`), AND with a fallback to OR, filters and highlighted snippets.
 */
export class KnowledgeSearchIndex {
  private readonly index: MiniSearch<IndexedDocument>;
  private readonly prepared = new Map<string, Prepared>();
  private readonly ordered: KnowledgeEntry[];
  /** Every indexed word, for splitting glued query words. */
  private readonly vocabulary = new Set<string>();
  /** Terms of the texts already prepared for highlighting, so they are tokenized once. */
  private readonly tokenized = new Map<string, string[]>();

  constructor(entries: KnowledgeEntry[]) {
    this.ordered = sortEntries(entries);
    this.index = new MiniSearch<IndexedDocument>({
      fields: Object.keys(FIELD_BOOSTS),
      tokenize: text =>
        this.learn(this.tokenized.get(text) ?? indexTerms(text)),
      processTerm: term => term,
      searchOptions: {
        tokenize: queryTerms,
        processTerm: term => term,
        boost: FIELD_BOOSTS,
        prefix: term => term.length >= MIN_EXPANDED_TERM,
        fuzzy: term => (term.length >= MIN_FUZZY_TERM ? 0.2 : false),
        boostDocument: (id, term) => this.documentBoost(id, term),
      },
    });
    for (const entry of this.ordered) {
      const summary = prepareText(entry.summary);
      const body = prepareText(entry.body);
      this.tokenized.set(summary.text, preparedTerms(summary));
      this.tokenized.set(body.text, preparedTerms(body));
      this.prepared.set(entry.id, {
        entry,
        summary,
        body,
        symptoms:
          entry.kind === 'runbook'
            ? new Set(entry.signals.flatMap(s => queryTerms(signalValue(s))))
            : new Set(),
      });
    }
    this.index.addAll(
      this.ordered.map(entry => toDocument(this.prepared.get(entry.id)!)),
    );
    this.tokenized.clear();
  }

  search(query: KnowledgeQuery): KnowledgeSearchResponse {
    const text = query.q?.trim() ?? '';
    const matchesFilters = (entry: KnowledgeEntry) =>
      (!query.topic || entry.topics.includes(query.topic)) &&
      (!query.level || entry.level === query.level) &&
      (!query.kind || entry.kind === query.kind);

    const terms = queryTerms(text);
    if (!terms.length) {
      const results = this.ordered
        .filter(matchesFilters)
        .map(entry => toHit(entry, 0, []));
      return { results, total: results.length };
    }

    const options: SearchOptions = {
      filter: result => matchesFilters(this.prepared.get(result.id)!.entry),
    };
    let matches = this.index.search(this.toQuery(terms, 'AND'), options);
    if (!matches.length) {
      matches = this.index.search(this.toQuery(terms, 'OR'), options);
    }
    const results = matches.map(match => this.toHighlightedHit(match));
    return { results, total: results.length };
  }

  /** Remembers indexed terms as they pass by, for {@link splitCompound}. */
  private learn(terms: string[]): string[] {
    for (const term of terms) this.vocabulary.add(term);
    return terms;
  }

  /**
   * Each term; a term the corpus does not know may be known words glued
   * together (`sealedsecrets` → `sealed` AND `secrets`), so look for those too.
   */
  private toQuery(terms: string[], combineWith: 'AND' | 'OR'): Query {
    return {
      combineWith,
      queries: terms.map((term): Query => {
        const splits = this.vocabulary.has(term)
          ? []
          : splitCompound(term, this.vocabulary);
        if (!splits.length) return term;
        return {
          combineWith: 'OR',
          queries: [
            term,
            ...splits.map(
              (parts): Query => ({ combineWith: 'AND', queries: parts }),
            ),
          ],
        };
      }),
    };
  }

  private documentBoost(id: string, term: string): number {
    const prepared = this.prepared.get(id);
    if (prepared?.entry.kind !== 'runbook') return 1;
    return TROUBLESHOOTING_TERMS.has(term) || prepared.symptoms.has(term)
      ? RUNBOOK_BOOST
      : 1;
  }

  private toHighlightedHit(match: SearchResult): KnowledgeSearchHit {
    const { entry, summary, body } = this.prepared.get(match.id)!;
    const snippets = highlightSnippets([summary, body], match.terms);
    return toHit(entry, round(match.score), snippets);
  }
}

/** Summary and body are indexed as the plain text the snippets are cut from. */
function toDocument({ entry, summary, body }: Prepared): IndexedDocument {
  return {
    id: entry.id,
    title: entry.title,
    topics: entry.topics.join(' '),
    signals: entry.signals.map(signalIndexText).join('\n'),
    summary: summary.text,
    body: body.text,
  };
}

function toHit(
  entry: KnowledgeEntry,
  score: number,
  snippets: TextSegment[][],
): KnowledgeSearchHit {
  return {
    ...toSummary(entry),
    score,
    highlights: snippets.map(snippetToHtml),
    snippets,
  };
}

/** `message:field is immutable` → `field is immutable`; `sync:OutOfSync` → `OutOfSync`. */
function signalValue(signal: string): string {
  return signal.slice(signal.indexOf(':') + 1);
}

/** The `message:` prefix is syntax; other prefixes (`selfHeal:`, `health:`) carry meaning. */
function signalIndexText(signal: string): string {
  return signal.startsWith('message:') ? signalValue(signal) : signal;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
