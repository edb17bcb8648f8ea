export {
  gitopsKnowledgeSearchModule,
  KnowledgeCollatorFactory,
  KNOWLEDGE_DOCUMENT_TYPE,
} from './search';
export type { KnowledgeSearchDocument } from './search';
