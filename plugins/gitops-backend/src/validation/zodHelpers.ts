import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Longest value repeated back in an error message. */
const MAX_SHOWN_VALUE = 60;

/** A value as quoted in an error message, cut short when long. */
export function shown(value: string): string {
  return JSON.stringify(
    value.length > MAX_SHOWN_VALUE
      ? `${value.slice(0, MAX_SHOWN_VALUE)}…`
      : value,
  );
}

/**
 * A string checked by one of the common validators, which answer an error
 * sentence or `undefined` when the value is fine.
 */
export function validatedString(
  validate: (value: string) => string | undefined,
  options: {
    maxLength?: number;
    /** Repeat the value in the message (request input, where the key alone is ambiguous). */
    quoteValue?: boolean;
    /** The message when the value is not a string (a repeated query parameter). */
    typeError?: string;
  } = {},
) {
  const { maxLength, quoteValue = false, typeError } = options;
  return z
    .string({ invalid_type_error: typeError })
    .superRefine((value, ctx) => {
      const error =
        maxLength !== undefined && value.length > maxLength
          ? `must be at most ${maxLength} characters`
          : validate(value);
      if (error) {
        ctx.addIssue({
          code: 'custom',
          message: quoteValue ? `${shown(value)} ${error}` : error,
        });
      }
    });
}

/**
 * An http(s) base URL without credentials, query or fragment, trailing
 * slashes removed. `credentialsHint` names where credentials belong instead.
 */
export function baseUrlSchema(credentialsHint: string) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' });
        return;
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        ctx.addIssue({
          code: 'custom',
          message: 'must be an http or https URL',
        });
      }
      // Credentials belong in keys that Backstage marks secret.
      if (url.username || url.password) {
        ctx.addIssue({
          code: 'custom',
          message: `must not contain credentials; use ${credentialsHint}`,
        });
      }
      if (url.search || url.hash) {
        ctx.addIssue({
          code: 'custom',
          message: 'must not contain a query or fragment',
        });
      }
    })
    .transform(value => value.replace(/\/+$/, ''));
}

/** `gitops.argocd.instances[0].url`: a zod issue path as a config key. */
export function formatConfigPath(path: (string | number)[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') {
        return `[${part}]`;
      }
      return index === 0 ? part : `.${part}`;
    })
    .join('');
}

/**
 * Parses a configuration value found at `root`, or throws an `Error` that
 * names every bad key: `Invalid <what> configuration: <key> <problem>; …`.
 */
export function parseConfigAt<T extends z.ZodTypeAny>(
  what: string,
  schema: T,
  value: unknown,
  root: (string | number)[],
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw configError(
      what,
      result.error.issues.map(issue => {
        const at = formatConfigPath([...root, ...issue.path]);
        return issue.code === 'unrecognized_keys'
          ? `${at} has unknown keys ${issue.keys.join(', ')}`
          : `${at} ${issue.message}`;
      }),
    );
  }
  return result.data;
}

/** `Invalid <what> configuration: <problem>; …`. */
export function configError(what: string, problems: string[]): Error {
  return new Error(`Invalid ${what} configuration: ${problems.join('; ')}`);
}

/**
 * Parses request input or throws an `InputError` naming each bad value:
 * `Invalid <where> <key>: <problem>; …`.
 */
export function parseRequestInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(issue =>
          issue.path.length > 0
            ? `Invalid ${where} ${issue.path.join('.')}: ${issue.message}`
            : `Invalid ${where}: ${issue.message}`,
        )
        .join('; '),
    );
  }
  return result.data;
}
