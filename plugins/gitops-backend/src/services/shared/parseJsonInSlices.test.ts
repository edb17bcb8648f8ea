import { parseJsonInSlices } from './parseJsonInSlices';

/** Pads a document past the size below which it is parsed in one go. */
function large(document: Record<string, unknown>, count = 6_000) {
  return {
    ...document,
    items: Array.from({ length: count }, (_, i) => ({
      metadata: { name: `app-${i}`, labels: { team: 'payments' } },
      spec: { source: { repoURL: 'https://git.example/acme.git' } },
      status: { message: 'line "one"\n\\ line two \u00e9 \ud83d\ude80' },
    })),
  };
}

describe('parseJsonInSlices', () => {
  it.each([
    ['a small document', '{"a":[1,2,{"b":"c"}]}'],
    ['a scalar', '"text"'],
    ['an array at the top', JSON.stringify(large({}).items)],
    [
      'an object with array and scalar members',
      JSON.stringify(
        large({
          metadata: { resourceVersion: '42' },
          empty: [],
          nested: [[1, [2]], { x: [3] }, 'a,b]', -1.5e3, true, null],
          n: 0,
          s: 'quote \\" and } and ]',
        }),
      ),
    ],
    [
      'the same with whitespace everywhere',
      JSON.stringify(large({ metadata: { a: 1 }, extra: [1, 2] }), null, 2),
    ],
  ])('equals JSON.parse for %s', async (_name, text) => {
    expect(await parseJsonInSlices(text)).toEqual(JSON.parse(text));
  });

  it('treats __proto__ and duplicate keys like JSON.parse', async () => {
    const body = JSON.stringify(large({})).slice(1);
    const text = `{"__proto__":{"polluted":true},"k":1,"k":2,${body}`;
    const parsed = (await parseJsonInSlices(text)) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed.k).toBe(2);
  });

  it.each([
    ['cut off inside the items', (t: string) => t.slice(0, t.length - 5000)],
    [
      'cut off inside a string',
      (t: string) => t.slice(0, t.indexOf('line') + 3),
    ],
    ['a missing comma', (t: string) => t.replace('},{', '}{')],
    ['a missing colon', (t: string) => t.replace('"items":', '"items" ')],
    ['trailing data', (t: string) => `${t} {}`],
    ['a bad token inside an item', (t: string) => t.replace('true', 'tru')],
    ['a trailing comma', (t: string) => t.replace(/\]\}$/, ',]}')],
  ])('throws a SyntaxError for %s', async (_name, damage) => {
    const text = damage(
      JSON.stringify(large({ flag: true, items: [] }), null, 0),
    );
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    await expect(parseJsonInSlices(text)).rejects.toThrow(SyntaxError);
  });

  it('lets timers run while a large answer is parsed', async () => {
    const text = JSON.stringify(large({}, 60_000));
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 1);
    try {
      const parsed = (await parseJsonInSlices(text)) as { items: unknown[] };
      expect(parsed.items).toHaveLength(60_000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
  });
});
