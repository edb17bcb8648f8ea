export type {
  KnowledgeProblem,
  KnowledgeQuery,
  KnowledgeService,
  SkillCheck,
  SkillCheckItem,
} from './KnowledgeService';
export { DefaultKnowledgeService } from './DefaultKnowledgeService';
export { knowledgeServiceRef } from './knowledgeServiceRef';
export { KnowledgeContentError } from './loadKnowledgeBase';
