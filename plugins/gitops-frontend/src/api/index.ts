export { gitOpsApiRef } from './GitOpsApi';
export type {
  GitOpsApi,
  ApplicationRef,
  ApplicationRequestOptions,
  KnowledgeQuery,
} from './GitOpsApi';
export { GitOpsClient } from './GitOpsClient';
