import { Readable } from 'node:stream';
import {
  BodyCutOffError,
  BodyTooLargeError,
  formatBytes,
  readBoundedChunks,
  readErrorText,
} from './readBoundedChunks';

function chunks(count: number, size: number, fail?: Error) {
  let sent = 0;
  return Readable.from(
    (async function* generate() {
      while (sent < count) {
        sent += 1;
        yield Buffer.alloc(size, 'a');
      }
      if (fail) {
        throw fail;
      }
    })(),
  );
}

describe('readBoundedChunks', () => {
  it('reads a body within the limit into the chunks it arrived in', async () => {
    const first = Buffer.from('{"name":"caf');
    const second = Buffer.from('é"}');
    const read = await readBoundedChunks(Readable.from([first, second]), {
      maxBytes: 100,
    });
    expect(read).toEqual([first, second]);
    expect(Buffer.concat(read).toString('utf8')).toBe('{"name":"café"}');
  });

  it('reads an error body as text, and leaves out one too long to be a message', async () => {
    expect(
      await readErrorText(Readable.from([Buffer.from('{"message":"no"}')])),
    ).toBe('{"message":"no"}');
    expect(await readErrorText(chunks(100, 1024))).toBe('');
    expect(await readErrorText(chunks(1, 10), String(10 * 1024 * 1024))).toBe(
      '',
    );
  });

  it('stops as soon as the limit is passed, without reading the rest', async () => {
    let pulled = 0;
    const body = (async function* generate() {
      for (;;) {
        pulled += 1;
        yield Buffer.alloc(1024);
      }
    })();
    const error = await readBoundedChunks(body, { maxBytes: 10 * 1024 }).catch(
      e => e,
    );
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error.message).toBe('the answer exceeded 10 KiB');
    expect(pulled).toBe(11);
  });

  it('refuses a declared length above the limit before reading', async () => {
    const body = chunks(1, 10);
    const error = await readBoundedChunks(body, {
      maxBytes: 1024,
      contentLength: String(3 * 1024 * 1024),
    }).catch(e => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error.message).toBe('the answer declared 3 MiB, more than 1 KiB');
    expect(body.destroyed).toBe(true);
  });

  it('turns a connection failure mid-body into BodyCutOffError', async () => {
    const error = await readBoundedChunks(
      chunks(3, 100, new Error('socket hang up')),
      { maxBytes: 1024 },
    ).catch(e => e);
    expect(error).toBeInstanceOf(BodyCutOffError);
    expect(error.receivedBytes).toBe(300);
  });

  it('rethrows aborts as they are, for timeout reporting', async () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    const error = await readBoundedChunks(chunks(1, 10, abort), {
      maxBytes: 1024,
    }).catch(e => e);
    expect(error).toBe(abort);
  });

  it('formats sizes for messages', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(32 * 1024 * 1024)).toBe('32 MiB');
  });
});
