import { createMockDirectory } from '@backstage/backend-test-utils';
import { entryMarkdown, questionMeta } from './__fixtures__/knowledgeFixtures';
import { sortEntries } from './entryOrder';
import { formatProblem, loadKnowledgeBase } from './loadKnowledgeBase';

describe('question order', () => {
  const mockDir = createMockDirectory();
  const bundled = () => mockDir.resolve('bundled');
  const org = () => mockDir.resolve('org');
  const question = (id: string, extra: Record<string, unknown>) =>
    entryMarkdown(questionMeta(id, { title: `Title ${id}`, ...extra }));

  beforeEach(() => {
    // Titles sort the other way round from the orders.
    mockDir.setContent({
      bundled: {
        'c-principles.md': question('c-principles', { order: 1 }),
        'b-declarative.md': question('b-declarative', { order: 2 }),
        'a-argocd.md': question('a-argocd', { order: 3 }),
        'z-senior.md': question('z-senior', { level: 'senior', order: 1 }),
      },
      org: {},
    });
  });

  const load = () =>
    loadKnowledgeBase({
      directories: [bundled()],
      organizationDirectories: [org()],
    });

  /** The organization's problems, as `file: field: reason` lines. */
  const problemsOf = async () => (await load()).problems.map(formatProblem);

  const ids = async () => (await load()).entries.map(e => e.id);

  it('orders each level by `order`, not by title', async () => {
    expect(await ids()).toEqual([
      'c-principles',
      'b-declarative',
      'a-argocd',
      'z-senior',
    ]);
  });

  it('puts organization questions without an order after the ordered ones, by title', async () => {
    mockDir.addContent({
      org: {
        'acme-zz.md': question('acme-zz', {}),
        'acme-aa.md': question('acme-aa', {}),
        'acme-four.md': question('acme-four', { order: 4 }),
      },
    });

    expect(await ids()).toEqual([
      'c-principles',
      'b-declarative',
      'a-argocd',
      'acme-four',
      'acme-aa',
      'acme-zz',
      'z-senior',
    ]);
  });

  it('skips a file whose order is not a whole number of 1 or more, or on another kind', async () => {
    mockDir.addContent({
      org: {
        'as-text.md': question('as-text', { order: 'first' }),
        'zero.md': question('zero', { order: 0 }),
        'fraction.md': question('fraction', { order: 1.5 }),
        'runbook.md': entryMarkdown({
          ...questionMeta('runbook', { order: 7 }),
          kind: 'runbook',
        }),
      },
    });
    const file = (name: string) => mockDir.resolve('org', name);

    expect((await problemsOf()).sort()).toEqual(
      [
        `${file('as-text.md')}: order: must be a number`,
        `${file('zero.md')}: order: must be a whole number of 1 or more`,
        `${file('fraction.md')}: order: must be a whole number of 1 or more`,
        `${file('runbook.md')}: order: is only allowed on question entries`,
      ].sort(),
    );
    expect(await ids()).toEqual([
      'c-principles',
      'b-declarative',
      'a-argocd',
      'z-senior',
    ]);
  });

  it('ignores the later order of two questions of a level, naming both files', async () => {
    mockDir.addContent({
      org: {
        'acme-intro.md': question('acme-intro', { order: 1 }),
        // Same number, other level: no conflict.
        'acme-senior.md': question('acme-senior', { level: 'sre', order: 1 }),
      },
    });

    expect(await problemsOf()).toEqual([
      `${mockDir.resolve('org/acme-intro.md')}: order: duplicate order 1 in ` +
        `the entry path (also in ${mockDir.resolve(
          'bundled/c-principles.md',
        )})`,
    ]);
    // Still served, after the ordered questions of its level.
    expect(await ids()).toEqual([
      'c-principles',
      'b-declarative',
      'a-argocd',
      'acme-intro',
      'z-senior',
      'acme-senior',
    ]);
    const intro = (await load()).entries.find(e => e.id === 'acme-intro');
    expect(intro).not.toHaveProperty('order');
  });

  it('fails on two bundled questions of a level with the same order', async () => {
    mockDir.addContent({
      bundled: { 'd-clash.md': question('d-clash', { order: 2 }) },
    });

    await expect(
      loadKnowledgeBase({ directories: [bundled()] }),
    ).rejects.toThrow(
      `${mockDir.resolve('bundled/d-clash.md')}: order: duplicate order 2 in ` +
        `the entry path (also in ${mockDir.resolve(
          'bundled/b-declarative.md',
        )})`,
    );
  });

  it('frees the order of a replaced question, and blames the override for a clash', async () => {
    mockDir.addContent({
      org: {
        // Replaces the bundled question: its order 1 is no longer taken…
        'c-principles.md': question('c-principles', { order: 3 }),
        'acme-intro.md': question('acme-intro', { order: 1 }),
      },
    });

    // …but the override's own order clashes with a bundled question's.
    expect(await problemsOf()).toEqual([
      `${mockDir.resolve(
        'org/c-principles.md',
      )}: order: duplicate order 3 in ` +
        `the entry path (also in ${mockDir.resolve('bundled/a-argocd.md')})`,
    ]);
  });
});

describe('sortEntries', () => {
  it('sorts by level, then order (unordered last), then title', () => {
    const sorted = sortEntries([
      { id: 'sre', level: 'sre', title: 'A', order: 1 },
      { id: 'runbook', level: 'entry', title: 'Runbook: a' },
      { id: 'second', level: 'entry', title: 'A second', order: 2 },
      { id: 'first', level: 'entry', title: 'Z first', order: 1 },
      { id: 'glossary', level: 'entry', title: 'Glossary: b' },
    ]);

    expect(sorted.map(e => e.id)).toEqual([
      'first',
      'second',
      'glossary',
      'runbook',
      'sre',
    ]);
  });
});
