import {
  gitopsActionPermissions,
  gitopsKnowledgeProblemsReadPermission,
  gitopsPermissions,
} from './permissions';
import { GITOPS_ACTIONS } from './actions';

describe('permissions', () => {
  it('defines reading knowledge problems as a basic read permission', () => {
    expect(gitopsKnowledgeProblemsReadPermission).toEqual({
      type: 'basic',
      name: 'gitops.knowledge.problems.read',
      attributes: { action: 'read' },
    });
  });

  it('lists every permission once, by unique name', () => {
    const names = gitopsPermissions.map(p => p.name);
    expect(names).toContain(gitopsKnowledgeProblemsReadPermission.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every(name => name.startsWith('gitops.'))).toBe(true);
  });

  it('checks every action against a permission on the catalog entity', () => {
    for (const action of GITOPS_ACTIONS) {
      expect(gitopsActionPermissions[action]).toMatchObject({
        type: 'resource',
        resourceType: 'catalog-entity',
        attributes: { action: 'update' },
      });
      expect(gitopsPermissions).toContain(gitopsActionPermissions[action]);
    }
    expect(
      Object.fromEntries(
        GITOPS_ACTIONS.map(action => [
          action,
          gitopsActionPermissions[action].name,
        ]),
      ),
    ).toEqual({
      refresh: 'gitops.application.refresh',
      sync: 'gitops.application.sync',
      rollback: 'gitops.application.rollback',
      reconcile: 'gitops.fluxobject.reconcile',
      suspend: 'gitops.fluxobject.suspend',
      resume: 'gitops.fluxobject.suspend',
    });
  });
});
