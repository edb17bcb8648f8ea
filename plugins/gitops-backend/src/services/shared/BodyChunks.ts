import { BodyCutOffError } from './readBoundedChunks';

/** An abort (a timeout or a deadline) as fetch surfaces it. */
export function isAbort(error: unknown): boolean {
  const name = (error as Error)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * A response body read chunk by chunk, for the readers that work as it
 * arrives: counts the bytes, rethrows aborts as they are and turns any
 * other read failure into a {@link BodyCutOffError}, and releases the
 * connection when the reader stops early.
 */
export class BodyChunks {
  readonly #chunks: AsyncIterator<Uint8Array> | undefined;
  #ended: boolean;
  #received = 0;

  constructor(body: AsyncIterable<Uint8Array> | null | undefined) {
    this.#chunks = body?.[Symbol.asyncIterator]();
    this.#ended = !this.#chunks;
  }

  /** Bytes read so far. */
  get received(): number {
    return this.#received;
  }

  /** The next chunk, or undefined at the end of the body. */
  async next(): Promise<Uint8Array | undefined> {
    if (this.#ended) {
      return undefined;
    }
    let next: IteratorResult<Uint8Array>;
    try {
      next = await this.#chunks!.next();
    } catch (error) {
      this.#ended = true;
      throw isAbort(error) ? error : new BodyCutOffError(this.#received, error);
    }
    if (next.done) {
      this.#ended = true;
      return undefined;
    }
    this.#received += next.value.byteLength;
    return next.value;
  }

  /** Stops the body and closes the connection, unless it was read to the end. */
  async release(): Promise<void> {
    if (!this.#ended) {
      this.#ended = true;
      await this.#chunks?.return?.().catch(() => undefined);
    }
  }
}
