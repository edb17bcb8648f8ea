import { openApiDocument, schemaErrors } from '../__testUtils__/openapi';

/** Every keyword the document may use inside a schema object. */
const SCHEMA_KEYWORDS = new Set([
  '$ref',
  'type',
  'description',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'format',
  'pattern',
  'example',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'allOf',
  'anyOf',
  'oneOf',
  'nullable',
  'default',
  'deprecated',
]);

type Visit = (node: any, where: string) => void;

/** Calls `visit` on every schema object below `node`, `where` being its path. */
function eachSchema(node: any, where: string, visit: Visit) {
  if (!node || typeof node !== 'object') return;
  visit(node, where);
  for (const [name, child] of Object.entries<any>(node.properties ?? {})) {
    eachSchema(child, `${where}.properties.${name}`, visit);
  }
  if (node.items) eachSchema(node.items, `${where}.items`, visit);
  if (typeof node.additionalProperties === 'object') {
    eachSchema(
      node.additionalProperties,
      `${where}.additionalProperties`,
      visit,
    );
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    (node[keyword] ?? []).forEach((part: any, i: number) =>
      eachSchema(part, `${where}.${keyword}[${i}]`, visit),
    );
  }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, with its path. */
function operations(): Array<[string, any]> {
  return Object.entries<any>(openApiDocument.paths).flatMap(([path, item]) =>
    METHODS.filter(method => item[method]).map(
      method => [path, item[method]] as [string, any],
    ),
  );
}

/** Every schema of the document: components, parameters, request and response bodies. */
function allSchemas(): Array<[string, any]> {
  const out: Array<[string, any]> = [];
  const collect: Visit = (node, where) => out.push([where, node]);
  for (const [name, schema] of Object.entries<any>(
    openApiDocument.components.schemas,
  )) {
    eachSchema(schema, `#/components/schemas/${name}`, collect);
  }
  for (const [name, parameter] of Object.entries<any>(
    openApiDocument.components.parameters,
  )) {
    eachSchema(parameter.schema, `#/components/parameters/${name}`, collect);
  }
  for (const [path, operation] of operations()) {
    for (const [status, response] of Object.entries<any>(
      operation.responses,
    )) {
      const schema = response.content?.['application/json']?.schema;
      eachSchema(schema, `${path} ${status}`, collect);
    }
    const body = operation.requestBody?.content?.['application/json']?.schema;
    eachSchema(body, `${path} request body`, collect);
  }
  return out;
}

function resolves(ref: string): boolean {
  const [file, pointer] = ref.split('#');
  if (file !== '' || !pointer) return false;
  let node: any = openApiDocument;
  for (const part of pointer.split('/').slice(1)) {
    node = node?.[part];
  }
  return node !== undefined;
}

describe('the OpenAPI document', () => {
  it('is the only one: the knowledge fragment is merged in', () => {
    expect(Object.keys(openApiDocument.paths)).toEqual([
      '/health',
      '/entities/{kind}/{namespace}/{name}/applications',
      '/entities/{kind}/{namespace}/{name}/applications/{instance}/{application}',
      '/entities/{kind}/{namespace}/{name}/applications/{instance}/{application}/guidance',
      '/entities/{kind}/{namespace}/{name}/applications/{instance}/{application}/{action}',
      '/fleet',
      '/knowledge',
      '/knowledge/topics',
      '/knowledge/skill-check',
      '/knowledge/problems',
      '/knowledge/{id}',
    ]);
  });

  it('uses only schema keywords (a YAML flow mapping split at a comma adds stray keys)', () => {
    const stray = allSchemas().flatMap(([where, schema]) =>
      Object.keys(schema)
        .filter(key => !SCHEMA_KEYWORDS.has(key))
        .map(key => `${where}: ${key}`),
    );
    expect(stray).toEqual([]);
  });

  it('resolves every $ref', () => {
    const refs: string[] = [];
    const walk = (node: any) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (typeof node.$ref === 'string') refs.push(node.$ref);
        Object.values(node).forEach(walk);
      }
    };
    walk(openApiDocument);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter(ref => !resolves(ref))).toEqual([]);
  });

  it('declares every path placeholder as a path parameter, and nothing else', () => {
    for (const [path, operation] of operations()) {
      const placeholders = [...path.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
      const declared = (operation.parameters ?? [])
        .map((parameter: any) =>
          parameter.$ref
            ? openApiDocument.components.parameters[
                parameter.$ref.split('/').pop()
              ]
            : parameter,
        )
        .filter((parameter: any) => parameter.in === 'path')
        .map((parameter: any) => parameter.name);
      expect({ path, declared }).toEqual({ path, declared: placeholders });
    }
  });

  it('has unique operation ids', () => {
    const ids = operations().map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(id => typeof id === 'string')).toBe(true);
  });

  it('accepts null but no stray fields for the rollback revisions', () => {
    const plan = {
      state: 'not-needed',
      reason: 'Nothing has failed.',
      knownGood: null,
      suspect: null,
      steps: [],
      warnings: [],
    };
    expect(schemaErrors('RollbackPlan', plan)).toEqual([]);
    expect(
      schemaErrors('RollbackPlan', {
        ...plan,
        suspect: { id: 3, revision: 'abc', sha: 'abc' },
      }),
    ).not.toEqual([]);
    expect(
      schemaErrors('RollbackPlan', { ...plan, state: 'maybe' }),
    ).not.toEqual([]);
  });
});
