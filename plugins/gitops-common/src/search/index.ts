export * from './knowledgeSearch';
export * from './learningOrder';
