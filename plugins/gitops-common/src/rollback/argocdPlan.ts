import { commitShaOf, shortRevision } from '../links';
import type {
  ApplicationDetail,
  ApplicationSource,
  RollbackRevision,
  RollbackStep,
} from '../types';
import type { RollbackAssessment } from './assessRollback';
import { argocdAppRef, shellArg, shellComment } from './shell';
import {
  describeRevision,
  migrationsWarning,
  rangeRevertHint,
  revertCommands,
} from './common';

interface SourceChange {
  /** Zero-based position in `spec.sources`, undefined for single-source apps. */
  index?: number;
  source?: ApplicationSource;
  from: string;
  to: string;
}

/** The sources whose revision differs between the suspect and the known-good deploy. */
function changedSources(
  detail: ApplicationDetail,
  suspect: RollbackRevision,
  knownGood: RollbackRevision,
): SourceChange[] {
  if (detail.sources && suspect.revisions && knownGood.revisions) {
    const changes = detail.sources.flatMap((source, index) => {
      const from = suspect.revisions?.[index];
      const to = knownGood.revisions?.[index];
      return from && to && from !== to ? [{ index, source, from, to }] : [];
    });
    if (changes.length > 0) {
      return changes;
    }
  }
  return [
    { source: detail.source, from: suspect.revision, to: knownGood.revision },
  ];
}

function revertTitle(
  gitChanges: SourceChange[],
  chartChanges: SourceChange[],
): string {
  if (gitChanges.length === 0) {
    return 'Preferred: set the chart version back in Git';
  }
  if (chartChanges.length > 0) {
    return 'Preferred: revert the changed sources in Git';
  }
  const revisions = gitChanges.map(change => shortRevision(change.from));
  return `Preferred: revert ${revisions.join(' and ')} in Git`;
}

function revertStep(
  detail: ApplicationDetail,
  changes: SourceChange[],
  suspect: RollbackRevision,
): RollbackStep {
  const gitChanges = changes.filter(change => !change.source?.chart);
  const chartChanges = changes.filter(change => change.source?.chart);
  const commands: string[] = [];
  const notes: string[] = [];

  for (const change of gitChanges) {
    const repo = change.source?.repoURL;
    if (changes.length > 1 || change.index !== undefined) {
      commands.push(
        shellComment(`in a clone of ${repo ?? 'the source repository'}`),
      );
    }
    commands.push(...revertCommands(change.from, change.to));
  }
  for (const change of chartChanges) {
    if (commands.length > 0 || chartChanges.length > 1) {
      commands.push(
        shellComment(`in the repository that defines ${detail.name}`),
      );
    }
    commands.push(
      `grep -rn ${shellArg(`targetRevision: ${change.from}`)} .`,
      `git commit -am ${shellArg(
        `Roll back chart ${change.source?.chart} to ${change.to}`,
      )}`,
      'git push',
    );
    notes.push(
      `Chart ${change.source?.chart} has no commit to revert: change targetRevision from ${change.from} back to ${change.to} where the Application is defined (the line grep finds), then commit.`,
    );
  }

  const single =
    gitChanges.length === 1 && changes.length === 1 ? gitChanges[0] : undefined;
  const gitNotes: string[] = [];
  if (single) {
    gitNotes.push(
      single.source?.repoURL
        ? `In a clone of ${single.source.repoURL}${
            single.source.targetRevision
              ? ` (Argo CD tracks targetRevision ${single.source.targetRevision})`
              : ''
          }.`
        : 'In a clone of the application repository.',
    );
  }
  if (gitChanges.length > 0) {
    gitNotes.push(
      `Suspect: ${describeRevision(
        suspect,
      )}. Reverting keeps Git the source of truth and the audit trail intact; ${
        detail.autoSync.enabled
          ? 'automated sync then deploys the revert.'
          : 'sync the application once the revert is pushed.'
      }`,
    );
  }
  const hint = single && rangeRevertHint(single.from, single.to);
  if (hint) gitNotes.push(hint);
  notes.unshift(...gitNotes);

  return {
    title: revertTitle(gitChanges, chartChanges),
    commands,
    note: notes.join(' '),
  };
}

function rollbackSteps(
  detail: ApplicationDetail,
  knownGood: RollbackRevision,
): RollbackStep[] {
  const ref = argocdAppRef(detail.name, detail.namespace);
  const { autoSync } = detail;
  const tracked =
    detail.source?.targetRevision ??
    detail.sources?.map(source => source.targetRevision ?? 'HEAD').join(', ') ??
    'its target revision';
  const steps: RollbackStep[] = [
    {
      title: `Fast path: roll back to history id ${knownGood.id} in Argo CD`,
      commands: [
        ...(autoSync.enabled
          ? [`argocd app set ${ref} --sync-policy none`]
          : []),
        `argocd app rollback ${ref} ${knownGood.id}`,
      ],
      note: `${
        autoSync.enabled
          ? 'Argo CD refuses to roll back while automated sync is enabled ("rollback cannot be initiated when auto-sync is enabled"), so it is switched off first. '
          : ''
      }Argo CD redeploys ${describeRevision(
        knownGood,
      )} as it was. The application then shows OutOfSync against ${tracked} until Git is reverted too.`,
    },
  ];
  if (autoSync.enabled) {
    const flags = [
      autoSync.selfHeal ? ' --self-heal' : '',
      autoSync.prune ? ' --auto-prune' : '',
    ].join('');
    steps.push({
      title: 'After the Git revert is pushed: turn automated sync back on',
      commands: [`argocd app set ${ref} --sync-policy automated${flags}`],
      note: 'Only once Git no longer contains the suspect change; otherwise automated sync deploys it again.',
    });
  }
  return steps;
}

