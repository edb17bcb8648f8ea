export * from './knowledgeSearch';
