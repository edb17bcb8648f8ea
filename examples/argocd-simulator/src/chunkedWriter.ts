import type { ServerResponse } from 'node:http';

/** Size of one `res.write`: pieces are gathered until at least this many characters, then written. */
export const CHUNK_SIZE = 64 * 1024;

/** How a streamed body ended: every byte written, or stopped early (client gone, or cut on purpose). */
export interface StreamOutcome {
  bytesWritten: number;
  completed: boolean;
}

export interface StreamOptions {
  /** Write at most this many bytes, then destroy the socket: the client sees a body cut off mid-way. */
  cutAfterBytes?: number;
}

/** Resolves on 'drain' or 'close', whichever comes first, so an aborted client never leaves the writer waiting. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes `data` and destroys the connection once it is flushed. */
function writeThenDestroy(res: ServerResponse, data: Buffer): Promise<void> {
  return new Promise(resolve => {
    const destroy = () => {
      res.destroy();
      resolve();
    };
    if (data.length === 0) {
      // Flush the headers on their own first, so the client gets a response and then a dead body.
      res.flushHeaders();
      setImmediate(destroy);
      return;
    }
    res.write(data, destroy);
  });
}

/**
 * Streams the pieces of a body whose headers are already set, in writes of about {@link CHUNK_SIZE}, waiting for
 * 'drain' whenever `res.write` says the socket is full. Only one chunk is held at a time, so the body can be far
 * larger than memory. Stops as soon as the client closes the connection.
 */
export async function streamPieces(
  res: ServerResponse,
  pieces: Iterable<string>,
  options: StreamOptions = {},
): Promise<StreamOutcome> {
  const cutAfter = options.cutAfterBytes ?? Infinity;
  let bytesWritten = 0;
  let pending: string[] = [];
  let pendingLength = 0;

  /** Writes the gathered pieces; false when the stream must stop (client gone, or the cut reached). */
  const flush = async (): Promise<boolean> => {
    if (res.destroyed || res.writableEnded) {
      return false;
    }
    const chunk = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    if (bytesWritten + chunk.length >= cutAfter) {
      const head = chunk.subarray(0, cutAfter - bytesWritten);
      bytesWritten += head.length;
      await writeThenDestroy(res, head);
      return false;
    }
    if (chunk.length === 0) {
      return true;
    }
    bytesWritten += chunk.length;
    if (!res.write(chunk)) {
      await drainedOrClosed(res);
    }
    return !res.destroyed;
  };

  for (const piece of pieces) {
    pending.push(piece);
    pendingLength += piece.length;
    if (pendingLength >= CHUNK_SIZE && !(await flush())) {
      return { bytesWritten, completed: false };
    }
  }
  if (!(await flush())) {
    return { bytesWritten, completed: false };
  }
  await new Promise<void>(resolve => res.end(resolve));
  return { bytesWritten, completed: true };
}

/**
 * Sends `body` with the content-length of all of it, but only its first `afterBytes` bytes (at most all but the
 * last byte), then destroys the socket: a response cut off mid-way, as a crashed proxy or reset connection leaves.
 */
export async function sendTruncated(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  afterBytes: number,
): Promise<StreamOutcome> {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': bytes.length,
  });
  return streamPieces(res, [body], {
    cutAfterBytes: Math.min(afterBytes, Math.max(bytes.length - 1, 0)),
  });
}