function pinStep(
  detail: ApplicationDetail,
  changes: SourceChange[],
  knownGood: RollbackRevision,
): RollbackStep {
  const ref = argocdAppRef(detail.name, detail.namespace);
  const commands = changes.map(change =>
    change.index === undefined
      ? `argocd app set ${ref} --revision ${shellArg(change.to)}`
      : `argocd app set ${ref} --source-position ${
          change.index + 1
        } --revision ${shellArg(change.to)}`,
  );
  const unpin = changes
    .map(change =>
      change.index === undefined
        ? `argocd app set ${ref} --revision ${shellArg(
            change.source?.targetRevision ?? 'HEAD',
          )}`
        : `argocd app set ${ref} --source-position ${
            change.index + 1
          } --revision ${shellArg(change.source?.targetRevision ?? 'HEAD')}`,
    )
    .join(' and ');
  const field =
    changes.length === 1 && changes[0].index === undefined
      ? `spec.source.targetRevision: ${changes[0].to}`
      : changes
          .map(
            change =>
              `spec.sources[${change.index}].targetRevision: ${change.to}`,
          )
          .join(', ');
  return {
    title: `Alternative: pin targetRevision to ${
      changes.map(change => shortRevision(change.to)).join(' and ') ||
      shortRevision(knownGood.revision)
    }`,
    commands,
    note: `Works with automated sync on. If the Application itself is managed in Git (app-of-apps, ApplicationSet), set ${field} there instead, or the parent puts the old value back. Unpin once the fix is in: ${unpin}.`,
  };
}

function chartChangeWarnings(changes: SourceChange[]): string[] {
  return changes
    .filter(change => change.source?.chart)
    .map(
      change =>
        `Source ${change.source?.chart} is a Helm chart (version ${change.from}): there is no commit to revert; bump the chart version back to ${change.to}.`,
    );
}

/** Steps and warnings for an Argo CD application whose rollback is recommended. */
export function argocdRecommendedPlan(
  detail: ApplicationDetail,
  assessment: RollbackAssessment & {
    suspect: RollbackRevision;
    knownGood: RollbackRevision;
  },
): { steps: RollbackStep[]; warnings: string[] } {
  const { suspect, knownGood } = assessment;
  const changes = changedSources(detail, suspect, knownGood);
  const steps = [
    revertStep(detail, changes, suspect),
    ...rollbackSteps(detail, knownGood),
    pinStep(detail, changes, knownGood),
  ];

  const warnings: string[] = [];
  if (detail.autoSync.enabled) {
    warnings.push(
      `Automated sync is enabled${
        detail.autoSync.selfHeal ? ' with self-heal' : ''
      }: Argo CD refuses "argocd app rollback" until it is switched off, and re-enabling it before Git is reverted redeploys the suspect revision.`,
    );
  }
  if (detail.sources) {
    warnings.push(
      `This application has ${detail.sources.length} sources: history records one revision per source, and "argocd app rollback" restores all of them to history id ${knownGood.id} (multi-source rollback needs Argo CD 2.11 or later).`,
    );
  }
  warnings.push(...chartChangeWarnings(changes));
  if (detail.autoSync.prune) {
    warnings.push(
      'Auto-prune is on: resources that only the suspect revision added will be deleted when you roll back or revert.',
    );
  }
  if (suspect.origin === 'operation') {
    warnings.push(
      `The failed sync to ${shortRevision(
        suspect.revision,
      )} never reached history (history records successful syncs only): the cluster may be partly at ${shortRevision(
        suspect.revision,
      )}.`,
    );
  }
  warnings.push(migrationsWarning());
  if (
    detail.historyLimit !== undefined &&
    detail.history.length >= detail.historyLimit
  ) {
    warnings.push(
      `History is at its limit (revisionHistoryLimit ${detail.historyLimit}): older revisions are gone and cannot be rolled back to with Argo CD.`,
    );
  }
  if (
    !commitShaOf(suspect.revision) &&
    !detail.source?.chart &&
    !detail.sources
  ) {
    warnings.push(
      `The suspect revision ${
        suspect.revision || '(unknown)'
      } is not a commit SHA: find the commit to revert with "git log".`,
    );
  }
  return { steps, warnings };
}
