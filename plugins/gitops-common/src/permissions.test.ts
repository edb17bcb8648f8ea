import {
  gitopsKnowledgeProblemsReadPermission,
  gitopsPermissions,
} from './permissions';

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
});
