/**
 * Field selectors as the API server accepts them for custom resources:
 * `metadata.name` and `metadata.namespace` only, with `=`, `==` and `!=`,
 * comma meaning AND.
 */
export interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  equals: boolean;
  value: string;
}

export class FieldSelectorError extends Error {}

const SUPPORTED = ['metadata.name', 'metadata.namespace'];

export function parseFieldSelector(selector: string): FieldRequirement[] {
  if (selector.trim() === '') {
    return [];
  }
  return selector.split(',').map(part => {
    const match = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(\S*)\s*$/.exec(part);
    if (!match) {
      throw new FieldSelectorError(
        `invalid selector: '${selector}'; can't understand '${part}'`,
      );
    }
    const [, field, operator, value] = match;
    if (!SUPPORTED.includes(field)) {
      throw new FieldSelectorError(`field label not supported: ${field}`);
    }
    return {
      field: field as FieldRequirement['field'],
      equals: operator !== '!=',
      value,
    };
  });
}

export function matchesFieldSelector(
  requirements: FieldRequirement[],
  metadata: { name?: string; namespace?: string },
): boolean {
  return requirements.every(requirement => {
    const actual =
      requirement.field === 'metadata.name'
        ? metadata.name ?? ''
        : metadata.namespace ?? '';
    return (actual === requirement.value) === requirement.equals;
  });
}
