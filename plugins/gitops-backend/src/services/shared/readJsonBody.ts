import { WorkSlicer } from './eventLoop';
import {
  ChunkParser,
  ONE_GO_BYTES,
  parseJsonChunks,
  type ElementMapping,
} from './parseJsonChunks';
import { BodyChunks } from './BodyChunks';
import { BodyTooLargeError } from './readBoundedChunks';

/** The body was not JSON; `bytes` had arrived when that showed. */
export class MalformedJsonError extends Error {
  name = 'MalformedJsonError' as const;

  constructor(readonly bytes: number, readonly cause: unknown) {
    super(`malformed JSON after ${bytes} bytes`);
  }
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
  const chunks = new BodyChunks(body);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await chunks.release();
    throw new BodyTooLargeError(maxBytes, declared);
  }
  let pending: Uint8Array[] = [];
  let parser: ChunkParser | undefined;
  const slicer = new WorkSlicer();
  let json: unknown;
  try {
    for (;;) {
      const chunk = await chunks.next();
      if (!chunk) {
        break;
      }
      if (chunks.received > maxBytes) {
        pending = [];
        throw new BodyTooLargeError(maxBytes);
      }
      pending.push(chunk);
      if (!parser && chunks.received >= ONE_GO_BYTES) {
        parser = new ChunkParser(mapping);
      }
      if (parser) {
        for (const buffered of pending.splice(0)) {
          await parser.feed(buffered);
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
      ? new MalformedJsonError(chunks.received, error)
      : error;
  } finally {
    await chunks.release();
  }
  return { json, bytes: chunks.received };
}
