import { createMockDirectory } from '@backstage/backend-test-utils';
import path from 'path';
import {
  entryMarkdown,
  questionMeta,
  QUIZ,
  skillCheckYaml,
} from './__fixtures__/knowledgeFixtures';
import {
  formatProblem,
  KnowledgeContentError,
  loadKnowledgeBase,
} from './loadKnowledgeBase';

describe('loadKnowledgeBase', () => {
  const mockDir = createMockDirectory();
  const bundled = () => mockDir.resolve('bundled');
  const org = () => mockDir.resolve('org');
  const orgFile = (name: string) => mockDir.resolve('org', name);

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

  /** Bundled content, then the organization's directory. */
  const load = () =>
    loadKnowledgeBase({
      directories: [bundled()],
      organizationDirectories: [org()],
    });

  /** The organization's problems of a load, as `file: field: reason` lines. */
  const problemsOf = async () => (await load()).problems.map(formatProblem);

  /** The problems of a load that must fail, as `file: field: reason` lines. */
  async function fatalProblemsOf(directories: string[]): Promise<string[]> {
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
    expect(base.problems).toEqual([]);
  });

  it('lets an organization entry with a bundled id replace it', async () => {
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

    const base = await load();

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
        file: orgFile('gitops-basics.md'),
        replaced: mockDir.resolve('bundled/questions/gitops-basics.md'),
      },
    ]);
    expect(base.problems).toEqual([]);
  });

  it('skips an invalid organization file with its problem and serves the rest', async () => {
    mockDir.addContent({
      org: {
        'foo.md': entryMarkdown(questionMeta('foo', { level: 'junior' })),
        'acme-deploys.md': entryMarkdown(questionMeta('acme-deploys')),
      },
    });

    const base = await load();

    expect(base.entries.map(e => e.id)).toEqual([
      'acme-deploys',
      'gitops-basics',
      'glossary-sync',
    ]);
    expect(base.problems).toEqual([
      {
        file: orgFile('foo.md'),
        field: 'level',
        reason: 'must be one of entry, senior, sre',
      },
    ]);
    expect(base.files).toBe(4);
  });

  it('keeps the bundled entry when the organization file replacing it is invalid', async () => {
    mockDir.addContent({
      org: {
        'gitops-basics.md': entryMarkdown(
          questionMeta('gitops-basics', { title: '' }),
        ),
      },
    });

    const base = await load();

    expect(base.entries.find(e => e.id === 'gitops-basics')?.title).toBe(
      'About gitops-basics',
    );
    expect(base.overrides).toEqual([]);
    expect(await problemsOf()).toEqual([
      `${orgFile('gitops-basics.md')}: title: must not be empty`,
    ]);
  });

  it('lets organization questions go without a quiz', async () => {
    mockDir.addContent({
      org: {
        'no-quiz.md': entryMarkdown(questionMeta('no-quiz', { quiz: [] })),
        'one-item.md': entryMarkdown(
          questionMeta('one-item', { quiz: [QUIZ[0]] }),
        ),
        'unset-quiz.md': entryMarkdown({
          ...questionMeta('unset-quiz'),
          quiz: undefined,
        }),
      },
    });

    const base = await load();

    expect(base.problems).toEqual([]);
    const quizLengths = Object.fromEntries(
      base.entries.map(e => [e.id, e.quiz.length]),
    );
    expect(quizLengths).toMatchObject({
      'no-quiz': 0,
      'one-item': 1,
      'unset-quiz': 0,
    });
  });

  it('reports every problem of every organization file at once', async () => {
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
        'fine.md': entryMarkdown(questionMeta('fine')),
      },
    });

    const base = await load();

    expect(base.problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        `${orgFile(
          'bad-kind.md',
        )}: kind: must be one of question, runbook, glossary`,
        `${orgFile(
          'bad-answer.md',
        )}: quiz.1.answer: must be a 0-based index into options (0..1)`,
        `${orgFile('typo.md')}: relatd: unknown field`,
        `${orgFile(
          'wrong-name.md',
        )}: id: must equal the file name "wrong-name"`,
        `${orgFile(
          'seeded-runbook.md',
        )}: seedQuestion: is only allowed on question entries`,
        `${orgFile(
          'no-front-matter.md',
        )}: front matter: missing: the file must start with a YAML block between --- lines`,
        `${orgFile('empty-body.md')}: body: must not be empty`,
        `${orgFile(
          'Bad_Topic.md',
        )}: topics.0: must be kebab-case (a-z, 0-9 and single hyphens)`,
        `${orgFile(
          'bad-signal.md',
        )}: signals.0: must look like "<field>:<value>", e.g. sync:OutOfSync`,
        `${orgFile(
          'long-asked-as.md',
        )}: askedAs.1: must be at most 200 characters`,
      ]),
    );
    expect(base.problems).toHaveLength(10);
    // Only the valid file joins the bundled entries.
    expect(base.entries.map(e => e.id).sort()).toEqual([
      'fine',
      'gitops-basics',
      'glossary-sync',
    ]);
  });

  it('names organization files under their directory as configured, never by absolute path', async () => {
    mockDir.addContent({
      org: { questions: { 'broken.md': 'no front matter' } },
    });
    const configured = path.relative(process.cwd(), org());

    const { problems } = await loadKnowledgeBase({
      directories: [bundled()],
      organizationDirectories: [configured],
    });

    expect(problems).toEqual([
      {
        file: path.join(configured, 'questions', 'broken.md'),
        field: 'front matter',
        reason:
          'missing: the file must start with a YAML block between --- lines',
      },
    ]);
    expect(path.isAbsolute(problems[0].file)).toBe(false);
  });

  it('skips the later of two organization files with the same id', async () => {
    mockDir.addContent({
      org: {
        questions: {
          'dup.md': entryMarkdown(questionMeta('dup', { title: 'First' })),
        },
        runbooks: {
          'dup.md': entryMarkdown(questionMeta('dup', { title: 'Second' })),
        },
      },
    });

    const base = await load();

    expect(await problemsOf()).toEqual([
      `${orgFile('runbooks/dup.md')}: id: duplicate id "dup" (also in ${orgFile(
        'questions/dup.md',
      )})`,
    ]);
    expect(base.entries.find(e => e.id === 'dup')?.title).toBe('First');
  });

  it('drops related links that do not resolve, in entries and the skill check', async () => {
    mockDir.addContent({
      org: {
        'lonely.md': entryMarkdown(
          questionMeta('lonely', {
            related: ['gitops-basics', 'no-such-entry', 'skipped'],
          }),
        ),
        // Invalid, so skipped: a link to it does not resolve either.
        'skipped.md': entryMarkdown(questionMeta('skipped', { kind: 'x' })),
        'skill-check.yaml': skillCheckYaml(['missing-entry', 'lonely']),
      },
    });

    const base = await load();

    expect(await problemsOf()).toEqual([
      `${orgFile(
        'skipped.md',
      )}: kind: must be one of question, runbook, glossary`,
      `${orgFile('lonely.md')}: related.1: unknown entry "no-such-entry"`,
      `${orgFile('lonely.md')}: related.2: unknown entry "skipped"`,
      `${orgFile(
        'skill-check.yaml',
      )}: items.0.related.0: unknown entry "missing-entry"`,
    ]);
    expect(base.entries.find(e => e.id === 'lonely')?.related).toEqual([
      'gitops-basics',
    ]);
    expect(base.skillCheck?.items[0].related).toEqual(['lonely']);
  });

  it('keeps the bundled skill check when the organization one is invalid', async () => {
    mockDir.addContent({
      org: {
        'skill-check.yaml':
          'id: skill-check\ntitle: Check\nlevel: expert\nitems:\n  - prompt: P\n    options: [a, b]\n    answer: 5\n    explanation: E\n',
      },
    });

    const base = await load();

    expect(await problemsOf()).toEqual([
      `${orgFile(
        'skill-check.yaml',
      )}: level: must be one of entry, senior, sre`,
      `${orgFile(
        'skill-check.yaml',
      )}: items.0.answer: must be a 0-based index into options (0..1)`,
    ]);
    expect(base.skillCheck?.title).toBe('Skill check');
  });

  it('replaces the bundled skill check with a valid organization one', async () => {
    mockDir.addContent({
      org: { 'skill-check.yaml': skillCheckYaml('glossary-sync') },
    });

    const base = await load();

    expect(base.skillCheck?.items[0].related).toEqual(['glossary-sync']);
    expect(base.problems).toEqual([]);
  });

  it('never evaluates JavaScript front matter', async () => {
    mockDir.addContent({
      org: {
        'evil.md': '---js\n{ id: (global.pwned = true, "evil") }\n---\nBody\n',
      },
    });

    expect(await problemsOf()).toEqual([
      `${orgFile(
        'evil.md',
      )}: front matter: only YAML front matter is supported`,
    ]);
    expect((global as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('reports a configured directory that does not exist, and loads the rest', async () => {
    const base = await loadKnowledgeBase({
      directories: [bundled()],
      organizationDirectories: [mockDir.resolve('nope')],
    });

    expect(base.problems.map(formatProblem)).toEqual([
      `${mockDir.resolve(
        'nope',
      )}: knowledge directory does not exist or is not a directory`,
    ]);
    expect(base.entries).toHaveLength(2);
  });

  it('ignores READMEs and other files', async () => {
    mockDir.addContent({
      org: { 'README.md': '# How we write entries', 'notes.txt': 'scratch' },
    });

    const base = await load();

    expect(base.entries).toHaveLength(2);
    expect(base.problems).toEqual([]);
  });

  describe('bundled content', () => {
    it('fails naming the file and field of an invalid entry', async () => {
      mockDir.addContent({
        bundled: {
          'foo.md': entryMarkdown(questionMeta('foo', { level: 'junior' })),
        },
      });

      await expect(
        loadKnowledgeBase({ directories: [bundled()] }),
      ).rejects.toThrow(
        `${mockDir.resolve(
          'bundled/foo.md',
        )}: level: must be one of entry, senior, sre`,
      );
    });

    it('needs at least two quiz items on every question', async () => {
      mockDir.addContent({
        bundled: {
          'no-quiz.md': entryMarkdown(questionMeta('no-quiz', { quiz: [] })),
          'short-quiz.md': entryMarkdown(
            questionMeta('short-quiz', { quiz: [QUIZ[0]] }),
          ),
        },
      });

      expect(await fatalProblemsOf([bundled()])).toEqual([
        `${mockDir.resolve(
          'bundled/no-quiz.md',
        )}: quiz: question entries need at least 2 quiz items`,
        `${mockDir.resolve(
          'bundled/short-quiz.md',
        )}: quiz: question entries need at least 2 quiz items`,
      ]);
    });

    it('fails on links and duplicate ids within it, whatever the organization adds', async () => {
      mockDir.addContent({
        bundled: {
          'dangling.md': entryMarkdown(
            questionMeta('dangling', { related: ['acme-only'] }),
          ),
          more: {
            'gitops-basics.md': entryMarkdown(questionMeta('gitops-basics')),
          },
        },
        // The link would resolve here, but the bundled content must stand alone.
        org: { 'acme-only.md': entryMarkdown(questionMeta('acme-only')) },
      });

      const error = await load().catch(e => e);

      expect(error).toBeInstanceOf(KnowledgeContentError);
      expect(
        (error as KnowledgeContentError).problems.map(formatProblem),
      ).toEqual([
        `${mockDir.resolve(
          'bundled/questions/gitops-basics.md',
        )}: id: duplicate id "gitops-basics" (also in ${mockDir.resolve(
          'bundled/more/gitops-basics.md',
        )})`,
        `${mockDir.resolve(
          'bundled/dangling.md',
        )}: related.0: unknown entry "acme-only"`,
      ]);
    });
  });
});
