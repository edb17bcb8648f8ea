import {
  KnowledgeEntry,
  KnowledgeEntryResponse,
  KnowledgeProblem,
  KnowledgeQuery,
  KnowledgeSearchResponse,
  KnowledgeTopicsResponse,
  SkillCheck,
} from '@gitops-guide/backstage-plugin-gitops-common';

export type {
  KnowledgeProblem,
  KnowledgeQuery,
  SkillCheck,
  SkillCheckItem,
} from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * The GitOps knowledge base: curated entries, their search index and the
 * skill check. Replace it through `knowledgeServiceRef` to serve entries from
 * elsewhere.
 *
 * @public
 */
export interface KnowledgeService {
  /** Ranked hits with highlighted snippets; an empty `q` lists all entries. */
  search(query: KnowledgeQuery): Promise<KnowledgeSearchResponse>;
  /** The entry with its related summaries; throws `NotFoundError` for an unknown id. */
  getEntry(id: string): Promise<KnowledgeEntryResponse>;
  getTopics(): Promise<KnowledgeTopicsResponse>;
  getSkillCheck(): Promise<SkillCheck>;
  /** Every entry, ordered by level, `order`, then title (for the search collator). */
  listEntries(): Promise<KnowledgeEntry[]>;
  /**
   * What was wrong with the organization's content when it was loaded, and
   * left out: skipped files, ignored links and orders. Empty when all is well.
   */
  getProblems(): Promise<KnowledgeProblem[]>;
}
