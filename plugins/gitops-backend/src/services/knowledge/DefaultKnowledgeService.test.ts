import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import {
  entryMarkdown,
  FIXTURE_ENTRIES,
  FIXTURE_SKILL_CHECK,
  questionMeta,
} from './__fixtures__/knowledgeFixtures';
import { DefaultKnowledgeService } from './DefaultKnowledgeService';
import { KnowledgeContentError } from './loadKnowledgeBase';

describe('DefaultKnowledgeService', () => {
  const service = new DefaultKnowledgeService({
    entries: FIXTURE_ENTRIES,
    skillCheck: FIXTURE_SKILL_CHECK,
  });

  it('returns an entry with its related summaries, in order', async () => {
    const { entry, related } = await service.getEntry('gitops-basics');

    expect(entry).toBe(FIXTURE_ENTRIES[0]);
    expect(related).toEqual([
      {
        id: 'sync-policies',
        title: 'Sync policies',
        kind: 'question',
        level: 'senior',
        topics: ['argocd', 'sync'],
        summary: 'Automated sync, prune and self-heal.',
      },
      {
        id: 'runbook-sync-failed',
        title: 'Runbook: sync failed',
        kind: 'runbook',
        level: 'sre',
        topics: ['argocd', 'troubleshooting'],
        summary: 'Read the message and fix the manifest.',
      },
    ]);
  });

  it('throws NotFoundError for an unknown entry', async () => {
    await expect(service.getEntry('nope')).rejects.toThrow(NotFoundError);
  });

  it('counts topics, levels and kinds', async () => {
    expect(await service.getTopics()).toEqual({
      topics: [
        { id: 'argocd', count: 2 },
        { id: 'basics', count: 1 },
        { id: 'principles', count: 1 },
        { id: 'sync', count: 2 },
        { id: 'troubleshooting', count: 1 },
      ].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
      levels: [
        { id: 'entry', count: 2 },
        { id: 'senior', count: 1 },
        { id: 'sre', count: 1 },
      ],
      kinds: [
        { id: 'question', count: 2 },
        { id: 'runbook', count: 1 },
        { id: 'glossary', count: 1 },
      ],
    });
  });

  it('serves the skill check, and 404s without one', async () => {
    expect(await service.getSkillCheck()).toEqual(FIXTURE_SKILL_CHECK);
    const without = new DefaultKnowledgeService({ entries: FIXTURE_ENTRIES });
    await expect(without.getSkillCheck()).rejects.toThrow(NotFoundError);
  });

  it('lists entries by level, then title', async () => {
    expect((await service.listEntries()).map(e => e.id)).toEqual([
      'glossary-prune',
      'gitops-basics',
      'sync-policies',
      'runbook-sync-failed',
    ]);
  });

  describe('fromConfig', () => {
    const mockDir = createMockDirectory();

    beforeEach(() => {
      mockDir.setContent({
        bundled: {
          'gitops-basics.md': entryMarkdown(questionMeta('gitops-basics')),
        },
        org: {
          'gitops-basics.md': entryMarkdown(
            questionMeta('gitops-basics', { title: 'GitOps at Acme' }),
          ),
          'acme-onboarding.md': entryMarkdown(questionMeta('acme-onboarding')),
        },
      });
    });

    it('reads gitops.knowledge.directories on top of the bundled content', async () => {
      const logger = mockServices.logger.mock();
      const fromConfig = await DefaultKnowledgeService.fromConfig(
        mockServices.rootConfig({
          data: {
            gitops: { knowledge: { directories: [mockDir.resolve('org')] } },
          },
        }),
        { logger, bundledDirectory: mockDir.resolve('bundled') },
      );

      expect(
        (await fromConfig.search({})).results.map(r => [r.id, r.title]),
      ).toEqual([
        ['acme-onboarding', 'About acme-onboarding'],
        ['gitops-basics', 'GitOps at Acme'],
      ]);
      expect(logger.info).toHaveBeenCalledWith('Knowledge entry overridden', {
        id: 'gitops-basics',
        file: mockDir.resolve('org/gitops-basics.md'),
        replaced: mockDir.resolve('bundled/gitops-basics.md'),
      });
      expect(logger.info).toHaveBeenCalledWith(
        'Loaded GitOps knowledge base',
        expect.objectContaining({
          entries: 2,
          files: 3,
          directories: 2,
          problems: 0,
        }),
      );
      expect(logger.warn).not.toHaveBeenCalled();
      expect(await fromConfig.getProblems()).toEqual([]);
    });

    it('skips an invalid organization file, warns once and lists its problem', async () => {
      mockDir.addContent({ org: { 'broken.md': 'no front matter' } });
      const logger = mockServices.logger.mock();

      const withProblems = await DefaultKnowledgeService.fromConfig(
        mockServices.rootConfig({
          data: {
            gitops: { knowledge: { directories: [mockDir.resolve('org')] } },
          },
        }),
        { logger, bundledDirectory: mockDir.resolve('bundled') },
      );

      const problem = {
        file: mockDir.resolve('org/broken.md'),
        field: 'front matter',
        reason:
          'missing: the file must start with a YAML block between --- lines',
      };
      expect(await withProblems.getProblems()).toEqual([problem]);
      expect((await withProblems.listEntries()).map(e => e.id)).toEqual([
        'acme-onboarding',
        'gitops-basics',
      ]);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        'Skipped invalid GitOps knowledge content; the rest is served (1 problem):\n' +
          `  ${problem.file}: front matter: ${problem.reason}`,
      );
      expect(logger.info).toHaveBeenCalledWith(
        'Loaded GitOps knowledge base',
        expect.objectContaining({ entries: 2, problems: 1 }),
      );
    });

    it('fails when the bundled content is invalid', async () => {
      mockDir.addContent({ bundled: { 'broken.md': 'no front matter' } });

      await expect(
        DefaultKnowledgeService.fromConfig(mockServices.rootConfig(), {
          logger: mockServices.logger.mock(),
          bundledDirectory: mockDir.resolve('bundled'),
        }),
      ).rejects.toThrow(KnowledgeContentError);
    });

    it('loads the bundled content by default', async () => {
      const bundled = await DefaultKnowledgeService.fromConfig(
        mockServices.rootConfig({ data: {} }),
        { logger: mockServices.logger.mock() },
      );

      expect((await bundled.getEntry('sync-policies')).entry.kind).toBe(
        'question',
      );
    });
  });
});
