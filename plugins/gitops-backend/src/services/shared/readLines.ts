import { StringDecoder } from 'node:string_decoder';
import { WorkSlicer } from './eventLoop';
import { BodyCutOffError, BodyTooLargeError } from './readBoundedChunks';

function isAbort(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Reads a never-ending, newline-delimited body (a watch stream) line by
 * line, calling `onLine` for each non-blank line as soon as its newline
 * arrives. A line longer than `maxLineBytes` stops reading with a
 * {@link BodyTooLargeError}, so a runaway line costs at most that much
 * memory. Aborts are rethrown as they are, other read failures become a
 * {@link BodyCutOffError}, and whatever `onLine` throws stops reading and
 * passes through. Resolves when the body ends; the connection is released
 * on every way out.
 */
export async function readLines(
  body: AsyncIterable<Uint8Array> | null | undefined,
  options: { maxLineBytes: number; onLine: (line: string) => void },
): Promise<void> {
  if (!body) {
    return;
  }
  const chunks = body[Symbol.asyncIterator]();
  const decoder = new StringDecoder('utf8');
  const slicer = new WorkSlicer();
  let pending = '';
  let received = 0;
  let ended = false;
  try {
    for (;;) {
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
      pending += decoder.write(Buffer.from(next.value));
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line) {
          options.onLine(line);
        }
        newline = pending.indexOf('\n');
      }
      // A string's length never exceeds its UTF-8 size: a safe bound.
      if (pending.length > options.maxLineBytes) {
        throw new BodyTooLargeError(options.maxLineBytes);
      }
      if (slicer.due()) {
        await slicer.pause();
      }
    }
  } finally {
    if (!ended) {
      // Stops the body and closes the connection.
      await chunks.return?.().catch(() => undefined);
    }
  }
  const last = (pending + decoder.end()).trim();
  if (last) {
    options.onLine(last);
  }
}
