import {
  DEGRADED_HEALTH as degraded,
  detail,
  sha,
} from '../__testUtils__/builders';
import type { ApplicationDetail } from '../types';
import { planRollback } from './planRollback';

const A = sha('a');
const B = sha('b');
const MIGRATIONS = expect.stringContaining('Database migrations');

describe('planRollback for Flux', () => {
  const flux = (kind: string, overrides: Partial<ApplicationDetail> = {}) =>
    detail({
      sourceKind: 'flux',
      kind,
      name: 'checkout',
      namespace: 'flux-system',
      destination: { namespace: 'checkout' },
      health: degraded,
      operation: null,
      autoSync: { enabled: true, prune: true, selfHeal: true },
      ...overrides,
    });

  it('Kustomization: revert then reconcile with source; suspend/resume as break-glass', () => {
    const plan = planRollback(flux('Kustomization'));
    expect(plan.state).toBe('recommended');
    expect(plan.steps.map(step => [step.title, step.commands])).toEqual([
      [
        'Preferred: revert the suspect commit in Git and reconcile',
        [
          `git log --oneline ${A}..${B}`,
          `git revert --no-edit ${B}`,
          'git push',
          'flux reconcile kustomization checkout -n flux-system --with-source',
        ],
      ],
      [
        'Break-glass: suspend reconciliation while you fix Git',
        ['flux suspend kustomization checkout -n flux-system'],
      ],
      [
        'After the Git revert is pushed: resume reconciliation',
        ['flux resume kustomization checkout -n flux-system'],
      ],
    ]);
    expect(plan.steps.flatMap(step => step.commands).join('\n')).not.toContain(
      'argocd',
    );
    expect(plan.warnings).toEqual([
      expect.stringContaining(
        'Suspending the Kustomization stops every change from Git',
      ),
      expect.stringContaining('Garbage collection (spec.prune) is on'),
      MIGRATIONS,
    ]);
  });

  it('HelmRelease: helm rollback under suspend, and remediation for next time', () => {
    const plan = planRollback(flux('HelmRelease'));
    expect(plan.steps[0].commands).toContain(
      'flux reconcile helmrelease checkout -n flux-system --with-source',
    );
    expect(plan.steps[1].commands).toEqual([
      'flux suspend helmrelease checkout -n flux-system',
      'helm history checkout -n checkout',
      'helm rollback checkout -n checkout',
    ]);
    expect(plan.steps[3]).toEqual({
      title: 'Next time: let helm-controller roll back failed upgrades',
      commands: [
        "kubectl get helmrelease checkout -n flux-system -o jsonpath='{.spec.upgrade.remediation}'",
      ],
      note: expect.stringContaining('spec.upgrade.remediation'),
    });
  });

  it('unknown Flux plans inspect with the flux CLI', () => {
    expect(
      planRollback(flux('Kustomization', { history: [] })).steps[0].commands,
    ).toEqual([
      'flux get kustomization checkout -n flux-system',
      'kubectl describe kustomization checkout -n flux-system',
    ]);
  });
});
