import { WorkSlicer } from './eventLoop';
import { byteLength } from './readBoundedChunks';

/** Below this many bytes `JSON.parse` takes a millisecond or two: parse in one go. */
export const ONE_GO_BYTES = 512 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

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

/** One value being captured, possibly across chunks. */
interface Capture {
  pieces: Uint8Array[];
  /** Where the value starts in the current chunk. */
  start: number;
  kind: 'string' | 'container' | 'scalar';
  depth: number;
  inString: boolean;
  escaped: boolean;
}

type State =
  | 'top'
  | 'key-or-end'
  | 'key'
  | 'colon'
  | 'value'
  | 'comma-or-end'
  | 'element-or-end'
  | 'element'
  | 'element-comma-or-end'
  | 'done';

/**
 * JSON of a top-level object (or array) read from the chunks a body arrived
 * in, without ever joining them into one buffer or string: the top-level
 * array members are cut into their elements at byte level (JSON's
 * structure is ASCII, so UTF-8 never gets in the way) and each element is
 * decoded and `JSON.parse`d on its own, yielding to the event loop between
 * slices of work. The result equals `JSON.parse` of the whole; malformed
 * input throws a `SyntaxError`.
 */
export class ChunkParser {
  readonly #mapping?: ElementMapping;
  readonly #slicer = new WorkSlicer();
  #state: State = 'top';
  #root: unknown;
  #object?: Record<string, unknown>;
  #array?: unknown[];
  #key?: string;
  #capture?: Capture;
  #position = 0;

  constructor(mapping?: ElementMapping) {
    this.#mapping = mapping;
  }

  async feed(chunk: Uint8Array): Promise<void> {
    let index = 0;
    if (this.#capture) {
      this.#capture.start = 0;
    }
    while (index < chunk.length) {
      if (this.#capture) {
        const end = this.#scanCapture(chunk, index);
        if (end < 0) {
          this.#capture.pieces.push(chunk.subarray(this.#capture.start));
          break;
        }
        this.#finishCapture(chunk, end);
        index = end;
        if (this.#slicer.due()) {
          await this.#slicer.pause();
        }
        continue;
      }
      const byte = chunk[index];
      if (isWhitespace(byte)) {
        index++;
        continue;
      }
      this.#step(byte, index);
      // A step that starts a capture leaves the byte to the capture.
      const started = this.#capture as Capture | undefined;
      if (started?.start !== index) {
        index++;
      }
    }
    this.#position += chunk.length;
  }

  end(): unknown {
    if (this.#capture?.kind === 'scalar' && this.#state === 'top') {
      return JSON.parse(decode(this.#capture.pieces));
    }
    if (this.#state !== 'done') {
      throw new SyntaxError('Unexpected end of JSON input');
    }
    return this.#root;
  }

  /** One structural byte outside any value being captured. */
  #step(byte: number, index: number): void {
    switch (this.#state) {
      case 'top':
        if (byte === OPEN_BRACE) {
          this.#object = {};
          this.#root = this.#object;
          this.#state = 'key-or-end';
        } else if (byte === OPEN_BRACKET) {
          this.#array = [];
          this.#root = this.#array;
          this.#key = undefined;
          this.#state = 'element-or-end';
        } else {
          this.#startCapture(byte, index);
        }
        return;
      case 'key-or-end':
        if (byte === CLOSE_BRACE) {
          this.#state = 'done';
          return;
        }
        this.#expectKey(byte, index);
        return;
      case 'key':
        this.#expectKey(byte, index);
        return;
      case 'colon':
        this.#expect(byte, COLON, index);
        this.#state = 'value';
        return;
      case 'value':
        if (byte === OPEN_BRACKET) {
          this.#array = [];
          this.#state = 'element-or-end';
        } else {
          this.#startCapture(byte, index);
        }
        return;
      case 'comma-or-end':
        if (byte === CLOSE_BRACE) {
          this.#state = 'done';
        } else {
          this.#expect(byte, COMMA, index);
          this.#state = 'key';
        }
        return;
      case 'element-or-end':
        if (byte === CLOSE_BRACKET) {
          this.#endArray();
          return;
        }
        this.#startCapture(byte, index);
        return;
      case 'element':
        this.#startCapture(byte, index);
        return;
      case 'element-comma-or-end':
        if (byte === CLOSE_BRACKET) {
          this.#endArray();
        } else {
          this.#expect(byte, COMMA, index);
          this.#state = 'element';
        }
        return;
      case 'done':
        throw this.#unexpected(byte, index);
      default:
        throw new SyntaxError(`Unknown parser state ${String(this.#state)}`);
    }
  }

  #expectKey(byte: number, index: number): void {
    if (byte !== QUOTE) {
      throw this.#unexpected(byte, index);
    }
    this.#startCapture(byte, index);
  }

