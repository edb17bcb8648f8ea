export { gitopsKnowledgeSearchModule } from './knowledgeCollatorModule';
export {
  KnowledgeCollatorFactory,
  KNOWLEDGE_DOCUMENT_TYPE,
} from './KnowledgeCollatorFactory';
export type { KnowledgeSearchDocument } from './KnowledgeCollatorFactory';
