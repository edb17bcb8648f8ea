import type { ApplicationOperation, ApplicationSummary } from '../types';

/** What can be done to an Argo CD application from the portal. @public */
export type ArgoCdActionName = 'refresh' | 'sync' | 'rollback';

/** What can be done to a Flux `Kustomization` or `HelmRelease`. @public */
export type FluxActionName = 'reconcile' | 'suspend' | 'resume';

/** Every action, each answered by `POST …/applications/:instance/:application/<action>`. @public */
export type GitOpsActionName = ArgoCdActionName | FluxActionName;

/** `POST …/refresh`: Argo CD compares Git with the cluster again; `hard` also drops its manifest cache. @public */
export interface RefreshActionRequest {
  action: 'refresh';
  hard?: boolean;
}

/** `POST …/sync`: apply Git to the cluster. @public */
export interface SyncActionRequest {
  action: 'sync';
  /** A Git revision other than the target one; refused while auto-sync is on. */
  revision?: string;
  /** Delete resources that are no longer in Git. Default false. */
  prune?: boolean;
  /** Let Argo CD report what it would do, changing nothing. Default false. */
  dryRun?: boolean;
}

/** `POST …/rollback`: redeploy what history entry `id` deployed. @public */
export interface RollbackActionRequest {
  action: 'rollback';
  /** The history id (`ApplicationDetail.history[].id`). */
  id: number;
  prune?: boolean;
  dryRun?: boolean;
}

/** `POST …/reconcile`: ask Flux to reconcile now (`reconcile.fluxcd.io/requestedAt`). @public */
export interface ReconcileActionRequest {
  action: 'reconcile';
  /** Reconcile the object's source (GitRepository, HelmRepository, …) first. Default false. */
  withSource?: boolean;
}

/** `POST …/suspend`: stop Flux reconciling the object (`spec.suspend: true`). @public */
export interface SuspendActionRequest {
  action: 'suspend';
}

/** `POST …/resume`: let Flux reconcile the object again (`spec.suspend: false`). @public */
export interface ResumeActionRequest {
  action: 'resume';
}

/** One action with its parameters; the route body is the same object without `action`. @public */
export type GitOpsActionRequest =
  | RefreshActionRequest
  | SyncActionRequest
  | RollbackActionRequest
  | ReconcileActionRequest
  | SuspendActionRequest
  | ResumeActionRequest;

/** The answer of an action route. @public */
export interface GitOpsActionResponse {
  action: GitOpsActionName;
  /** True when nothing was changed: a dry run. */
  dryRun: boolean;
  /** What happened, in one sentence: "Argo CD started a rollback of 'x' to history #44 (dadcc6b)". */
  message: string;
  /** The application as the upstream answered right after the request. */
  application: ApplicationSummary;
  /**
   * What to watch until it ends: the Argo CD operation the action started,
   * or, for Flux, the reconcile request the controller has to handle.
   */
  follow?: {
    /** For Argo CD: the operation the action started (phase `Running` until the controller finishes). */
    operation?: ApplicationOperation;
    /** For Flux: the `requestedAt` token; done when `reconcile.handledAt` equals it. */
    reconcileRequestedAt?: string;
  };
}
