import { StringDecoder } from 'node:string_decoder';
import { WorkSlicer } from './eventLoop';
import { BodyChunks } from './BodyChunks';
import { BodyTooLargeError } from './readBoundedChunks';

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
  const chunks = new BodyChunks(body);
  const decoder = new StringDecoder('utf8');
  const slicer = new WorkSlicer();
  let pending = '';
  try {
    for (;;) {
      const chunk = await chunks.next();
      if (!chunk) {
        break;
      }
      pending += decoder.write(Buffer.from(chunk));
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
    await chunks.release();
  }
  const last = (pending + decoder.end()).trim();
  if (last) {
    options.onLine(last);
  }
}
