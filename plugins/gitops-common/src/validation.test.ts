import {
  isCommitSha,
  validateApplicationName,
  validateInstanceName,
  validateLabelSelector,
  validateNamespace,
  validateRevision,
} from './validation';

const TEN_KB = 'a'.repeat(10 * 1024);

/** Inputs that must never get through any validator. */
const HOSTILE = [
  '',
  '../',
  '../../etc/passwd',
  '..',
  'a/../b',
  'name?x=1',
  'a&b',
  'a#b',
  '%2F',
  'a%2Fb',
  'a b',
  'a\nb',
  '$(rm -rf /)',
  '`id`',
  'a;b',
  '<script>',
  TEN_KB,
];

describe('validateApplicationName', () => {
  it.each([
    'checkout-web',
    'a',
    'payments.api',
    'app-01.prod',
    `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
  ])('accepts %j', name => {
    expect(validateApplicationName(name)).toBeUndefined();
  });

  it.each([
    ['Checkout', 'lowercase'],
    ['-web', 'starting and ending'],
    ['web-', 'starting and ending'],
    ['web_api', 'lowercase'],
    ['a..b', 'lowercase'],
    ['.web', 'lowercase'],
    ['a/b', 'lowercase'],
    ['a'.repeat(254), 'at most 253'],
    ...HOSTILE.map(input => [input, ''] as [string, string]),
  ])('rejects %j', (name, reason) => {
    const error = validateApplicationName(name);
    expect(error).toEqual(expect.any(String));
    expect(error).toContain(reason);
  });
});

describe('validateNamespace', () => {
  it.each(['argocd', 'team-a', 'a1', 'a'.repeat(63)])('accepts %j', ns => {
    expect(validateNamespace(ns)).toBeUndefined();
  });

  it.each([
    'Argocd',
    'team.a',
    'team_a',
    '-a',
    'a-',
    'a'.repeat(64),
    ...HOSTILE,
  ])('rejects %j', ns => {
    expect(validateNamespace(ns)).toEqual(expect.any(String));
  });
});

describe('validateInstanceName', () => {
  it.each(['prod', 'Prod-EU_1', 'argocd.example', 'a'.repeat(63)])(
    'accepts %j',
    name => {
      expect(validateInstanceName(name)).toBeUndefined();
    },
  );

  it.each(['-prod', '_prod', '.prod', 'a'.repeat(64), 'prod/eu', ...HOSTILE])(
    'rejects %j',
    name => {
      expect(validateInstanceName(name)).toEqual(expect.any(String));
    },
  );
});

describe('validateLabelSelector', () => {
  it.each([
    'app=checkout',
    'app==checkout',
    'app!=checkout',
    'app',
    '!app',
    'app in (checkout,payments)',
    'app notin (legacy)',
    'app in(checkout)',
    'app.kubernetes.io/part-of=shop,env=prod',
    'backstage.io/kubernetes-id=checkout-web',
    ' app = checkout , tier in ( web , api ) ',
    'env=',
    'team=A_b.c-1',
    `app=${'v'.repeat(63)}`,
  ])('accepts %j', selector => {
    expect(validateLabelSelector(selector)).toBeUndefined();
  });

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    ['app=checkout&env=prod', 'unexpected character "&"'],
    ['app=checkout?x', 'unexpected character "?"'],
    ['app=checkout#x', 'unexpected character "#"'],
    ['app=%2F', 'unexpected character "%"'],
    ['app=a/b', 'Invalid value: "a/b"'],
    ['../app=a', "must not contain '..'"],
    ['app=a..b', "must not contain '..'"],
    ['a/b/c=x', 'a qualified name must consist of'],
    ['Example.COM/app=x', 'prefix part must be a lowercase RFC 1123'],
    ['-app=x', 'Invalid value: "-app"'],
    [`app=${'v'.repeat(64)}`, 'no more than 63 characters'],
    [`${'k'.repeat(64)}=v`, 'name part must be no more than 63'],
    ['app in ()', 'the value set of "app in" must not be empty'],
    ['app notin (,)', 'the value set of "app notin" must not be empty'],
    ['app in (a', "found '', expected: ',', ')' or identifier"],
    ['app in a', "found 'a', expected: '('"],
    ['app > 5', 'unexpected character ">"'],
    ['app=a b', "found 'b', expected: ',' or 'end of string'"],
    ['app=x,', "found '', expected: identifier after ','"],
    [',app=x', "found ',', expected: !, identifier"],
    ['!app=x', "found '=', expected: ',' or 'end of string'"],
    ['app exists', "found 'exists', expected: in, notin, =, ==, !="],
    ['app=(x)', "found '(', expected: identifier"],
    [`app=${'a,'.repeat(600)}`, 'at most 1024'],
    [TEN_KB, 'at most 1024'],
    ['app=x;rm', 'unexpected character ";"'],
    ['app="x"', 'unexpected character'],
  ])('rejects %j (%s)', (selector, reason) => {
    expect(validateLabelSelector(selector)).toContain(reason);
  });
});

describe('validateRevision', () => {
  it.each([
    'HEAD',
    'main',
    'refs/heads/main',
    'release/2024.05',
    'v1.2.3',
    '1.2.3-rc.1+build.5',
    '0.45.27',
    '1.2.*',
    '^1.2.0',
    '~1.2',
    '*',
    '53e28ff20cc530b9ada2173fbbd64d48338583ba',
    'ea87599',
    'a'.repeat(255),
  ])('accepts %j', revision => {
    expect(validateRevision(revision)).toBeUndefined();
  });

  it.each([
    '-n',
    '--upload-pack=evil',
    '>=1.0.0',
    'main>out',
    '/main',
    'main/',
    'a//b',
    'main/../x',
    'main..other',
    'main?x',
    'main#x',
    'main&x',
    'main%2F..',
    'a'.repeat(256),
    ...HOSTILE,
  ])('rejects %j', revision => {
    expect(validateRevision(revision)).toEqual(expect.any(String));
  });
});

describe('isCommitSha', () => {
  it('tells SHAs from refs', () => {
    expect(isCommitSha('53e28ff20cc530b9ada2173fbbd64d48338583ba')).toBe(true);
    expect(isCommitSha('main')).toBe(false);
    expect(isCommitSha(undefined)).toBe(false);
  });
});
