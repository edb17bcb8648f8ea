export { gitOpsApiRef } from './GitOpsApi';
export type { GitOpsApi, ApplicationRef, KnowledgeQuery } from './GitOpsApi';
export { GitOpsClient } from './GitOpsClient';
