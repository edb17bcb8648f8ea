import { parse } from 'shell-quote';
import { detail, entry, sha } from '../__testUtils__/builders';
import { planRollback } from './planRollback';
import { shellArg, shellComment } from './shell';

const degraded = { status: 'Degraded' as const };

describe('shellArg', () => {
  it.each(['payments-api', 'team-shop/checkout-web', 'v1.2.3', sha('a')])(
    'leaves the plain word %j bare',
    word => {
      expect(shellArg(word)).toBe(word);
    },
  );

  it.each([
    'x; rm -rf /',
    '$(id)',
    '`id`',
    '$HOME',
    "it's",
    "it's $(id)!",
    'a"b\\c',
    'two\nlines',
    '',
  ])('keeps %j one inert argument', value => {
    expect(parse(`argocd app set x --revision ${shellArg(value)}`)).toEqual([
      'argocd',
      'app',
      'set',
      'x',
      '--revision',
      value,
    ]);
  });
});

describe('shellComment', () => {
  it('keeps a line break in the text from starting a command', () => {
    expect(shellComment('in a clone of https://x.test/r.git\nrm -rf ~')).toBe(
      '# in a clone of https://x.test/r.git rm -rf ~',
    );
  });
});

describe('rollback commands', () => {
  it('pass hostile revisions and chart names as single arguments', () => {
    const plan = planRollback(
      detail({
        health: degraded,
        source: {
          repoURL: 'https://charts.example.com',
          chart: "redis'; rm -rf / #",
          targetRevision: '$(id)',
        },
        sync: { status: 'Synced', revision: '$(id)' },
        history: [entry(2, '$(id)'), entry(1, 'x; rm -rf /')],
      }),
    );
    expect(
      plan.steps.flatMap(step => step.commands).map(c => parse(c)),
    ).toEqual([
      ['grep', '-rn', 'targetRevision: $(id)', '.'],
      [
        'git',
        'commit',
        '-am',
        "Roll back chart redis'; rm -rf / # to x; rm -rf /",
      ],
      ['git', 'push'],
      ['argocd', 'app', 'rollback', 'checkout-web', '1'],
      ['argocd', 'app', 'set', 'checkout-web', '--revision', 'x; rm -rf /'],
    ]);
  });
});
