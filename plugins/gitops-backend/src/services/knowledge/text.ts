/**
 * Text handling shared by the search index and the highlighter, so both agree
 * on what a word is.
 */

const WORD = /[\p{L}\p{N}]+/gu;
const CAMEL_PART = /[\p{Lu}]?[\p{Ll}\p{N}]+|[\p{Lu}]+(?![\p{Ll}])/gu;
/** What joins the words of a compound: `self-heal`, `app-of-apps`, `sealed_secrets`. */
const COMPOUND_GAP = /^[-_/]$/;

/** Longest run of words joined into one compound term. */
export const MAX_COMPOUND_PARTS = 3;

export const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'can', 'do', 'does', 'for',
  'from', 'has', 'have', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its',
  'of', 'on', 'or', 'our', 'so', 'that', 'the', 'then', 'this', 'to', 'was',
  'we', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with', 'you',
  'your',
]); // prettier-ignore

/** Spellings that mean the same word: the query and the index both use the canonical one. */
const CANONICAL: Record<string, string> = { vs: 'versus' };

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** The words of `text` with their offsets. */
export function words(text: string): Word[] {
  return Array.from(text.matchAll(WORD), m => ({
    text: m[0],
    start: m.index!,
    end: m.index! + m[0].length,
  }));
}

/** Query terms: plain words, lower-cased, without stop words. */
export function queryTerms(text: string): string[] {
  return words(text)
    .map(w => w.text.toLowerCase())
    .filter(t => !STOP_WORDS.has(t))
    .map(t => CANONICAL[t] ?? t);
}

const INNER_UPPER = /.\p{Lu}/u;

/** The parts of a camelCase word (`selfHeal` → `self`, `heal`); one part for other words. */
export function camelParts(word: string): string[] {
  if (!INNER_UPPER.test(word)) return [word.toLowerCase()];
  return (word.match(CAMEL_PART) ?? [word]).map(p => p.toLowerCase());
}

/** Whether the text between two words makes them one compound. */
export function joinsWords(gap: string): boolean {
  return COMPOUND_GAP.test(gap);
}

/**
 * Index terms: every word, plus the parts of camelCase words (`selfHeal` →
 * `self`, `heal`) and hyphenated compounds joined (`self-heal` → `selfheal`).
 * With query-side splitting ({@link splitCompound}) `selfheal`, `self heal`
 * and `self-heal` all find the same text.
 */
export function indexTerms(text: string): string[] {
  const all = words(text);
  const terms: string[] = [];
  all.forEach((word, i) => {
    const lower = word.text.toLowerCase();
    terms.push(lower);
    if (CANONICAL[lower]) {
      terms.push(CANONICAL[lower]);
    }
    const parts = camelParts(word.text);
    if (parts.length > 1) {
      terms.push(...parts);
    }
    let joined = lower;
    for (let k = 1; k < MAX_COMPOUND_PARTS && i + k < all.length; k++) {
      if (!joinsWords(text.slice(all[i + k - 1].end, all[i + k].start))) {
        break;
      }
      joined += all[i + k].text.toLowerCase();
      terms.push(joined);
    }
  });
  return terms.filter(t => !STOP_WORDS.has(t));
}

/** Shortest part a glued query word is split into. */
const MIN_COMPOUND_PART = 3;

/**
 * The ways a query word is two known words glued together (`selfheal` →
 * `self` + `heal`), so it also finds text that writes them apart.
 */
export function splitCompound(
  term: string,
  vocabulary: ReadonlySet<string>,
): [string, string][] {
  const splits: [string, string][] = [];
  for (let k = MIN_COMPOUND_PART; k <= term.length - MIN_COMPOUND_PART; k++) {
    const head = term.slice(0, k);
    const tail = term.slice(k);
    if (vocabulary.has(head) && vocabulary.has(tail)) {
      splits.push([head, tail]);
    }
  }
  return splits;
}

/**
 * Markdown reduced to readable text for snippets: no fences, emphasis, link
 * targets or heading marks; code content is kept because commands matter.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^\s*(```|~~~).*$/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\*(\S[^*]*)\*/g, '$1')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
