import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  entryMarkdown,
  questionMeta,
  QUIZ,
  skillCheckYaml,
} from './__fixtures__/knowledgeFixtures';
import { KnowledgeContentError, loadKnowledgeBase } from './loadKnowledgeBase';

describe('loadKnowledgeBase', () => {
  const mockDir = createMockDirectory();
  const bundled = () => mockDir.resolve('bundled');
  const org = () => mockDir.resolve('org');

  beforeEach(() => {
    mockDir.setContent({
      bundled: {
        questions: {
          'gitops-basics.md': entryMarkdown(
            questionMeta('gitops-basics', { related: ['glossary-sync'] }),
          ),
        },
        glossary: {
          'glossary-sync.md': entryMarkdown({
            id: 'glossary-sync',
            title: 'Sync',
            kind: 'glossary',
            level: 'entry',
            topics: ['sync'],
            summary: 'Applying Git to the cluster.',
          }),
        },
        'skill-check.yaml': skillCheckYaml(['gitops-basics']),
        'seed-map.yaml': '1: gitops-basics\n',
      },
      org: {},
    });
  });

  /** The problems of a load that must fail, as `file: field: reason` lines. */
  async function problemsOf(directories: string[]): Promise<string[]> {
    const error = await loadKnowledgeBase({ directories }).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(KnowledgeContentError);
    return (error as KnowledgeContentError).message
      .split('\n')
      .slice(1)
      .map(l => l.trim());
  }

  it('loads, validates and orders the bundled content', async () => {
    const base = await loadKnowledgeBase({ directories: [bundled()] });

    expect(base.entries.map(e => e.id)).toEqual([
      'gitops-basics',
      'glossary-sync',
    ]);
    expect(base.entries[0]).toEqual({
      ...questionMeta('gitops-basics', { related: ['glossary-sync'] }),
      askedAs: [],
      body: 'Some explanation.',
    });
    // Optional lists default to empty.
    expect(base.entries[1]).toMatchObject({
      related: [],
      signals: [],
      quiz: [],
    });
    expect(base.skillCheck?.items[0].related).toEqual(['gitops-basics']);
    expect(base.files).toBe(3);
    expect(base.overrides).toEqual([]);
  });

  it('lets an organization entry with a bundled id override it', async () => {
    mockDir.addContent({
      org: {
        'gitops-basics.md': entryMarkdown(
          questionMeta('gitops-basics', {
            title: 'GitOps at Acme',
            level: 'senior',
          }),
          'Our platform runs Argo CD.',
        ),
        'acme-deploys.md': entryMarkdown(
          questionMeta('acme-deploys', { related: ['gitops-basics'] }),
        ),
      },
    });

    const base = await loadKnowledgeBase({ directories: [bundled(), org()] });

    const basics = base.entries.find(e => e.id === 'gitops-basics');
    expect(basics).toMatchObject({
      title: 'GitOps at Acme',
      level: 'senior',
      body: 'Our platform runs Argo CD.',
      related: [],
    });
    expect(base.entries.filter(e => e.id === 'gitops-basics')).toHaveLength(1);
    expect(base.entries.map(e => e.id)).toContain('acme-deploys');
    expect(base.overrides).toEqual([
      {
        id: 'gitops-basics',
        file: mockDir.resolve('org/gitops-basics.md'),
        replaced: mockDir.resolve('bundled/questions/gitops-basics.md'),
      },
    ]);
  });

  it('fails at startup naming the file and field of a bad organization entry', async () => {
    mockDir.addContent({
      org: {
        'foo.md': entryMarkdown(questionMeta('foo', { level: 'junior' })),
      },
    });

    await expect(
      loadKnowledgeBase({ directories: [bundled(), org()] }),
    ).rejects.toThrow(
      `${mockDir.resolve(
        'org/foo.md',
      )}: level: must be one of entry, senior, sre`,
    );
  });

  it('reports every problem of every file at once', async () => {
    mockDir.addContent({
      org: {
        'bad-kind.md': entryMarkdown(
          questionMeta('bad-kind', { kind: 'tutorial' }),
        ),
        'bad-answer.md': entryMarkdown(
          questionMeta('bad-answer', {
            quiz: [QUIZ[0], { ...QUIZ[1], answer: 2 }],
          }),
        ),
        'short-quiz.md': entryMarkdown(
          questionMeta('short-quiz', { quiz: [QUIZ[0]] }),
        ),
        'typo.md': entryMarkdown({ ...questionMeta('typo'), relatd: [] }),
        'wrong-name.md': entryMarkdown(questionMeta('other-name')),
        'seeded-runbook.md': entryMarkdown({
          ...questionMeta('seeded-runbook'),
          kind: 'runbook',
          seedQuestion: 3,
        }),
        'no-front-matter.md': '# Just Markdown\n',
        'empty-body.md': entryMarkdown(questionMeta('empty-body'), ''),
        'Bad_Topic.md': entryMarkdown(
          questionMeta('bad-topic', { topics: ['Argo CD'] }),
        ),
        'bad-signal.md': entryMarkdown(
          questionMeta('bad-signal', { signals: ['OutOfSync'] }),
        ),
        'long-asked-as.md': entryMarkdown(
          questionMeta('long-asked-as', { askedAs: ['ok', 'x'.repeat(201)] }),
        ),
      },
    });
    const file = (name: string) => mockDir.resolve('org', name);

    const problems = await problemsOf([bundled(), org()]);

    expect(problems).toEqual(
      expect.arrayContaining([
        `${file(
          'bad-kind.md',
        )}: kind: must be one of question, runbook, glossary`,
        `${file(
          'bad-answer.md',
        )}: quiz.1.answer: must be a 0-based index into options (0..1)`,
        `${file(
          'short-quiz.md',
        )}: quiz: question entries need at least 2 quiz items`,
        `${file('typo.md')}: relatd: unknown field`,
        `${file('wrong-name.md')}: id: must equal the file name "wrong-name"`,
        `${file(
          'seeded-runbook.md',
        )}: seedQuestion: is only allowed on question entries`,
        `${file(
          'no-front-matter.md',
        )}: front matter: missing: the file must start with a YAML block between --- lines`,
        `${file('empty-body.md')}: body: must not be empty`,
        `${file(
          'Bad_Topic.md',
        )}: topics.0: must be kebab-case (a-z, 0-9 and single hyphens)`,
        `${file(
          'bad-signal.md',
        )}: signals.0: must look like "<field>:<value>", e.g. sync:OutOfSync`,
        `${file(
          'long-asked-as.md',
        )}: askedAs.1: must be at most 200 characters`,
      ]),
    );
    expect(problems).toHaveLength(11);
  });

  it('rejects duplicate ids within one directory', async () => {
    mockDir.addContent({
      org: {
        questions: { 'dup.md': entryMarkdown(questionMeta('dup')) },
        runbooks: { 'dup.md': entryMarkdown(questionMeta('dup')) },
      },
    });

    expect(await problemsOf([bundled(), org()])).toEqual([
      `${mockDir.resolve(
        'org/runbooks/dup.md',
      )}: id: duplicate id "dup" (also in ${mockDir.resolve(
        'org/questions/dup.md',
      )})`,
    ]);
  });

  it('rejects related links that do not resolve, in entries and the skill check', async () => {
    mockDir.addContent({
      org: {
        'lonely.md': entryMarkdown(
          questionMeta('lonely', {
            related: ['gitops-basics', 'no-such-entry'],
          }),
        ),
        'skill-check.yaml': skillCheckYaml('missing-entry'),
      },
    });

    expect(await problemsOf([bundled(), org()])).toEqual([
      `${mockDir.resolve(
        'org/lonely.md',
      )}: related.1: unknown entry "no-such-entry"`,
      `${mockDir.resolve(
        'org/skill-check.yaml',
      )}: items.0.related.0: unknown entry "missing-entry"`,
    ]);
  });

  it('validates the skill check', async () => {
    mockDir.addContent({
      org: {
        'skill-check.yaml':
          'id: skill-check\ntitle: Check\nlevel: expert\nitems:\n  - prompt: P\n    options: [a, b]\n    answer: 5\n    explanation: E\n',
      },
    });

    expect(await problemsOf([bundled(), org()])).toEqual([
      `${mockDir.resolve(
        'org/skill-check.yaml',
      )}: level: must be one of entry, senior, sre`,
      `${mockDir.resolve(
        'org/skill-check.yaml',
      )}: items.0.answer: must be a 0-based index into options (0..1)`,
    ]);
  });

  it('never evaluates JavaScript front matter', async () => {
    mockDir.addContent({
      org: {
        'evil.md': '---js\n{ id: (global.pwned = true, "evil") }\n---\nBody\n',
      },
    });

    expect(await problemsOf([bundled(), org()])).toEqual([
      `${mockDir.resolve(
        'org/evil.md',
      )}: front matter: only YAML front matter is supported`,
    ]);
    expect((global as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('reports a configured directory that does not exist', async () => {
    expect(await problemsOf([bundled(), mockDir.resolve('nope')])).toEqual([
      `${mockDir.resolve(
        'nope',
      )}: knowledge directory does not exist or is not a directory`,
    ]);
  });

  it('ignores READMEs and other files', async () => {
    mockDir.addContent({
      org: { 'README.md': '# How we write entries', 'notes.txt': 'scratch' },
    });

    const base = await loadKnowledgeBase({ directories: [bundled(), org()] });

    expect(base.entries).toHaveLength(2);
  });
});
