import { isOperationInProgress } from '../status';
import type { ApplicationDetail, RollbackPlan, RollbackStep } from '../types';
import { argocdRecommendedPlan } from './argocdPlan';
import { assessRollback } from './assessRollback';
import { fluxInspectSteps, fluxRecommendedPlan } from './fluxPlan';
import { argocdAppRef } from './shell';

function argocdInspectSteps(detail: ApplicationDetail): RollbackStep[] {
  const ref = argocdAppRef(detail.name, detail.namespace);
  return [
    {
      title: 'Inspect the deploy history',
      commands: [
        `argocd app history ${ref}`,
        `argocd app get ${ref} --refresh`,
      ],
    },
  ];
}

function argocdWaitSteps(detail: ApplicationDetail): RollbackStep[] {
  const ref = argocdAppRef(detail.name, detail.namespace);
  if (!detail.operation || !isOperationInProgress(detail.operation.phase)) {
    return [
      {
        title: 'Wait for the rollout to settle',
        commands: [`argocd app wait ${ref} --health --timeout 900`],
        note: `Returns once the application is Healthy. If it is still Progressing after the time the rollout should take (a Deployment turns Degraded after progressDeadlineSeconds, 10 minutes by default), find the object that is waiting with: argocd app get ${ref}`,
      },
    ];
  }
  return [
    {
      title: 'Wait for the running operation',
      commands: [`argocd app wait ${ref} --operation`],
      note: `If it is stuck (e.g. on a hook that never completes), stop it with: argocd app terminate-op ${ref}`,
    },
  ];
}

/**
 * Plans a rollback: the state from {@link assessRollback}, then copyable
 * steps and warnings for the application's GitOps tool. Argo CD plans prefer a
 * Git revert, offer `argocd app rollback` as the fast path (switching
 * automated sync off first when needed) and pinning `targetRevision` as the
 * alternative; Flux plans (`sourceKind: 'flux'`) revert and reconcile, with
 * suspend/resume as break-glass.
 * @public
 */
export function planRollback(detail: ApplicationDetail): RollbackPlan {
  const assessment = assessRollback(detail);
  const { state, reason, suspect, knownGood } = assessment;
  const isFlux = detail.sourceKind === 'flux';

  if (state === 'recommended' && suspect && knownGood) {
    const { steps, warnings } = isFlux
      ? fluxRecommendedPlan(detail, { ...assessment, suspect, knownGood })
      : argocdRecommendedPlan(detail, { ...assessment, suspect, knownGood });
    return { state, reason, suspect, knownGood, steps, warnings };
  }

  let steps: RollbackStep[] = [];
  if (state === 'in-progress') {
    steps = isFlux ? fluxInspectSteps(detail) : argocdWaitSteps(detail);
  } else if (state === 'unknown') {
    steps = isFlux ? fluxInspectSteps(detail) : argocdInspectSteps(detail);
  }
  const warnings: string[] = [];
  if (
    state === 'unknown' &&
    detail.historyLimit !== undefined &&
    detail.history.length > 0 &&
    detail.history.length >= detail.historyLimit
  ) {
    warnings.push(
      `History is at its limit (revisionHistoryLimit ${detail.historyLimit}): older revisions are gone and cannot be rolled back to with Argo CD.`,
    );
  }
  return { state, reason, suspect, knownGood, steps, warnings };
}
