export type {
  KnowledgeQuery,
  KnowledgeService,
  SkillCheck,
  SkillCheckItem,
} from './KnowledgeService';
export { DefaultKnowledgeService } from './DefaultKnowledgeService';
export { knowledgeServiceRef } from './knowledgeServiceRef';
export { KnowledgeContentError } from './loadKnowledgeBase';
export type { KnowledgeProblem } from './loadKnowledgeBase';
