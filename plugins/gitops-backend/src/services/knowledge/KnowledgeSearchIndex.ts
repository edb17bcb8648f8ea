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
import { indexTerms, queryTerms, splitCompound, words } from './text';
import { groupEverydayWords, TermGroup } from './everydayWords';
import { normalizeTerm } from './normalizeTerm';

/**
 * What a match in each field is worth, relative to the body. The questions
 * people ask (`askedAs`) count like the title: they are its other wordings.
 */
const FIELD_BOOSTS = {
  title: 4,
  askedAs: 4,
  topics: 3,
  quiz: 2,
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
/** A lone known word is also a prefix from this length (`roll` → `rollback`). */
const MIN_TYPED_PREFIX = 4;
/**
 * Worth of a prefix or typo-tolerant match, and of the content's word for an
 * everyday one, relative to the word as typed: a real word always beats a
 * near miss.
 */
const WEIGHTS = { prefix: 0.4, fuzzy: 0.3 };
const EVERYDAY_WORD_WEIGHT = 0.6;
/** Queries of up to this many words are keywords: entries with all of them come first. */
const MAX_KEYWORD_GROUPS = 3;
/** An AND answer shorter than this is followed by the best any-word matches. */
const ENOUGH_RESULTS = 5;
/** Hits scoring below this share of the best one are noise (one common word of a long question). */
const MIN_RELATIVE_SCORE = 0.1;

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
        // Queries arrive as normalized terms, one per leaf (see toQuery).
        tokenize: term => [term],
        processTerm: term => term,
        boost: FIELD_BOOSTS,
        weights: WEIGHTS,
        prefix: false,
        fuzzy: false,
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
    const groups = groupEverydayWords(terms);
    // A lone known word may still be being typed (`roll` → `rollback`); in
    // a longer query, prefixes of known words are noise (`argo` → every
    // `argocd-…` setting name).
    const typing = terms.length === 1 && endsInWord(query.q ?? '');
    let matches: SearchResult[] = [];
    if (groups.length <= MAX_KEYWORD_GROUPS) {
      matches = this.index.search(this.toQuery(groups, 'AND', typing), options);
    }
    if (matches.length < ENOUGH_RESULTS && groups.length > 1) {
      // A question rarely has all its words in one entry, and a long entry
      // may have them all by chance: rank questions by the best matches of
      // any words, and follow a short all-words answer with them.
      const found = new Set(matches.map(match => match.id));
      const any = this.index.search(
        this.toQuery(groups, 'OR', typing),
        options,
      );
      matches = [...matches, ...any.filter(match => !found.has(match.id))];
    }
    const floor = (matches[0]?.score ?? 0) * MIN_RELATIVE_SCORE;
    const results = matches
      .filter(match => match.score >= floor)
      .map(match => this.toHighlightedHit(match));
    return { results, total: results.length };
  }

  /** Remembers indexed terms as they pass by, for {@link splitCompound}. */
  private learn(terms: string[]): string[] {
    for (const term of terms) this.vocabulary.add(term);
    return terms;
  }

  /**
   * One part per term group: the words as typed, or what the content calls
   * them (`freeze` → `sync window`, worth less).
   */
  private toQuery(
    groups: TermGroup[],
    combineWith: 'AND' | 'OR',
    typing: boolean,
  ): Query {
    return {
      combineWith,
      queries: groups.map((group, g): Query => {
        const last = typing && g === groups.length - 1;
        const typed: Query = {
          combineWith: 'AND',
          queries: group.terms.map((term, t) =>
            this.termQuery(term, last && t === group.terms.length - 1),
          ),
        };
        if (!group.alternatives.length) return typed;
        return {
          combineWith: 'OR',
          queries: [
            typed,
            ...group.alternatives.map(
              (phrase): Query => ({
                combineWith: 'AND',
                queries: phrase,
                boostTerm: () => EVERYDAY_WORD_WEIGHT,
              }),
            ),
          ],
        };
      }),
    };
  }

  /**
   * A word the corpus knows matches itself (any form: terms are stems), and
   * as a prefix while it is still being typed. Only a word it does not know
   * is looked up as a prefix (`kust`), with typos (`rolback`) and as known
   * words glued together (`sealedsecrets` → `seal` AND `secret`): a fuzzy
   * neighbour of a real word is a different word.
   */
  private termQuery(term: string, beingTyped: boolean): Query {
    if (this.vocabulary.has(term)) {
      return {
        combineWith: 'OR',
        queries: [term],
        prefix: beingTyped && term.length >= MIN_TYPED_PREFIX,
      };
    }
    const expanded: Query = {
      combineWith: 'OR',
      queries: [term],
      prefix: term.length >= MIN_EXPANDED_TERM,
      fuzzy: term.length >= MIN_FUZZY_TERM ? 0.2 : false,
    };
    const swapped = swappedLetters(term).filter(known =>
      this.vocabulary.has(known),
    );
    const splits = splitCompound(term, this.vocabulary);
    if (!splits.length && !swapped.length) return expanded;
    return {
      combineWith: 'OR',
      queries: [
        expanded,
        ...swapped.map(
          (known): Query => ({
            combineWith: 'OR',
            queries: [known],
            boostTerm: () => WEIGHTS.fuzzy,
          }),
        ),
        ...splits.map(
          (parts): Query => ({ combineWith: 'AND', queries: parts }),
        ),
      ],
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
    askedAs: (entry.askedAs ?? []).join('\n'),
    quiz: entry.quiz
      .map(item => `${item.prompt} ${item.options[item.answer] ?? ''}`)
      .join('\n'),
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

/**
 * The term with two neighbouring letters swapped, normalized (`drfit` →
 * `drift`, `secrest` → `secret`): the commonest typo, two edits away for
 * the fuzzy match.
 */
function swappedLetters(term: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue;
    out.add(
      normalizeTerm(
        term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2),
      ),
    );
  }
  return [...out];
}

/** Whether the query ends mid-word, i.e. its last word may still be being typed. */
function endsInWord(text: string): boolean {
  const all = words(text);
  return all.length > 0 && all[all.length - 1].end === text.length;
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
