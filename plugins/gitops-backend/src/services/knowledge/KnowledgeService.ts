import {
  KnowledgeEntry,
  KnowledgeEntryResponse,
  KnowledgeKind,
  KnowledgeLevel,
  KnowledgeSearchResponse,
  KnowledgeTopicsResponse,
  SkillCheck,
} from '@gitops-guide/backstage-plugin-gitops-common';

export type {
  SkillCheck,
  SkillCheckItem,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** Filters and free text of a knowledge search; every field is optional. @public */
export interface KnowledgeSearchQuery {
  /** Free text; empty lists every entry (filtered) ordered by level, then title. */
  q?: string;
  topic?: string;
  level?: KnowledgeLevel;
  kind?: KnowledgeKind;
}


/**
 * The GitOps knowledge base: curated entries, their search index and the
 * skill check. Replace it through `knowledgeServiceRef` to serve entries from
 * elsewhere.
 *
 * @public
 */
export interface KnowledgeService {
  /** Ranked hits with highlights; an empty `q` lists all entries. */
  search(query: KnowledgeSearchQuery): Promise<KnowledgeSearchResponse>;
  /** The entry with its related summaries; throws `NotFoundError` for an unknown id. */
  getEntry(id: string): Promise<KnowledgeEntryResponse>;
  getTopics(): Promise<KnowledgeTopicsResponse>;
  getSkillCheck(): Promise<SkillCheck>;
  /** Every entry, ordered by level and title (for the search collator). */
  listEntries(): Promise<KnowledgeEntry[]>;
}
