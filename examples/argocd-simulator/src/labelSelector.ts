import type { LabelSelectorRequirement } from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * Whether labels satisfy a selector that `parseLabelSelector` (gitops-common, Kubernetes' `labels.Parse` grammar)
 * has read, with the semantics of the Kubernetes API server.
 */
export function matchesLabelSelector(
  requirements: LabelSelectorRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  return requirements.every(r => matchesRequirement(r, labels ?? {}));
}

function matchesRequirement(
  requirement: LabelSelectorRequirement,
  labels: Record<string, string>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'exists':
      return has;
    case 'doesNotExist':
      return !has;
    case 'equals':
    case 'in':
      return has && requirement.values.includes(value);
    case 'notEquals':
    case 'notIn':
      // Kubernetes semantics: a missing label satisfies != and notin
      return !has || !requirement.values.includes(value);
    case 'greaterThan':
    case 'lessThan': {
      if (!has || !/^-?\d+$/.test(value)) {
        return false;
      }
      const actual = Number(value);
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'greaterThan'
        ? actual > bound
        : actual < bound;
    }
    default:
      return false;
  }
}
