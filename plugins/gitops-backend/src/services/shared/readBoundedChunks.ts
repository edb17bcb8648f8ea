import { WorkSlicer } from './eventLoop';

/** The answer grew past the configured maximum; reading stopped there. */
export class BodyTooLargeError extends Error {
  name = 'BodyTooLargeError' as const;

  constructor(readonly maxBytes: number, declaredBytes?: number) {
    super(
      declaredBytes === undefined
        ? `the answer exceeded ${formatBytes(maxBytes)}`
        : `the answer declared ${formatBytes(
            declaredBytes,
          )}, more than ${formatBytes(maxBytes)}`,
    );
  }
}

/** The connection failed after the answer had started: the body is cut off. */
export class BodyCutOffError extends Error {
  name = 'BodyCutOffError' as const;

  constructor(readonly receivedBytes: number, readonly cause: unknown) {
    super(`the answer was cut off after ${formatBytes(receivedBytes)}`);
  }
}

/** `32 MiB`, `512 KiB`, `900 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mib = bytes / (1024 * 1024);
    return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
  }
  if (bytes >= 1024) {
    const kib = bytes / 1024;
    return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB`;
  }
  return `${bytes} bytes`;
}

function isAbort(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Reads a response body into the chunks it arrives in, counting bytes and
 * stopping (which closes the connection) as soon as `maxBytes` is passed,
 * so an oversized answer costs at most `maxBytes` of memory. A declared
 * `Content-Length` above the limit is refused before reading. Aborts
 * (timeouts, deadlines) are rethrown as they are; any other failure while
 * reading becomes a {@link BodyCutOffError}. The chunks are never joined:
 * see `parseJsonChunks`.
 */
export async function readBoundedChunks(
  body: AsyncIterable<Uint8Array> | null | undefined,
  options: { maxBytes: number; contentLength?: string | null },
): Promise<Uint8Array[]> {
  const { maxBytes } = options;
  const declared = Number(options.contentLength ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await cancel(body);
    throw new BodyTooLargeError(maxBytes, declared);
  }
  if (!body) {
    return [];
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  // Chunks already buffered arrive as microtasks, which would starve other
  // requests' I/O for as long as a fast upstream keeps sending.
  const slicer = new WorkSlicer();
  try {
    for await (const chunk of body) {
      received += chunk.byteLength;
      if (received > maxBytes) {
        // Leaving the loop cancels the stream and closes the connection.
        chunks.length = 0;
        throw new BodyTooLargeError(maxBytes);
      }
      chunks.push(chunk);
      if (slicer.due()) {
        await slicer.pause();
      }
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError || isAbort(error)) {
      throw error;
    }
    throw new BodyCutOffError(received, error);
  }
  return chunks;
}

/** Error bodies are read for their message only. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The text of a non-2xx answer, for its message: at most
 * {@link MAX_ERROR_BODY_BYTES}, and empty when it is longer (a proxy's huge
 * error page says nothing useful). Other read failures are thrown as by
 * {@link readBoundedChunks}.
 */
export async function readErrorText(
  body: AsyncIterable<Uint8Array> | null | undefined,
  contentLength?: string | null,
): Promise<string> {
  try {
    const chunks = await readBoundedChunks(body, {
      maxBytes: MAX_ERROR_BODY_BYTES,
      contentLength,
    });
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return '';
    }
    throw error;
  }
}

/** What went wrong with an answer's body, after "answered <what> with …", for both upstreams. */
export function describeBodyFailure(
  what: string,
  error: BodyTooLargeError | BodyCutOffError,
  advice = "narrow the entity's selection or raise gitops.limits.maxResponseMegabytes",
): string {
  return error instanceof BodyTooLargeError
    ? `answered ${what} with more than the ${formatBytes(
        error.maxBytes,
      )} limit (${error.message}); ${advice}`
    : `answered ${what} with a body that was cut off after ${formatBytes(
        error.receivedBytes,
      )}`;
}

/** True for the errors {@link describeBodyFailure} words. */
export function isBodyFailure(
  error: unknown,
): error is BodyTooLargeError | BodyCutOffError {
  return error instanceof BodyTooLargeError || error instanceof BodyCutOffError;
}

/** The total size of an answer's chunks. */
export function byteLength(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
}

async function cancel(
  body: AsyncIterable<Uint8Array> | null | undefined,
): Promise<void> {
  const stream = body as
    | { cancel?: () => Promise<void>; destroy?: () => void }
    | null
    | undefined;
  try {
    if (typeof stream?.cancel === 'function') {
      await stream.cancel();
    } else if (typeof stream?.destroy === 'function') {
      stream.destroy();
    }
  } catch {
    // Nothing more to release.
  }
}
