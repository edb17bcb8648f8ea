import swagger from '../__fixtures__/argocd-swagger-definitions.json';

/**
 * A small structural check of JSON against Argo CD's OpenAPI 2 definitions: types, array items, and above all no
 * property the definition does not declare, which is how invented fields would show up. Formats are not checked.
 */
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  allOf?: Schema[];
}

const definitions = (swagger as { definitions: Record<string, Schema> })
  .definitions;

function resolve(schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    const found = definitions[name];
    if (!found) {
      throw new Error(`Unknown definition ${name}`);
    }
    return resolve(found);
  }
  if (schema.allOf) {
    const parts = [schema, ...schema.allOf.map(resolve)];
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map(p => p.properties ?? {})),
    };
  }
  return schema;
}

// Kubernetes types that hold raw JSON on the wire (RawExtension, FieldsV1) although the spec describes bytes.
function isOpaque(schema: Schema): boolean {
  const keys = Object.keys(schema.properties ?? {});
  return (
    keys.length === 1 &&
    /^raw$/i.test(keys[0]) &&
    schema.properties![keys[0]].format === 'byte'
  );
}

function check(
  value: unknown,
  schema: Schema,
  path: string,
  problems: string[],
): void {
  const resolved = resolve(schema);
  if (value === null || isOpaque(resolved)) {
    return;
  }
  switch (resolved.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${path}: expected an object`);
        return;
      }
      for (const [key, child] of Object.entries(
        value as Record<string, unknown>,
      )) {
        const property = resolved.properties?.[key];
        if (property) {
          check(child, property, `${path}.${key}`, problems);
        } else if (typeof resolved.additionalProperties === 'object') {
          check(
            child,
            resolved.additionalProperties,
            `${path}.${key}`,
            problems,
          );
        } else if (
          resolved.properties ||
          resolved.additionalProperties === false
        ) {
          problems.push(`${path}.${key}: not in the definition`);
        }
      }
      return;
    }
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${path}: expected an array`);
        return;
      }
      value.forEach((item, i) =>
        check(item, resolved.items ?? {}, `${path}[${i}]`, problems),
      );
      return;
    case 'string':
      if (typeof value !== 'string') {
        problems.push(
          `${path}: expected a string, got ${JSON.stringify(value)}`,
        );
      }
      return;
    case 'integer':
      if (!Number.isInteger(value)) {
        problems.push(
          `${path}: expected an integer, got ${JSON.stringify(value)}`,
        );
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') {
        problems.push(
          `${path}: expected a boolean, got ${JSON.stringify(value)}`,
        );
      }
      return;
    default:
      return;
  }
}

/** Problems found checking `value` against the named definition, e.g. `v1alpha1Application`; empty when it fits. */
export function swaggerProblems(value: unknown, definition: string): string[] {
  const problems: string[] = [];
  check(value, { $ref: `#/definitions/${definition}` }, definition, problems);
  return problems;
}
