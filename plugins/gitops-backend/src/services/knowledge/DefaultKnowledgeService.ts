import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  KnowledgeEntry,
  KnowledgeEntryResponse,
  KnowledgeKind,
  KnowledgeLevel,
  KnowledgeProblem,
  KnowledgeQuery,
  KnowledgeSearchResponse,
  KnowledgeTopicsResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { performance } from 'perf_hooks';
import { bundledContentDirectory } from './bundledContentDirectory';
import { toSummary } from './entrySummary';
import { KnowledgeSearchIndex } from './KnowledgeSearchIndex';
import { KnowledgeService, SkillCheck } from './KnowledgeService';
import { sortEntries } from './entryOrder';
import {
  formatProblems,
  KnowledgeBase,
  loadKnowledgeBase,
} from './loadKnowledgeBase';
import { KNOWLEDGE_KINDS, KNOWLEDGE_LEVELS } from './schema';

/** Config key of the organization's own knowledge directories. */
export const KNOWLEDGE_DIRECTORIES_CONFIG_KEY = 'gitops.knowledge.directories';

/**
 * The knowledge base held in memory: loaded and validated once at startup,
 * searched with an in-process index.
 *
 * @public
 */
export class DefaultKnowledgeService implements KnowledgeService {
  private readonly entries: ReadonlyMap<string, KnowledgeEntry>;
  private readonly ordered: KnowledgeEntry[];
  private readonly index: KnowledgeSearchIndex;
  private readonly skillCheck?: SkillCheck;
  private readonly topics: KnowledgeTopicsResponse;
  private readonly problems: KnowledgeProblem[];

  /**
   * Loads the bundled content and the directories of
   * `gitops.knowledge.directories` (relative to the working directory).
   * Invalid bundled content fails with every file, field and reason; an
   * invalid organization file is skipped, logged once as a warning and
   * listed by {@link DefaultKnowledgeService.getProblems}.
   */
  static async fromConfig(
    config: Config,
    options: { logger: LoggerService; bundledDirectory?: string },
  ): Promise<DefaultKnowledgeService> {
    const { logger } = options;
    const organizationDirectories =
      config.getOptionalStringArray(KNOWLEDGE_DIRECTORIES_CONFIG_KEY) ?? [];
    const started = performance.now();
    const base = await loadKnowledgeBase({
      directories: [options.bundledDirectory ?? bundledContentDirectory()],
      organizationDirectories,
    });
    const service = new DefaultKnowledgeService(base);
    for (const override of base.overrides) {
      logger.info('Knowledge entry overridden', override);
    }
    if (base.problems.length) {
      logger.warn(
        formatProblems(
          'Skipped invalid GitOps knowledge content; the rest is served',
          base.problems,
        ),
      );
    }
    logger.info('Loaded GitOps knowledge base', {
      entries: base.entries.length,
      files: base.files,
      problems: base.problems.length,
      directories: organizationDirectories.length + 1,
      durationMs: Math.round(performance.now() - started),
    });
    return service;
  }

  constructor(
    base: Pick<KnowledgeBase, 'entries' | 'skillCheck'> &
      Partial<Pick<KnowledgeBase, 'problems'>>,
  ) {
    this.ordered = sortEntries(base.entries);
    this.entries = new Map(base.entries.map(e => [e.id, e]));
    this.index = new KnowledgeSearchIndex(base.entries);
    this.skillCheck = base.skillCheck;
    this.topics = countFacets(base.entries);
    this.problems = base.problems ?? [];
  }

  async search(query: KnowledgeQuery): Promise<KnowledgeSearchResponse> {
    return this.index.search(query);
  }

  async getEntry(id: string): Promise<KnowledgeEntryResponse> {
    const entry = this.entries.get(id);
    if (!entry) {
      throw new NotFoundError(`No knowledge entry with id "${id}"`);
    }
    const related = entry.related
      .map(relatedId => this.entries.get(relatedId))
      .filter((e): e is KnowledgeEntry => e !== undefined)
      .map(toSummary);
    return { entry, related };
  }

  async getTopics(): Promise<KnowledgeTopicsResponse> {
    return this.topics;
  }

  async getSkillCheck(): Promise<SkillCheck> {
    if (!this.skillCheck) {
      throw new NotFoundError('The knowledge base has no skill check');
    }
    return this.skillCheck;
  }

  async listEntries(): Promise<KnowledgeEntry[]> {
    return this.ordered;
  }

  async getProblems(): Promise<KnowledgeProblem[]> {
    return this.problems;
  }
}

/** Topics by count (then name); levels and kinds in their canonical order. */
function countFacets(entries: KnowledgeEntry[]): KnowledgeTopicsResponse {
  const topicCounts = new Map<string, number>();
  for (const entry of entries) {
    for (const topic of entry.topics) {
      topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1);
    }
  }
  const count = <T extends string>(
    values: readonly T[],
    of: (e: KnowledgeEntry) => T,
  ) =>
    values.map(id => ({ id, count: entries.filter(e => of(e) === id).length }));
  return {
    topics: [...topicCounts]
      .map(([id, n]) => ({ id, count: n }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
    levels: count<KnowledgeLevel>(KNOWLEDGE_LEVELS, e => e.level),
    kinds: count<KnowledgeKind>(KNOWLEDGE_KINDS, e => e.kind),
  };
}
