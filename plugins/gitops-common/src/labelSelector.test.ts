import { LabelSelectorError, parseLabelSelector } from './labelSelector';

describe('parseLabelSelector', () => {
  it('reads every operator of the Kubernetes grammar', () => {
    expect(
      parseLabelSelector(
        'a=b, c==d, e!=f, g in (h, i), j notin (k), l, !m, n>1, o<2',
      ),
    ).toEqual([
      { key: 'a', operator: 'equals', values: ['b'] },
      { key: 'c', operator: 'equals', values: ['d'] },
      { key: 'e', operator: 'notEquals', values: ['f'] },
      { key: 'g', operator: 'in', values: ['h', 'i'] },
      { key: 'j', operator: 'notIn', values: ['k'] },
      { key: 'l', operator: 'exists', values: [] },
      { key: 'm', operator: 'doesNotExist', values: [] },
      { key: 'n', operator: 'greaterThan', values: ['1'] },
      { key: 'o', operator: 'lessThan', values: ['2'] },
    ]);
  });

  it('accepts prefixed keys, empty values and odd spacing', () => {
    expect(
      parseLabelSelector(
        '  app.kubernetes.io/part-of = payments-api ,env in(prod,staging),x=',
      ),
    ).toEqual([
      {
        key: 'app.kubernetes.io/part-of',
        operator: 'equals',
        values: ['payments-api'],
      },
      { key: 'env', operator: 'in', values: ['prod', 'staging'] },
      { key: 'x', operator: 'equals', values: [''] },
    ]);
  });

  it('reads empty members of a value set as the empty value, as Kubernetes does', () => {
    expect(parseLabelSelector('a in (), b in (,x), c notin (x,)')).toEqual([
      { key: 'a', operator: 'in', values: [''] },
      { key: 'b', operator: 'in', values: ['', 'x'] },
      { key: 'c', operator: 'notIn', values: ['x', ''] },
    ]);
  });

  it('takes `in` and `notin` as plain words where a key or value stands', () => {
    expect(parseLabelSelector('in=notin, notin in (in)')).toEqual([
      { key: 'in', operator: 'equals', values: ['notin'] },
      { key: 'notin', operator: 'in', values: ['in'] },
    ]);
  });

  it('treats an empty or blank selector as no requirement', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector(' \t\r\n')).toEqual([]);
  });

  it.each([
    ['a b', "found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['=b', "found '=', expected: !, identifier, or 'end of string'"],
    ['a in b', "found 'b', expected: '('"],
    ['a in (b', "found '', expected: ',', ')' or identifier"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a>b', "for 'Gt', 'Lt' operators, the value must be an integer"],
    ['a=b/c', 'Invalid value: "b/c"'],
    ['-a=b', 'Invalid value: "-a"'],
    ['Foo_/a=b', 'prefix part must be a lowercase RFC 1123 subdomain'],
    ['/a=b', 'prefix part must be non-empty'],
    ['a/b/c=d', 'a qualified name must consist of'],
    [`${'k'.repeat(64)}=v`, 'name part must be no more than 63 characters'],
    [`a=${'v'.repeat(64)}`, 'must be no more than 63 characters'],
    // Only the whitespace of the Kubernetes lexer separates words.
    ['a=b\u00a0', 'Invalid value: "b\u00a0"'],
  ])('rejects %j', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(LabelSelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});
