import type { KnowledgeKind, KnowledgeLevel } from '../types';

/**
 * The document type of knowledge entries in Backstage search: the backend's
 * collator writes it, the frontend's result item renders it.
 *
 * @public
 */
export const KNOWLEDGE_DOCUMENT_TYPE = 'gitops-knowledge';

/**
 * The fields a knowledge entry adds to a search document beyond Backstage's
 * `title`, `text` and `location`.
 *
 * @public
 */
export interface KnowledgeSearchFields {
  kind: KnowledgeKind;
  level: KnowledgeLevel;
  /** One or two sentences: what the entry answers. */
  summary: string;
  topics: string[];
  signals: string[];
}
