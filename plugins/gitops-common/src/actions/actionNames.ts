import type { ApplicationSummary } from '../types';
import type {
  ArgoCdActionName,
  FluxActionName,
  GitOpsActionName,
} from './types';

/** The Argo CD actions, in the order the UI shows them. @public */
export const ARGOCD_ACTIONS: readonly ArgoCdActionName[] = [
  'refresh',
  'sync',
  'rollback',
];

/** The Flux actions, in the order the UI shows them. @public */
export const FLUX_ACTIONS: readonly FluxActionName[] = [
  'reconcile',
  'suspend',
  'resume',
];

/** Every action name. @public */
export const GITOPS_ACTIONS: readonly GitOpsActionName[] = [
  ...ARGOCD_ACTIONS,
  ...FLUX_ACTIONS,
];

/** The actions that exist for an application of this kind of source (Argo CD's or Flux's). @public */
export function actionsForSource(
  app: Pick<ApplicationSummary, 'sourceKind'>,
): readonly GitOpsActionName[] {
  return app.sourceKind === 'flux' ? FLUX_ACTIONS : ARGOCD_ACTIONS;
}

/** True for an action name this version knows. @public */
export function isGitOpsActionName(value: unknown): value is GitOpsActionName {
  return (GITOPS_ACTIONS as readonly unknown[]).includes(value);
}
