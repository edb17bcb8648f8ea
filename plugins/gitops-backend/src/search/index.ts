export { gitopsKnowledgeSearchModule } from './knowledgeCollatorModule';
export { KnowledgeCollatorFactory } from './KnowledgeCollatorFactory';
// Re-exported so backend modules need not depend on the common package for it.
export { KNOWLEDGE_DOCUMENT_TYPE } from '@gitops-guide/backstage-plugin-gitops-common';
export type { KnowledgeSearchDocument } from './KnowledgeCollatorFactory';
