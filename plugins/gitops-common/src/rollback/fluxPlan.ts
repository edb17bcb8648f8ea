import type {
  ApplicationDetail,
  RollbackRevision,
  RollbackStep,
} from '../types';
import type { RollbackAssessment } from './assessRollback';
import {
  describeRevision,
  migrationsWarning,
  rangeRevertHint,
  revertCommands,
} from './common';
import { shellArg } from './shell';

/** The `flux` CLI's word for the object: `kustomization` or `helmrelease`. */
export function fluxKindArg(kind: string): 'kustomization' | 'helmrelease' {
  return kind.toLowerCase() === 'helmrelease' ? 'helmrelease' : 'kustomization';
}

function fluxTarget(detail: ApplicationDetail): string {
  return `${fluxKindArg(detail.kind)} ${shellArg(detail.name)} -n ${shellArg(
    detail.namespace || 'flux-system',
  )}`;
}

/** Read-only steps for Flux objects whose rollback is not (yet) recommended. */
export function fluxInspectSteps(detail: ApplicationDetail): RollbackStep[] {
  const target = fluxTarget(detail);
  return [
    {
      title: `Inspect the ${detail.kind}`,
      commands: [
        `flux get ${target}`,
        `kubectl describe ${target}`,
        ...(fluxKindArg(detail.kind) === 'helmrelease'
          ? [
              `flux debug helmrelease ${shellArg(detail.name)} -n ${shellArg(
                detail.namespace || 'flux-system',
              )} --show-status`,
            ]
          : []),
      ],
    },
  ];
}

/**
 * Steps and warnings for a Flux Kustomization or HelmRelease whose rollback
 * is recommended. Flux keeps no Argo CD-style history to roll back to, so Git
 * is the only lasting path; suspend/resume is the break-glass.
 */
export function fluxRecommendedPlan(
  detail: ApplicationDetail,
  assessment: RollbackAssessment & {
    suspect: RollbackRevision;
    knownGood: RollbackRevision;
  },
): { steps: RollbackStep[]; warnings: string[] } {
  const { suspect, knownGood } = assessment;
  const target = fluxTarget(detail);
  const isHelmRelease = fluxKindArg(detail.kind) === 'helmrelease';
  const chart = detail.source?.chart;
  const hint = rangeRevertHint(suspect.revision, knownGood.revision);

  const steps: RollbackStep[] = [
    {
      title: chart
        ? `Preferred: set chart ${chart} back to ${knownGood.revision} in Git`
        : 'Preferred: revert the suspect commit in Git and reconcile',
      commands: [
        ...(chart
          ? [
              `grep -rn ${shellArg(`version: ${suspect.revision}`)} .`,
              `git commit -am ${shellArg(
                `Roll back chart ${chart} to ${knownGood.revision}`,
              )}`,
              'git push',
            ]
          : revertCommands(suspect.revision, knownGood.revision)),
        `flux reconcile ${target} --with-source`,
      ],
      note: [
        detail.source?.repoURL ? `In a clone of ${detail.source.repoURL}.` : '',
        `Suspect: ${describeRevision(suspect)}; last good: ${describeRevision(
          knownGood,
        )}.`,
        hint ?? '',
      ]
        .filter(Boolean)
        .join(' '),
    },
    {
      title: 'Break-glass: suspend reconciliation while you fix Git',
      commands: [
        `flux suspend ${target}`,
        ...(isHelmRelease
          ? [
              `helm history ${shellArg(detail.name)} -n ${shellArg(
                detail.destination.namespace ?? detail.namespace,
              )}`,
              `helm rollback ${shellArg(detail.name)} -n ${shellArg(
                detail.destination.namespace ?? detail.namespace,
              )}`,
            ]
          : []),
      ],
      note: isHelmRelease
        ? 'Check the release first: helm-controller names it [<spec.targetNamespace>-]<name> unless spec.releaseName is set, and keeps its history in spec.storageNamespace (default: the HelmRelease’s namespace); adjust the name and -n to match. While suspended, Flux does not undo a manual helm rollback.'
        : 'While suspended, Flux applies nothing from Git for this Kustomization: neither the bad change nor anything else.',
    },
    {
      title: 'After the Git revert is pushed: resume reconciliation',
      commands: [`flux resume ${target}`],
      note: 'Resuming reconciles immediately from the source.',
    },
  ];
  if (isHelmRelease) {
    steps.push(helmRemediationStep(detail));
  }
  return { steps, warnings: fluxRollbackWarnings(detail) };
}

function helmRemediationStep(detail: ApplicationDetail): RollbackStep {
  return {
    title: 'Next time: let helm-controller roll back failed upgrades',
    commands: [
      `kubectl get helmrelease ${shellArg(detail.name)} -n ${shellArg(
        detail.namespace || 'flux-system',
      )} -o jsonpath='{.spec.upgrade.remediation}'`,
    ],
    note: 'Set spec.upgrade.remediation (retries, strategy: rollback, remediateLastFailure: true) in Git so a failed upgrade is rolled back automatically.',
  };
}

function fluxRollbackWarnings(detail: ApplicationDetail): string[] {
  const warnings = [
    `Suspending the ${detail.kind} stops every change from Git reaching it, not only the bad one: resume it once Git is fixed.`,
  ];
  if (detail.autoSync.prune) {
    warnings.push(
      'Garbage collection (spec.prune) is on: objects that only the suspect revision added are deleted when the revert is applied.',
    );
  }
  warnings.push(migrationsWarning());
  return warnings;
}
