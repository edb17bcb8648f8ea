/**
 * The GitOps plugin for Backstage's new frontend system: add the package to
 * an app with `app.packages: all`, or list the default export in `features`.
 *
 * @packageDocumentation
 */
export { gitopsPlugin as default } from './alpha/plugin';
export {
  gitOpsApi,
  gitOpsEntityCard,
  gitOpsEntityContent,
  gitOpsFleetPage,
  gitOpsKnowledgeSearchResultListItem,
  gitOpsKnowledgeSearchResultType,
  gitOpsLearningPage,
} from './alpha/extensions';
