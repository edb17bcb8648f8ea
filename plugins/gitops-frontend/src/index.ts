/**
 * Backstage frontend plugin for GitOps status, explanations, rollback guidance and learning.
 *
 * @packageDocumentation
 */
export {
  gitopsPlugin,
  EntityGitOpsCard,
  EntityGitOpsContent,
  GitOpsLearningPage,
  GitOpsFleetPage,
  GitOpsKnowledgeSearchResultListItem,
} from './plugin';
export { isGitOpsAvailable } from './isGitOpsAvailable';
export * from './api';
export type { GitOpsKnowledgeSearchResultListItemProps } from './components/GitOpsKnowledgeSearchResultListItem';