  #expect(byte: number, expected: number, index: number): void {
    if (byte !== expected) {
      throw this.#unexpected(byte, index);
    }
  }

  #endArray(): void {
    const array = this.#array!;
    this.#array = undefined;
    if (this.#root === array) {
      this.#state = 'done';
      return;
    }
    this.#assign(array);
    this.#state = 'comma-or-end';
  }

  #startCapture(byte: number, index: number): void {
    let kind: Capture['kind'] = 'scalar';
    if (byte === QUOTE) {
      kind = 'string';
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      kind = 'container';
    } else if (
      byte === CLOSE_BRACE ||
      byte === CLOSE_BRACKET ||
      byte === COMMA
    ) {
      throw this.#unexpected(byte, index);
    }
    this.#capture = {
      pieces: [],
      start: index,
      kind,
      depth: 0,
      inString: false,
      escaped: false,
    };
  }

  /** Where the captured value ends in `chunk` (exclusive), or -1 when it goes on in the next chunk. */
  #scanCapture(chunk: Uint8Array, from: number): number {
    const capture = this.#capture!;
    let index = from;
    if (capture.kind === 'scalar') {
      while (index < chunk.length) {
        const byte = chunk[index];
        if (
          byte === COMMA ||
          byte === CLOSE_BRACE ||
          byte === CLOSE_BRACKET ||
          isWhitespace(byte)
        ) {
          return index;
        }
        index++;
      }
      return -1;
    }
    // A string's opening quote, or a container's first bracket, is at `start`.
    if (
      capture.kind === 'string' &&
      index === capture.start &&
      !capture.pieces.length
    ) {
      capture.inString = true;
      index++;
    }
    while (index < chunk.length) {
      const byte = chunk[index];
      if (capture.inString) {
        if (capture.escaped) {
          capture.escaped = false;
        } else if (byte === BACKSLASH) {
          capture.escaped = true;
        } else if (byte === QUOTE) {
          capture.inString = false;
          if (capture.kind === 'string') {
            return index + 1;
          }
        }
      } else if (byte === QUOTE) {
        capture.inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        capture.depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        capture.depth--;
        if (capture.depth === 0) {
          return index + 1;
        }
      }
      index++;
    }
    return -1;
  }

  #finishCapture(chunk: Uint8Array, end: number): void {
    const capture = this.#capture!;
    capture.pieces.push(chunk.subarray(capture.start, end));
    this.#capture = undefined;
    const value: unknown = JSON.parse(decode(capture.pieces));
    switch (this.#state) {
      case 'top':
        // A top-level scalar: only whitespace may follow.
        this.#root = value;
        this.#state = 'done';
        return;
      case 'key-or-end':
      case 'key':
        this.#key = value as string;
        this.#state = 'colon';
        return;
      case 'value':
        this.#assign(value);
        this.#state = 'comma-or-end';
        return;
      case 'element-or-end':
      case 'element': {
        const array = this.#array!;
        const map =
          this.#mapping && this.#key === this.#mapping.member
            ? this.#mapping.map
            : undefined;
        array.push(map ? map(value, array.length) : value);
        this.#state = 'element-comma-or-end';
        return;
      }
      default:
        throw new SyntaxError(`Unexpected value in state ${this.#state}`);
    }
  }

  /** Like JSON.parse: a later duplicate key wins, `__proto__` is a plain key. */
  #assign(value: unknown): void {
    Object.defineProperty(this.#object!, this.#key!, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }

  #unexpected(byte: number, index: number): SyntaxError {
    return new SyntaxError(
      `Unexpected ${JSON.stringify(
        String.fromCharCode(byte),
      )} in JSON at position ${this.#position + index}`,
    );
  }
}

function decode(pieces: Uint8Array[]): string {
  return pieces.length === 1
    ? Buffer.from(
        pieces[0].buffer,
        pieces[0].byteOffset,
        pieces[0].byteLength,
      ).toString('utf8')
    : Buffer.concat(pieces).toString('utf8');
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

/**
 * Parses JSON from the chunks a response body arrived in. Small bodies are
 * joined and parsed in one go; large ones are parsed element by element
 * from the chunks (see {@link ChunkParser}), never joined into one buffer
 * or string, yielding to the event loop between slices of a few
 * milliseconds. With a `mapping`, that member's elements are mapped as
 * they are parsed. Throws a `SyntaxError` for malformed JSON.
 */
export async function parseJsonChunks(
  chunks: readonly Uint8Array[],
  mapping?: ElementMapping,
  options: { oneGoBelowBytes?: number } = {},
): Promise<unknown> {
  if (byteLength(chunks) < (options.oneGoBelowBytes ?? ONE_GO_BYTES)) {
    return mapElements(JSON.parse(decode([...chunks])), mapping);
  }
  const parser = new ChunkParser(mapping);
  const slicer = new WorkSlicer();
  for (const chunk of chunks) {
    await parser.feed(chunk);
    if (slicer.due()) {
      await slicer.pause();
    }
  }
  return parser.end();
}
