/**
 * Text handling shared by the search index and the highlighter, so both agree
 * on what a word is and which term it is indexed under.
 */
import { normalizeTerm } from './normalizeTerm';

const WORD = /[\p{L}\p{N}]+/gu;
const CAMEL_PART = /[\p{Lu}]?[\p{Ll}\p{N}]+|[\p{Lu}]+(?![\p{Ll}])/gu;
/** What joins the words of a compound: `self-heal`, `app-of-apps`, `sealed_secrets`. */
const COMPOUND_GAP = /^[-_/]$/;

/** Longest run of words joined into one compound term. */
export const MAX_COMPOUND_PARTS = 3;

export const STOP_WORDS = new Set([
  'a', 'about', 'am', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but',
  'by', 'can', 'could', 'did', 'do', 'does', 'for', 'from', 'has', 'have',
  'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'just', 'me', 'my', 'of',
  'on', 'or', 'our', 'should', 'so', 'that', 'the', 'their', 'them', 'then',
  'they', 'this', 'to', 'us', 'was', 'we', 'were', 'what', 'when', 'where',
  'which', 'who', 'why', 'will', 'with', 'would', 'you', 'your',
]); // prettier-ignore

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

/** Query terms: the words, lower-cased and normalized, without stop words. */
export function queryTerms(text: string): string[] {
  return words(text)
    .map(w => w.text.toLowerCase())
    .filter(t => !STOP_WORDS.has(t))
    .map(normalizeTerm);
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
 * Index terms, normalized: every word, plus the parts of camelCase words
 * (`selfHeal` → `self`, `heal`) and hyphenated compounds joined (`self-heal`
 * → `selfheal`). With query-side splitting ({@link splitCompound})
 * `selfheal`, `self heal` and `self-heal` all find the same text.
 */
export function indexTerms(text: string): string[] {
  const all = words(text);
  const terms: string[] = [];
  all.forEach((word, i) => {
    const lower = word.text.toLowerCase();
    terms.push(lower);
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
  return terms.filter(t => !STOP_WORDS.has(t)).map(normalizeTerm);
}

/** Shortest part a glued query word is split into. */
const MIN_COMPOUND_PART = 3;

/**
 * The ways a lower-cased query word is two known words glued together
 * (`sealedsecrets` → `seal` + `secret`, as normalized terms), so it also
 * finds text that writes them apart.
 */
export function splitCompound(
  word: string,
  vocabulary: ReadonlySet<string>,
): [string, string][] {
  const splits: [string, string][] = [];
  for (let k = MIN_COMPOUND_PART; k <= word.length - MIN_COMPOUND_PART; k++) {
    const head = normalizeTerm(word.slice(0, k));
    const tail = normalizeTerm(word.slice(k));
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
