import {
  chartWithGitValues,
  DEGRADED_HEALTH as degraded,
  detail,
  entry,
  sha,
} from '../__testUtils__/builders';
import { planRollback } from './planRollback';

const A = sha('a');
const B = sha('b');
const C = sha('c');
const MIGRATIONS = expect.stringContaining('Database migrations');

describe('planRollback steps and warnings', () => {
  it('degraded after a deploy: revert, roll back, pin — with authors and real commands', () => {
    const plan = planRollback(
      detail({
        health: degraded,
        history: [
          entry(2, B, {
            author: 'Jane Doe <jane@acme.dev>',
            message: 'Bump checkout-web to 2.8.0\n\nlong body',
          }),
          entry(1, A, { author: 'Raj', message: 'Tune probes' }),
        ],
      }),
    );
    expect(plan.reason).toBe(
      'Health is Degraded after deploying bbbbbbb (history id 2); aaaaaaa (history id 1) was deployed before it.',
    );
    expect(plan.suspect).toEqual({
      id: 2,
      revision: B,
      origin: 'history',
      author: 'Jane Doe <jane@acme.dev>',
      message: 'Bump checkout-web to 2.8.0\n\nlong body',
      deployedAt: '2024-05-01T10:02:00Z',
    });
    expect(plan.steps.map(step => step.title)).toEqual([
      'Preferred: revert bbbbbbb in Git',
      'Fast path: roll back to history id 1 in Argo CD',
      'Alternative: pin targetRevision to aaaaaaa',
    ]);
    expect(plan.steps[0].commands).toEqual([
      `git log --oneline ${A}..${B}`,
      `git revert --no-edit ${B}`,
      'git push',
    ]);
    expect(plan.steps[0].note).toContain(
      'In a clone of https://github.com/acme/shop-deploy.git (Argo CD tracks targetRevision main).',
    );
    expect(plan.steps[0].note).toContain(
      'Suspect: bbbbbbb (history id 2) by Jane Doe <jane@acme.dev>: "Bump checkout-web to 2.8.0"',
    );
    expect(plan.steps[0].note).toContain(`git revert --no-edit ${A}..${B}`);
    expect(plan.steps[1].commands).toEqual([
      'argocd app rollback checkout-web 1',
    ]);
    expect(plan.steps[1].note).toContain(
      'aaaaaaa (history id 1) by Raj: "Tune probes"',
    );
    expect(plan.steps[1].note).toContain(
      'OutOfSync against main until Git is reverted',
    );
    expect(plan.steps[2].commands).toEqual([
      `argocd app set checkout-web --revision ${A}`,
    ]);
    expect(plan.steps[2].note).toContain(
      'argocd app set checkout-web --revision main',
    );
    expect(plan.warnings).toEqual([MIGRATIONS]);
  });

  it('auto-sync on: switch it off first, turn it back on with the same flags after the revert', () => {
    const plan = planRollback(
      detail({
        health: degraded,
        namespace: 'team-shop',
        autoSync: { enabled: true, prune: true, selfHeal: true },
      }),
    );
    expect(plan.steps.map(step => step.commands)).toEqual([
      [`git log --oneline ${A}..${B}`, `git revert --no-edit ${B}`, 'git push'],
      [
        'argocd app set team-shop/checkout-web --sync-policy none',
        'argocd app rollback team-shop/checkout-web 1',
      ],
      [
        'argocd app set team-shop/checkout-web --sync-policy automated --self-heal --auto-prune',
      ],
      [`argocd app set team-shop/checkout-web --revision ${A}`],
    ]);
    expect(plan.steps[1].note).toContain(
      'rollback cannot be initiated when auto-sync is enabled',
    );
    expect(plan.steps[2].title).toBe(
      'After the Git revert is pushed: turn automated sync back on',
    );
    expect(plan.warnings).toEqual([
      expect.stringContaining(
        'Automated sync is enabled with self-heal: Argo CD refuses "argocd app rollback"',
      ),
      expect.stringContaining(
        'Auto-prune is on: resources that only the suspect revision added will be deleted',
      ),
      MIGRATIONS,
    ]);
  });

  it('auto-sync without self-heal or prune re-enables exactly that', () => {
    const plan = planRollback(
      detail({
        health: degraded,
        autoSync: { enabled: true, prune: false, selfHeal: false },
      }),
    );
    expect(plan.steps[2].commands).toEqual([
      'argocd app set checkout-web --sync-policy automated',
    ]);
  });

  it('multi-source: per-source revisions, chart and Git handled separately', () => {
    const plan = planRollback(
      detail({
        health: degraded,
        source: undefined,
        sources: chartWithGitValues(),
        sync: { status: 'Synced', revisions: ['18.1.0', B] },
        history: [
          entry(2, '18.1.0', { revisions: ['18.1.0', B] }),
          entry(1, '18.0.0', { revisions: ['18.0.0', A] }),
        ],
      }),
    );
    expect(plan.state).toBe('recommended');
    expect(plan.suspect?.revisions).toEqual(['18.1.0', B]);
    expect(plan.knownGood?.revisions).toEqual(['18.0.0', A]);
    expect(plan.steps[0].commands).toEqual([
      '# in a clone of https://github.com/acme/values.git',
      `git log --oneline ${A}..${B}`,
      `git revert --no-edit ${B}`,
      'git push',
      '# in the repository that defines checkout-web',
      "grep -rn 'targetRevision: 18.1.0' .",
      "git commit -am 'Roll back chart redis to 18.0.0'",
      'git push',
    ]);
    expect(plan.steps[1].commands).toEqual([
      'argocd app rollback checkout-web 1',
    ]);
    expect(plan.steps[2].commands).toEqual([
      'argocd app set checkout-web --source-position 1 --revision 18.0.0',
      `argocd app set checkout-web --source-position 2 --revision ${A}`,
    ]);
    expect(plan.warnings).toEqual([
      'This application has 2 sources: history records one revision per source, and "argocd app rollback" restores all of them to history id 1 (multi-source rollback needs Argo CD 2.11 or later).',
      'Source redis is a Helm chart (version 18.1.0): there is no commit to revert; bump the chart version back to 18.0.0.',
      MIGRATIONS,
    ]);
  });

  it('multi-source where only the Git source changed compares the revisions arrays', () => {
    const plan = planRollback(
      detail({
        health: degraded,
        source: undefined,
        sources: chartWithGitValues(),
        history: [
          entry(3, '18.1.0', { revisions: ['18.1.0', B] }),
          entry(2, '18.1.0', { revisions: ['18.1.0', B] }),
          entry(1, '18.1.0', { revisions: ['18.1.0', A] }),
        ],
      }),
    );
    expect(plan.suspect?.id).toBe(3);
    expect(plan.knownGood?.id).toBe(1);
    expect(plan.steps[0].title).toBe('Preferred: revert bbbbbbb in Git');
    expect(plan.steps[2].commands).toEqual([
      `argocd app set checkout-web --source-position 2 --revision ${A}`,
    ]);
  });

  it('Helm chart source: no commit to revert, bump the chart version back', () => {
    const plan = planRollback(
      detail({
        name: 'argo-workflows',
        health: degraded,
        source: {
          repoURL: 'https://argoproj.github.io/argo-helm',
          chart: 'argo-workflows',
          targetRevision: '0.45.27',
        },
        history: [entry(2, '0.45.27'), entry(1, '0.45.26')],
      }),
    );
    expect(plan.state).toBe('recommended');
    expect(plan.steps[0]).toEqual({
      title: 'Preferred: set the chart version back in Git',
      commands: [
        "grep -rn 'targetRevision: 0.45.27' .",
        "git commit -am 'Roll back chart argo-workflows to 0.45.26'",
        'git push',
      ],
      note: expect.stringContaining(
        'change targetRevision from 0.45.27 back to 0.45.26',
      ),
    });
    expect(plan.steps[2].commands).toEqual([
      'argocd app set argo-workflows --revision 0.45.26',
    ]);
    expect(plan.warnings).toEqual([
      'Source argo-workflows is a Helm chart (version 0.45.27): there is no commit to revert; bump the chart version back to 0.45.26.',
      MIGRATIONS,
    ]);
  });

  it('a failed sync that never made history warns that the cluster may be partly at it', () => {
    const plan = planRollback(
      detail({
        operation: {
          phase: 'Failed',
          message: 'field is immutable',
          revision: C,
          retryCount: 2,
        },
      }),
    );
    expect(plan.reason).toBe(
      `The last sync failed after the failed sync to ccccccc; bbbbbbb (history id 2) was deployed before it.`,
    );
    expect(plan.steps[0].commands).toEqual([
      `git log --oneline ${B}..${C}`,
      `git revert --no-edit ${C}`,
      'git push',
    ]);
    expect(plan.steps[1].commands).toEqual([
      'argocd app rollback checkout-web 2',
    ]);
    expect(plan.warnings).toContain(
      'The failed sync to ccccccc never reached history (history records successful syncs only): the cluster may be partly at ccccccc.',
    );
  });

  it('history limit reached: warns that older revisions are gone', () => {
    const plan = planRollback(detail({ health: degraded, historyLimit: 2 }));
    expect(plan.warnings).toContain(
      'History is at its limit (revisionHistoryLimit 2): older revisions are gone and cannot be rolled back to with Argo CD.',
    );
    const unknown = planRollback(
      detail({
        health: degraded,
        historyLimit: 2,
        history: [entry(9, C), entry(8, C)],
      }),
    );
    expect(unknown.reason).toBe(
      'Health is Degraded after deploying ccccccc (history id 9), but no earlier history entry deploys a different revision. History is at its limit of 2 entries, so older revisions are gone.',
    );
    expect(unknown.warnings).toEqual([
      expect.stringContaining('History is at its limit'),
    ]);
  });

  it('a Progressing rollout waits for health; a never-synced app says so', () => {
    const rollout = planRollback(
      detail({ namespace: 'team-shop', health: { status: 'Progressing' } }),
    );
    expect(rollout.reason).toBe(
      'Health is Progressing at bbbbbbb: the last deploy has not settled yet; wait for it to turn Healthy or Degraded before deciding on a rollback.',
    );
    expect(rollout.steps).toEqual([
      {
        title: 'Wait for the rollout to settle',
        commands: [
          'argocd app wait team-shop/checkout-web --health --timeout 900',
        ],
        note: expect.stringContaining('argocd app get team-shop/checkout-web'),
      },
    ]);
    expect(rollout.warnings).toEqual([]);

    const never = planRollback(
      detail({
        sync: { status: 'OutOfSync', revision: A },
        health: { status: 'Missing' },
        operation: null,
        history: [],
      }),
    );
    expect(never).toEqual({
      state: 'not-needed',
      reason:
        'Nothing to roll back: the application has never been synced (sync status is OutOfSync, health is Missing).',
      suspect: null,
      knownGood: null,
      steps: [],
      warnings: [],
    });
  });

  it('unknown and in-progress plans carry read-only steps only', () => {
    expect(
      planRollback(detail({ health: degraded, history: [entry(1, A)] })).steps,
    ).toEqual([
      {
        title: 'Inspect the deploy history',
        commands: [
          'argocd app history checkout-web',
          'argocd app get checkout-web --refresh',
        ],
      },
    ]);
    const running = planRollback(
      detail({ operation: { phase: 'Running', revision: C } }),
    );
    expect(running.reason).toBe(
      'A sync to ccccccc is Running; wait for it to finish before deciding on a rollback.',
    );
    expect(running.steps).toEqual([
      {
        title: 'Wait for the running operation',
        commands: ['argocd app wait checkout-web --operation'],
        note: expect.stringContaining('argocd app terminate-op checkout-web'),
      },
    ]);
    expect(planRollback(detail()).steps).toEqual([]);
  });
});
