import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from './labelSelector';

const labels = {
  'app.kubernetes.io/part-of': 'payments-api',
  env: 'prod',
  tier: 'backend',
  replicas: '3',
  empty: '',
};

const matches = (selector: string, target: Record<string, string> = labels) =>
  matchesLabelSelector(parseLabelSelector(selector), target);

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

  it('treats an empty or blank selector as no requirement', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('   ')).toEqual([]);
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
  ])('rejects %j', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(LabelSelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});

describe('matchesLabelSelector', () => {
  it('matches equality and set membership', () => {
    expect(matches('app.kubernetes.io/part-of=payments-api')).toBe(true);
    expect(matches('app.kubernetes.io/part-of==payments-api,env=prod')).toBe(
      true,
    );
    expect(matches('env=staging')).toBe(false);
    expect(matches('env in (staging, prod)')).toBe(true);
    expect(matches('env in (dev)')).toBe(false);
    expect(matches('env notin (dev, staging)')).toBe(true);
    expect(matches('env notin (prod)')).toBe(false);
  });

  it('lets a missing label satisfy != and notin, as Kubernetes does', () => {
    expect(matches('team!=orders')).toBe(true);
    expect(matches('team notin (orders)')).toBe(true);
    expect(matches('env!=prod')).toBe(false);
  });

  it('checks existence and absence', () => {
    expect(matches('tier')).toBe(true);
    expect(matches('!tier')).toBe(false);
    expect(matches('!team')).toBe(true);
    expect(matches('team')).toBe(false);
    expect(matches('empty=')).toBe(true);
    expect(matches('tier=')).toBe(false);
  });

  it('compares integers with > and <', () => {
    expect(matches('replicas>2')).toBe(true);
    expect(matches('replicas<3')).toBe(false);
    expect(matches('tier>1')).toBe(false);
  });

  it('requires every comma-separated requirement', () => {
    expect(matches('env=prod,tier=backend,!team')).toBe(true);
    expect(matches('env=prod,tier=frontend')).toBe(false);
  });

  it('matches everything with an empty selector, even unlabelled objects', () => {
    expect(matchesLabelSelector(parseLabelSelector(''), undefined)).toBe(true);
    expect(matchesLabelSelector(parseLabelSelector('env'), undefined)).toBe(
      false,
    );
  });
});
