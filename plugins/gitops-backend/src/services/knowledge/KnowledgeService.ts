import {
  KnowledgeEntry,
  KnowledgeEntryResponse,
  KnowledgeQuery,
  KnowledgeSearchResponse,
  KnowledgeTopicsResponse,
  SkillCheck,
} from '@gitops-guide/backstage-plugin-gitops-common';

export type {
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
}
