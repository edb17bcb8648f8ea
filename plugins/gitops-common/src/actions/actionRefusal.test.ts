import { detail, sha } from '../__testUtils__/builders';
import type { ApplicationDetail } from '../types';
import { actionRefusal } from './actionRefusal';
import { actionsForSource, isGitOpsActionName } from './actionNames';

const autoSync = { enabled: true, prune: true, selfHeal: true };
const running: ApplicationDetail['operation'] = {
  phase: 'Running',
  initiatedBy: 'maria',
};

function flux(overrides: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return detail({
    sourceKind: 'flux',
    kind: 'Kustomization',
    name: 'notifications',
    operation: null,
    history: [],
    ...overrides,
  });
}

describe('actionRefusal', () => {
  it('lets a manual-sync application roll back to an entry of its history', () => {
    expect(actionRefusal(detail(), { action: 'rollback', id: 1 })).toBe(
      undefined,
    );
  });

  it('refuses a rollback with auto-sync on, pointing at Git and the guidance', () => {
    const refusal = actionRefusal(detail({ autoSync }), {
      action: 'rollback',
      id: 1,
    });
    expect(refusal?.reason).toContain("'checkout-web' has auto-sync on");
    expect(refusal?.hint).toContain('Revert the change in Git');
    expect(refusal?.hint).toContain('rollback guidance');
  });

  it('refuses a rollback to an id the history no longer holds', () => {
    expect(actionRefusal(detail(), { action: 'rollback', id: 9 })?.reason).toBe(
      "The history of 'checkout-web' has no entry #9 (it holds #2, #1).",
    );
  });

  it('refuses sync and rollback while another operation runs, but refreshes', () => {
    const busy = detail({ operation: running });
    expect(actionRefusal(busy, { action: 'sync' })?.reason).toBe(
      "Another operation is running on 'checkout-web' (started by maria), and Argo CD runs one at a time.",
    );
    expect(actionRefusal(busy, { action: 'rollback', id: 1 })).toBeDefined();
    expect(actionRefusal(busy, { action: 'refresh' })).toBe(undefined);
  });

  it('refuses every operation on an application being deleted', () => {
    const deleting = detail({ deleting: true });
    expect(actionRefusal(deleting, { action: 'sync' })?.reason).toContain(
      'is being deleted',
    );
    expect(
      actionRefusal(flux({ deleting: true }), { action: 'suspend' }),
    ).toBeDefined();
  });

  it('refuses a sync to another revision while auto-sync follows the target, unless a dry run', () => {
    const app = detail({ autoSync });
    expect(
      actionRefusal(app, { action: 'sync', revision: sha('a') })?.reason,
    ).toBe(
      "'checkout-web' has auto-sync on and follows 'main': Argo CD refuses to sync it to aaaaaaa, as the controller would move it back.",
    );
    expect(
      actionRefusal(app, { action: 'sync', revision: sha('a'), dryRun: true }),
    ).toBe(undefined);
    expect(actionRefusal(app, { action: 'sync', revision: 'main' })).toBe(
      undefined,
    );
    expect(actionRefusal(app, { action: 'sync' })).toBe(undefined);
  });

  it('follows the Flux CLI: no reconcile while suspended, no double suspend or resume', () => {
    const suspended = flux({ suspended: true });
    expect(actionRefusal(suspended, { action: 'reconcile' })?.hint).toBe(
      'Resume it first; it is reconciled as soon as it resumes.',
    );
    expect(actionRefusal(suspended, { action: 'suspend' })).toBeDefined();
    expect(actionRefusal(suspended, { action: 'resume' })).toBe(undefined);
    expect(actionRefusal(flux(), { action: 'resume' })).toBeDefined();
    expect(actionRefusal(flux(), { action: 'reconcile' })).toBe(undefined);
    expect(actionRefusal(flux(), { action: 'suspend' })).toBe(undefined);
  });
});

describe('action names', () => {
  it('offers Argo CD actions for Argo CD applications, Flux actions for Flux objects', () => {
    expect(actionsForSource({ sourceKind: 'argocd' })).toEqual([
      'refresh',
      'sync',
      'rollback',
    ]);
    expect(actionsForSource({ sourceKind: 'argocd-kubernetes' })).toEqual([
      'refresh',
      'sync',
      'rollback',
    ]);
    expect(actionsForSource({ sourceKind: 'flux' })).toEqual([
      'reconcile',
      'suspend',
      'resume',
    ]);
  });

  it('knows its names and nothing else', () => {
    expect(isGitOpsActionName('rollback')).toBe(true);
    expect(isGitOpsActionName('delete')).toBe(false);
    expect(isGitOpsActionName(undefined)).toBe(false);
  });
});
