export * from './types';
export {
  ARGOCD_ACTIONS,
  FLUX_ACTIONS,
  GITOPS_ACTIONS,
  actionsForSource,
  isGitOpsActionName,
} from './actionNames';
export {
  actionRefusal,
  type ActionRefusal,
  type ActionSubject,
} from './actionRefusal';
