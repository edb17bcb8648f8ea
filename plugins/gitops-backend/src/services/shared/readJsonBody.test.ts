import { BodyCutOffError, BodyTooLargeError } from './readBoundedChunks';
import { MalformedJsonError, readJsonBody } from './readJsonBody';

const encoder = new TextEncoder();

/** A body in chunks of `size` bytes, noting whether it was read to the end or released early. */
function body(text: string, size = 64 * 1024, failAfter?: number) {
  const bytes = encoder.encode(text);
  const seen = { released: false, chunks: 0 };
  async function* chunks() {
    try {
      for (let at = 0; at < bytes.length; at += size) {
        if (failAfter !== undefined && seen.chunks >= failAfter) {
          throw new Error('socket hang up');
        }
        seen.chunks += 1;
        yield bytes.slice(at, at + size);
      }
    } finally {
      seen.released = seen.chunks * size < bytes.length;
    }
  }
  return { chunks: chunks(), seen };
}

function list(count: number) {
  return JSON.stringify({
    metadata: { resourceVersion: '7' },
    items: Array.from({ length: count }, (_, i) => ({
      metadata: { name: `app-${i}` },
      padding: 'x'.repeat(400),
    })),
  });
}

const names = {
  member: 'items',
  map: (item: unknown) =>
    (item as { metadata: { name: string } }).metadata.name,
};

describe('readJsonBody', () => {
  it('parses a small body in one go and a large one as it arrives, with the same result', async () => {
    for (const count of [3, 5_000]) {
      const text = list(count);
      const { json, bytes } = await readJsonBody(body(text).chunks, {
        maxBytes: 10 * 1024 * 1024,
        mapping: names,
      });
      expect(bytes).toBe(encoder.encode(text).length);
      expect(json).toEqual({
        metadata: { resourceVersion: '7' },
        items: Array.from({ length: count }, (_, i) => `app-${i}`),
      });
    }
  });

  it('refuses a declared or actual size over the limit and stops reading', async () => {
    const declared = body(list(10));
    await expect(
      readJsonBody(declared.chunks, { maxBytes: 100, contentLength: '5000' }),
    ).rejects.toThrow(BodyTooLargeError);
    const actual = body(list(5_000));
    await expect(
      readJsonBody(actual.chunks, { maxBytes: 1024 * 1024 }),
    ).rejects.toThrow(BodyTooLargeError);
    expect(actual.seen.released).toBe(true);
  });

  it('says how much had arrived when a body is cut off or turns out not to be JSON', async () => {
    const cut = body(list(5_000), 64 * 1024, 12);
    const cutError = await readJsonBody(cut.chunks, {
      maxBytes: 10 * 1024 * 1024,
    }).catch(error => error);
    expect(cutError).toBeInstanceOf(BodyCutOffError);
    expect(cutError.receivedBytes).toBe(12 * 64 * 1024);

    const element = JSON.stringify({
      metadata: { name: 'a' },
      pad: 'x'.repeat(400),
    });
    const broken = body(
      `{"items":[${Array(2_000).fill(element).join(',')},}${' '.repeat(
        2_000_000,
      )}`,
    );
    const brokenError = await readJsonBody(broken.chunks, {
      maxBytes: 10 * 1024 * 1024,
    }).catch(error => error);
    expect(brokenError).toBeInstanceOf(MalformedJsonError);
    expect(brokenError.bytes).toBeLessThan(1024 * 1024);
    expect(broken.seen.released).toBe(true);

    await expect(
      readJsonBody(body('{"items": [').chunks, { maxBytes: 1000 }),
    ).rejects.toThrow(MalformedJsonError);
  });

  it('passes on what the mapping throws and releases the body', async () => {
    const refused = new Error('not an application');
    const large = body(list(5_000));
    await expect(
      readJsonBody(large.chunks, {
        maxBytes: 10 * 1024 * 1024,
        mapping: {
          member: 'items',
          map: () => {
            throw refused;
          },
        },
      }),
    ).rejects.toBe(refused);
    expect(large.seen.released).toBe(true);
  });
});
