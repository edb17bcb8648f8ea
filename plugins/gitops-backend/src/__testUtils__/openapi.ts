import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The plugin's OpenAPI document. */
export const openApiDocument = parse(
  fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ components: openApiDocument.components }, 'openapi.yaml');

const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    // Local refs of the document resolve against the registered components.
    validate = ajv.compile(
      JSON.parse(
        key.replace(/"#\/components\//g, '"openapi.yaml#/components/'),
      ),
    );
    validators.set(key, validate);
  }
  return validate;
}

/** Errors of `body` against a component schema, e.g. `ApplicationSummary`. */
export function schemaErrors(component: string, body: unknown): string[] {
  const validate = validatorFor({
    $ref: `#/components/schemas/${component}`,
  });
  return validate(body) ? [] : ajv.errorsText(validate.errors).split(', ');
}

/**
 * Errors of a response against what the document declares for that route
 * and status, e.g. `('/entities/{kind}/{namespace}/{name}/applications', 200, body)`.
 */
export function responseErrors(
  route: string,
  status: number,
  body: unknown,
  method: 'get' | 'post' = 'get',
): string[] {
  const verb = method.toUpperCase();
  const operation = openApiDocument.paths?.[route]?.[method];
  if (!operation) {
    return [`the document has no ${verb} ${route}`];
  }
  let response = operation.responses?.[String(status)];
  if (!response) {
    return [`the document declares no ${status} response for ${verb} ${route}`];
  }
  if (response.$ref) {
    response =
      openApiDocument.components.responses[response.$ref.split('/').pop()];
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    return [`no JSON schema for ${status} of ${verb} ${route}`];
  }
  const validate = validatorFor(schema);
  return validate(body) ? [] : ajv.errorsText(validate.errors).split(', ');
}

/** Property names the document declares for a component (following allOf). */
export function documentedProperties(component: string): Set<string> {
  const names = new Set<string>();
  const visit = (schema: any) => {
    if (schema?.$ref) {
      visit(openApiDocument.components.schemas[schema.$ref.split('/').pop()]);
      return;
    }
    for (const name of Object.keys(schema?.properties ?? {})) names.add(name);
    for (const part of schema?.allOf ?? []) visit(part);
  };
  visit({ $ref: `#/components/schemas/${component}` });
  return names;
}

export const ROUTES = {
  applications: '/entities/{kind}/{namespace}/{name}/applications',
  application:
    '/entities/{kind}/{namespace}/{name}/applications/{instance}/{application}',
  guidance:
    '/entities/{kind}/{namespace}/{name}/applications/{instance}/{application}/guidance',
  action:
    '/entities/{kind}/{namespace}/{name}/applications/{instance}/{application}/{action}',
  fleet: '/fleet',
  knowledge: '/knowledge',
  knowledgeTopics: '/knowledge/topics',
  knowledgeSkillCheck: '/knowledge/skill-check',
  knowledgeProblems: '/knowledge/problems',
  knowledgeEntry: '/knowledge/{id}',
} as const;
