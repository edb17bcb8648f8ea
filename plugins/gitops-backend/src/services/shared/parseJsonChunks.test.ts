import { parseJsonChunks } from './parseJsonChunks';

/** A list large enough to be parsed from its chunks. */
function large(document: Record<string, unknown>, count = 3_000) {
  return {
    ...document,
    items: Array.from({ length: count }, (_, i) => ({
      metadata: { name: `app-${i}`, labels: { team: 'payments' } },
      spec: { source: { repoURL: 'https://git.example/acme.git' } },
      status: {
        message: 'line "one"\n\\ line two, {not} [json] é 🚀 \\"',
        count: i,
        ok: i % 2 === 0,
        nothing: null,
      },
    })),
  };
}

/** The UTF-8 bytes of `text` cut every `size` bytes (through multi-byte characters too). */
function chunked(text: string, size: number): Uint8Array[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    chunks.push(bytes.subarray(at, at + size));
  }
  return chunks;
}

/** Parsed from chunks whatever the size. */
const fromChunks = (text: string, size: number) =>
  parseJsonChunks(chunked(text, size), undefined, { oneGoBelowBytes: 0 });

const documents: Array<[string, string]> = [
  ['a small object', '{"a":[1,2,{"b":"c"}],"d":{"e":[]},"f":-1.5e3}'],
  ['a string', '"text with \\" quote"'],
  ['a number', '42'],
  ['true', ' true '],
  ['empty object and array', '{"a":{},"b":[],"c":[[]],"d":""}'],
  ['an array at the top', JSON.stringify(large({}, 50).items)],
  [
    'a list with members around the items',
    JSON.stringify(
      large(
        {
          metadata: { resourceVersion: '42' },
          empty: [],
          nested: [[1, [2]], { x: [3] }, 'a,b]', -1.5e3, true, null],
          s: 'quote \\" and } and ]',
        },
        50,
      ),
    ),
  ],
  [
    'the same with whitespace everywhere',
    JSON.stringify(large({ metadata: { a: 1 }, extra: [1, 2] }, 20), null, 2),
  ],
];

describe('parseJsonChunks', () => {
  it.each(documents)(
    'equals JSON.parse for %s, in chunks of 1, 7 and 4096 bytes',
    async (_name, text) => {
      const expected = JSON.parse(text);
      for (const size of [1, 7, 4096]) {
        expect(await fromChunks(text, size)).toEqual(expected);
      }
    },
  );

  it('parses a large list from 64 KiB chunks, without a one-go parse', async () => {
    const text = JSON.stringify(large({ metadata: {} }));
    expect(await parseJsonChunks(chunked(text, 65_536))).toEqual(
      JSON.parse(text),
    );
  });

  it('maps the chosen member as elements are parsed, in small and large answers', async () => {
    const map = (element: any, index: number) =>
      `${index}:${element.metadata.name}`;
    for (const count of [3, 3_000]) {
      const text = JSON.stringify(
        large({ other: [{ metadata: { name: 'x' } }] }, count),
      );
      const parsed = (await parseJsonChunks(chunked(text, 65_536), {
        member: 'items',
        map,
      })) as any;
      expect(parsed.items).toHaveLength(count);
      expect(parsed.items[count - 1]).toBe(`${count - 1}:app-${count - 1}`);
      expect(parsed.other).toEqual([{ metadata: { name: 'x' } }]);
    }
  });

  it('treats __proto__ and duplicate keys like JSON.parse', async () => {
    const text = '{"__proto__":{"polluted":true},"k":1,"k":2,"items":[]}';
    const parsed = (await fromChunks(text, 3)) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed.k).toBe(2);
  });

  const valid = JSON.stringify(large({ flag: true, n: 1 }, 30));
  it.each([
    ['cut off inside the items', valid.slice(0, valid.length - 500)],
    ['cut off inside a string', valid.slice(0, valid.indexOf('line') + 3)],
    ['cut off after the items', valid.slice(0, -1)],
    ['a missing comma between items', valid.replace('}},{', '}}{')],
    ['a missing comma between members', valid.replace(',"n"', '"n"')],
    ['a missing colon', valid.replace('"items":', '"items" ')],
    ['trailing data', `${valid} {}`],
    ['a bad token inside an item', valid.replace('true', 'tru')],
    ['a trailing comma in the items', valid.replace(/\]\}$/, ',]}')],
    ['a trailing comma in the object', valid.replace(/\}$/, ',}')],
    ['a key that is not a string', valid.replace('"flag"', 'flag')],
    ['nothing at all', ''],
  ])('throws a SyntaxError for %s', async (_name, text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    for (const size of [1, 64, 65_536]) {
      await expect(fromChunks(text, size)).rejects.toThrow(SyntaxError);
    }
  });

  it('lets timers run while a large answer is parsed', async () => {
    const text = JSON.stringify(large({}, 40_000));
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 1);
    try {
      const parsed = (await parseJsonChunks(chunked(text, 65_536))) as {
        items: unknown[];
      };
      expect(parsed.items).toHaveLength(40_000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
  });
});
