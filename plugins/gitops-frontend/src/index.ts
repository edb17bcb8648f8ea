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
} from './plugin';
export { isGitOpsAvailable } from './isGitOpsAvailable';
export * from './api';
