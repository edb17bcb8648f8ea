import { BodyCutOffError, BodyTooLargeError } from './readBoundedChunks';
import { readLines } from './readLines';

const encoder = new TextEncoder();

async function* chunks(...parts: (string | Error)[]) {
  for (const part of parts) {
    if (part instanceof Error) throw part;
    yield encoder.encode(part);
  }
}

async function lines(body: AsyncIterable<Uint8Array>, maxLineBytes = 1000) {
  const seen: string[] = [];
  await readLines(body, { maxLineBytes, onLine: line => seen.push(line) });
  return seen;
}

describe('readLines', () => {
  it('gives each line as its newline arrives, across chunk borders and split characters', async () => {
    const euro = encoder.encode('€');
    async function* body() {
      yield encoder.encode('{"a":1}\n{"b":');
      yield encoder.encode('2}\n\n  \n{"c":"');
      yield euro.slice(0, 1);
      yield euro.slice(1);
      yield encoder.encode('"}');
    }
    expect(await lines(body())).toEqual(['{"a":1}', '{"b":2}', '{"c":"€"}']);
  });

  it('stops at a line longer than the limit', async () => {
    await expect(lines(chunks('short\n', 'x'.repeat(50)), 20)).rejects.toThrow(
      BodyTooLargeError,
    );
  });

  it('reports a connection that breaks mid-way as cut off, with what had arrived', async () => {
    const error = await lines(
      chunks('one\n', 'tw', new Error('socket hang up')),
    ).catch(e => e);
    expect(error).toBeInstanceOf(BodyCutOffError);
    expect(error.receivedBytes).toBe(6);
  });

  it('passes on what the line handler throws and releases the body', async () => {
    let released = false;
    async function* body() {
      try {
        yield encoder.encode('first\nsecond\n');
        yield encoder.encode('never read\n');
      } finally {
        released = true;
      }
    }
    const refused = new Error('refused');
    await expect(
      readLines(body(), {
        maxLineBytes: 100,
        onLine: () => {
          throw refused;
        },
      }),
    ).rejects.toBe(refused);
    expect(released).toBe(true);
  });
});
