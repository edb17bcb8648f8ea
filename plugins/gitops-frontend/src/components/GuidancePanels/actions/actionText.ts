import {
  ApplicationSummary,
  GitOpsActionName,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** How the UI names an action. */
export interface ActionText {
  /** The button, and the dialog's confirm button. */
  label: string;
  /** "Your permissions do not allow <gerund> …". */
  gerund: string;
  /** "<noun> running…", "<noun> succeeded". */
  noun: string;
}

export const ACTION_TEXT: Record<GitOpsActionName, ActionText> = {
  refresh: { label: 'Refresh', gerund: 'refreshing', noun: 'Refresh' },
  sync: { label: 'Sync', gerund: 'syncing', noun: 'Sync' },
  rollback: { label: 'Roll back', gerund: 'rolling back', noun: 'Rollback' },
  reconcile: { label: 'Reconcile', gerund: 'reconciling', noun: 'Reconcile' },
  suspend: { label: 'Suspend', gerund: 'suspending', noun: 'Suspend' },
  resume: { label: 'Resume', gerund: 'resuming', noun: 'Resume' },
};

/** What the entity's applications are called: Argo CD applications or Flux objects. */
export function objectsOf(app: Pick<ApplicationSummary, 'sourceKind'>): string {
  return app.sourceKind === 'flux' ? 'Flux objects' : 'applications';
}

/** The application as a sentence names it: `Kustomization podinfo`, `payments-api-prod`. */
export function displayName(
  app: Pick<ApplicationSummary, 'sourceKind' | 'kind' | 'name'>,
): string {
  return app.sourceKind === 'flux' ? `${app.kind} ${app.name}` : app.name;
}
