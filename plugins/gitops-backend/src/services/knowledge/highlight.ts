import { TextSegment } from '@gitops-guide/backstage-plugin-gitops-common';
import {
  camelParts,
  joinsWords,
  markdownToText,
  MAX_COMPOUND_PARTS,
  STOP_WORDS,
  words,
} from './text';
import { normalizeTerm } from './normalizeTerm';

interface Span {
  start: number;
  end: number;
}

/**
 * Plain text of a field with, for every term it contains, where that term
 * occurs: words, camelCase parts (`heal` → `selfHeal`) and hyphenated
 * compounds (`selfheal` → `self-heal`). Built once per entry, so
 * highlighting a hit is a few map lookups.
 */
export interface PreparedText {
  text: string;
  /** Word boundaries, for snippet edges. */
  words: Span[];
  occurrences: Map<string, Span[]>;
}

export function prepareText(markdown: string): PreparedText {
  const text = markdownToText(markdown);
  const all = words(text);
  const occurrences = new Map<string, Span[]>();
  const add = (lower: string, span: Span) => {
    if (STOP_WORDS.has(lower)) return;
    const term = normalizeTerm(lower);
    const list = occurrences.get(term);
    if (list) list.push(span);
    else occurrences.set(term, [span]);
  };
  const maxParts = MAX_COMPOUND_PARTS;
  all.forEach((word, i) => {
    const span = { start: word.start, end: word.end };
    const parts = camelParts(word.text);
    add(parts.length > 1 ? word.text.toLowerCase() : parts[0], span);
    if (parts.length > 1) parts.forEach(part => add(part, span));
    let joined = word.text.toLowerCase();
    for (let k = 1; k < maxParts && i + k < all.length; k++) {
      if (!joinsWords(text.slice(all[i + k - 1].end, all[i + k].start))) break;
      joined += all[i + k].text.toLowerCase();
      add(joined, { start: word.start, end: all[i + k].end });
    }
  });
  return {
    text,
    words: all.map(w => ({ start: w.start, end: w.end })),
    occurrences,
  };
}

/** The index terms of a prepared text, as many times as they occur (same as `indexTerms`). */
export function preparedTerms(prepared: PreparedText): string[] {
  const terms: string[] = [];
  for (const [term, spans] of prepared.occurrences) {
    for (let i = 0; i < spans.length; i++) terms.push(term);
  }
  return terms;
}

/**
 * Matched spans in text order, where spans overlap the longest wins. Read
 * lazily (a merge of the terms' sorted occurrence lists): two snippets need
 * the first few matches, not every occurrence of a common word.
 */
class MatchSpans {
  private readonly lists: Span[][];
  private readonly cursors: number[];
  private readonly merged: Span[] = [];
  private pending: Span | undefined;

  constructor(source: PreparedText, terms: string[]) {
    this.lists = terms.flatMap(term => {
      const list = source.occurrences.get(term);
      return list ? [list] : [];
    });
    this.cursors = this.lists.map(() => 0);
  }

  /** The i-th merged span, or undefined past the last. */
  at(i: number): Span | undefined {
    while (this.merged.length <= i && this.pull()) {
      // pull until the i-th span is complete
    }
    return this.merged[i];
  }

  /** Every merged span starting before `end`. */
  before(end: number): Span[] {
    let i = 0;
    for (let span = this.at(i); span && span.start < end; span = this.at(++i)) {
      // read on until past `end`
    }
    return this.merged.slice(0, i);
  }

  /** Merges the next occurrence; false when there are none left. */
  private pull(): boolean {
    const next = this.nextOccurrence();
    if (!next) {
      if (this.pending) this.merged.push(this.pending);
      this.pending = undefined;
      return false;
    }
    if (this.pending && next.start < this.pending.end) {
      this.pending.end = Math.max(this.pending.end, next.end);
    } else {
      if (this.pending) this.merged.push(this.pending);
      this.pending = { ...next };
    }
    return true;
  }

  private nextOccurrence(): Span | undefined {
    let best = -1;
    let bestSpan: Span | undefined;
    for (let l = 0; l < this.lists.length; l++) {
      const span = this.lists[l][this.cursors[l]];
      if (
        span &&
        (!bestSpan ||
          span.start < bestSpan.start ||
          (span.start === bestSpan.start && span.end > bestSpan.end))
      ) {
        best = l;
        bestSpan = span;
      }
    }
    if (best >= 0) this.cursors[best]++;
    return bestSpan;
  }
}

/**
 * Up to `maxSnippets` snippets around the words matching `terms` (the
 * lower-cased index terms the search matched), taken from `sources` in
 * order. A snippet is plain text segments; the matched words are marked.
 */
export function highlightSnippets(
  sources: PreparedText[],
  terms: Iterable<string>,
  options: { maxSnippets?: number; width?: number; lead?: number } = {},
): TextSegment[][] {
  const { maxSnippets = 2, width = 160, lead = 40 } = options;
  const termList = [...terms];
  const snippets: TextSegment[][] = [];
  for (const source of sources) {
    const spans = new MatchSpans(source, termList);
    let covered = 0;
    for (let i = 0; spans.at(i); i++) {
      const span = spans.at(i)!;
      if (snippets.length >= maxSnippets) return snippets;
      if (span.start < covered) continue;
      const window = snippetWindow(source, span, width, lead);
      snippets.push(
        snippetSegments(source.text, window, spans.before(window.end)),
      );
      covered = window.end;
    }
  }
  return snippets;
}

function snippetWindow(
  source: PreparedText,
  span: Span,
  width: number,
  lead: number,
): Span {
  const { text, words: all } = source;
  // Start at the beginning when the match fits there with room to spare.
  let start = span.end <= width - lead ? 0 : span.start - lead;
  if (start > 0) {
    // Begin on a word rather than mid-word.
    start = Math.min(
      all[firstWordAtOrAfter(all, start)]?.start ?? span.start,
      span.start,
    );
  }
  let end = Math.min(text.length, Math.max(start + width, span.end));
  if (end < text.length) {
    // End after the last whole word that fits: the word before `end`, or the
    // one before that when `end` cuts it.
    let last = firstWordAtOrAfter(all, end) - 1;
    if (last >= 0 && all[last].end > end) last--;
    end = Math.max(all[last]?.end ?? span.end, span.end);
  }
  return { start, end };
}

/** Index of the first word starting at or after `offset` (binary search). */
function firstWordAtOrAfter(all: Span[], offset: number): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text of `window`, cut into segments at the matched spans; `…` marks a cut. */
function snippetSegments(
  text: string,
  window: Span,
  spans: Span[],
): TextSegment[] {
  const segments: TextSegment[] = [];
  const add = (part: string, match: boolean) => {
    if (!part) return;
    const last = segments[segments.length - 1];
    if (last?.match === match) last.text += part;
    else segments.push({ text: part, match });
  };
  if (window.start > 0) add('…', false);
  let cursor = window.start;
  for (const span of spans) {
    if (span.end <= window.start) continue;
    if (span.start >= window.end) break;
    const start = Math.max(span.start, cursor);
    const end = Math.min(span.end, window.end);
    add(text.slice(cursor, start), false);
    add(text.slice(start, end), true);
    cursor = end;
  }
  add(text.slice(cursor, window.end), false);
  if (window.end < text.length) add('…', false);
  return segments;
}
