import { WorkSlicer } from './eventLoop';
import {
  ChunkParser,
  ONE_GO_BYTES,
  parseJsonChunks,
  type ElementMapping,
} from './parseJsonChunks';
import { BodyCutOffError, BodyTooLargeError } from './readBoundedChunks';

/** The body was not JSON; `bytes` had arrived when that showed. */
export class MalformedJsonError extends Error {
  name = 'MalformedJsonError' as const;

  constructor(readonly bytes: number, readonly cause: unknown) {
    super(`malformed JSON after ${bytes} bytes`);
  }
}

function isAbort(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Reads and parses a JSON response body as it arrives: once more than a
 * small body has come in, each chunk is fed to a {@link ChunkParser} and
 * let go, so a list of thousands of applications never sits in memory
 * whole, as bytes and as objects at once. Small bodies are parsed in one
 * go. Bounds and failures are those of `readBoundedChunks` (a declared or
 * actual size over `maxBytes`, a body cut off, aborts rethrown as they
 * are); JSON that does not parse is a {@link MalformedJsonError}, and what
 * the mapping throws passes through. The body is released on every way out.
 */
export async function readJsonBody(
  body: AsyncIterable<Uint8Array> | null | undefined,
  options: {
    maxBytes: number;
    contentLength?: string | null;
    mapping?: ElementMapping;
  },
): Promise<{ json: unknown; bytes: number }> {
  const { maxBytes, mapping } = options;
  const declared = Number(options.contentLength ?? NaN);
  const chunks = body?.[Symbol.asyncIterator]();
  if (Number.isFinite(declared) && declared > maxBytes) {
    await chunks?.return?.().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes, declared);
  }
  let pending: Uint8Array[] = [];
  let parser: ChunkParser | undefined;
  let received = 0;
  let ended = !chunks;
  const slicer = new WorkSlicer();
  let json: unknown;
  try {
    while (chunks) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await chunks.next();
      } catch (error) {
        ended = true;
        throw isAbort(error) ? error : new BodyCutOffError(received, error);
      }
      if (next.done) {
        ended = true;
        break;
      }
      received += next.value.byteLength;
      if (received > maxBytes) {
        pending = [];
        throw new BodyTooLargeError(maxBytes);
      }
      pending.push(next.value);
      if (!parser && received >= ONE_GO_BYTES) {
        parser = new ChunkParser(mapping);
      }
      if (parser) {
        for (const chunk of pending.splice(0)) {
          await parser.feed(chunk);
        }
      }
      if (slicer.due()) {
        await slicer.pause();
      }
    }
    json = parser ? parser.end() : await parseJsonChunks(pending, mapping);
  } catch (error) {
    // Reading fails with errors of its own; a SyntaxError is the parser's.
    throw error instanceof SyntaxError
      ? new MalformedJsonError(received, error)
      : error;
  } finally {
    if (!ended) {
      await chunks?.return?.().catch(() => undefined);
    }
  }
  return { json, bytes: received };
}
