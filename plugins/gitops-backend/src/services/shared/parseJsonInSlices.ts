import { WorkSlicer } from './eventLoop';

/** Below this many characters `JSON.parse` takes a millisecond or two: parse in one go. */
const ONE_GO_CHARACTERS = 512 * 1024;

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Maps the elements of one top-level array member as soon as each is
 * parsed, e.g. a list's `items` to normalized summaries: the raw elements
 * then die young, which keeps garbage collection pauses short for lists of
 * thousands of items.
 */
export interface ElementMapping {
  /** The member of the top-level object, e.g. `items`. */
  member: string;
  map: (element: unknown, index: number) => unknown;
}

class Scanner {
  readonly #text: string;
  readonly #slicer = new WorkSlicer();
  readonly #mapping?: ElementMapping;

  constructor(text: string, mapping?: ElementMapping) {
    this.#text = text;
    this.#mapping = mapping;
  }

  skipWhitespace(from: number): number {
    let index = from;
    while (WHITESPACE.has(this.#text.charCodeAt(index))) {
      index++;
    }
    return index;
  }

  /** A top-level object: members parsed one by one, array members element by element. */
  async object(start: number): Promise<{ value: unknown; end: number }> {
    const value: Record<string, unknown> = {};
    let index = this.skipWhitespace(start + 1);
    if (this.#text.charCodeAt(index) === 0x7d /* } */) {
      return { value, end: index + 1 };
    }
    for (;;) {
      if (this.#text.charCodeAt(index) !== QUOTE) {
        throw this.#unexpected(index);
      }
      const keyEnd = this.#stringEnd(index);
      const key = JSON.parse(this.#text.slice(index, keyEnd)) as string;
      index = this.skipWhitespace(keyEnd);
      if (this.#text.charCodeAt(index) !== 0x3a /* : */) {
        throw this.#unexpected(index);
      }
      index = this.skipWhitespace(index + 1);
      let member: { value: unknown; end: number };
      if (this.#text.charCodeAt(index) === 0x5b /* [ */) {
        member = await this.array(
          index,
          this.#mapping?.member === key ? this.#mapping.map : undefined,
        );
      } else {
        const end = this.#valueEnd(index);
        member = { value: JSON.parse(this.#text.slice(index, end)), end };
      }
      // Like JSON.parse: a later duplicate key wins, `__proto__` is a plain key.
      Object.defineProperty(value, key, {
        value: member.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      index = this.skipWhitespace(member.end);
      const next = this.#text.charCodeAt(index);
      if (next === 0x7d /* } */) {
        return { value, end: index + 1 };
      }
      if (next !== 0x2c /* , */) {
        throw this.#unexpected(index);
      }
      index = this.skipWhitespace(index + 1);
    }
  }

  /** An array whose elements are parsed (and mapped) one by one, yielding between slices. */
  async array(
    start: number,
    map?: ElementMapping['map'],
  ): Promise<{ value: unknown[]; end: number }> {
    const value: unknown[] = [];
    let index = this.skipWhitespace(start + 1);
    if (this.#text.charCodeAt(index) === 0x5d /* ] */) {
      return { value, end: index + 1 };
    }
    for (;;) {
      const end = this.#valueEnd(index);
      const element: unknown = JSON.parse(this.#text.slice(index, end));
      value.push(map ? map(element, value.length) : element);
      if (this.#slicer.due()) {
        await this.#slicer.pause();
      }
      index = this.skipWhitespace(end);
      const next = this.#text.charCodeAt(index);
      if (next === 0x5d /* ] */) {
        return { value, end: index + 1 };
      }
      if (next !== 0x2c /* , */) {
        throw this.#unexpected(index);
      }
      index = this.skipWhitespace(index + 1);
    }
  }

  /**
   * Where the value starting at `start` ends. Only boundaries are found
   * here; `JSON.parse` of the slice checks everything inside it.
   */
  #valueEnd(start: number): number {
    const text = this.#text;
    const first = text.charCodeAt(start);
    if (first === QUOTE) {
      return this.#stringEnd(start);
    }
    if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) {
      // A number, true, false or null: up to the next delimiter.
      let index = start;
      while (index < text.length) {
        const code = text.charCodeAt(index);
        if (
          code === 0x2c ||
          code === 0x5d ||
          code === 0x7d ||
          WHITESPACE.has(code)
        ) {
          break;
        }
        index++;
      }
      if (index === start) {
        throw this.#unexpected(start);
      }
      return index;
    }
    let depth = 0;
    let index = start;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === QUOTE) {
        index = this.#stringEnd(index);
        continue;
      }
      if (code === 0x7b || code === 0x5b) {
        depth++;
      } else if (code === 0x7d || code === 0x5d) {
        depth--;
        if (depth === 0) {
          return index + 1;
        }
      }
      index++;
    }
    throw new SyntaxError('Unexpected end of JSON input');
  }

  /** The index after the closing quote of the string starting at `start`. */
  #stringEnd(start: number): number {
    const text = this.#text;
    let index = start + 1;
    for (;;) {
      const quote = text.indexOf('"', index);
      if (quote < 0) {
        throw new SyntaxError('Unterminated string in JSON');
      }
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) {
        backslashes++;
      }
      if (backslashes % 2 === 0) {
        return quote + 1;
      }
      index = quote + 1;
    }
  }

  #unexpected(index: number): SyntaxError {
    return index >= this.#text.length
      ? new SyntaxError('Unexpected end of JSON input')
      : new SyntaxError(
          `Unexpected ${JSON.stringify(
            this.#text.charAt(index),
          )} in JSON at position ${index}`,
        );
  }
}

/**
 * `JSON.parse` for answers of many megabytes that does not hold the event
 * loop: the top-level object's array members (an Argo CD or Kubernetes
 * list's `items`, a resource tree's `nodes`) are cut into their elements
 * and each element is parsed natively, yielding between slices of work.
 * The result equals `JSON.parse(text)`; malformed text throws a
 * `SyntaxError`. A JSON streaming parser would do the same with 5–10 times
 * the CPU; cutting on element boundaries keeps `JSON.parse`'s speed. With a
 * `mapping`, that member's elements are mapped as they are parsed.
 */
export async function parseJsonInSlices(
  text: string,
  mapping?: ElementMapping,
): Promise<unknown> {
  if (text.length < ONE_GO_CHARACTERS) {
    return mapElements(JSON.parse(text), mapping);
  }
  const scanner = new Scanner(text, mapping);
  const start = scanner.skipWhitespace(0);
  let result: unknown;
  let end: number;
  if (text.charCodeAt(start) === 0x7b /* { */) {
    ({ value: result, end } = await scanner.object(start));
  } else if (text.charCodeAt(start) === 0x5b /* [ */) {
    ({ value: result, end } = await scanner.array(start));
  } else {
    return mapElements(JSON.parse(text), mapping);
  }
  if (scanner.skipWhitespace(end) !== text.length) {
    throw new SyntaxError(`Unexpected data after JSON at position ${end}`);
  }
  return result;
}

/** The mapping applied to a document parsed in one go. */
function mapElements(document: unknown, mapping?: ElementMapping): unknown {
  if (!mapping || typeof document !== 'object' || document === null) {
    return document;
  }
  const elements = (document as Record<string, unknown>)[mapping.member];
  if (Array.isArray(elements)) {
    (document as Record<string, unknown>)[mapping.member] = elements.map(
      mapping.map,
    );
  }
  return document;
}
