import {
  createPermission,
  type Permission,
} from '@backstage/plugin-permission-common';

/**
 * Read the list of knowledge content files the backend skipped or loaded in
 * part (`GET /api/gitops/knowledge/problems`): file paths and validation
 * messages, meant for whoever maintains the organization's content.
 *
 * @public
 */
export const gitopsKnowledgeProblemsReadPermission = createPermission({
  name: 'gitops.knowledge.problems.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the GitOps plugins, as the backend registers them with
 * the permission framework.
 *
 * @public
 */
export const gitopsPermissions: Permission[] = [
  gitopsKnowledgeProblemsReadPermission,
];
