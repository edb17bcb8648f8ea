import type { Config } from '@backstage/config';
import { validateInstanceName } from '@gitops-guide/backstage-plugin-gitops-common';
import { z } from 'zod';
import {
  baseUrlSchema,
  configError,
  formatConfigPath,
  parseConfigAt,
  validatedString,
} from '../validation/zodHelpers';

/** How the backend authenticates to one Argo CD instance. @public */
export type ArgoCdAuthConfig =
  | { type: 'token'; token: string }
  | { type: 'session'; username: string; password: string };

/** One configured Argo CD instance, validated. @public */
export interface ArgoCdInstanceConfig {
  name: string;
  /** API base URL without a trailing slash. */
  url: string;
  /** UI base URL for deep links without a trailing slash (defaults to `url`). */
  uiUrl: string;
  auth: ArgoCdAuthConfig;
  /**
   * False keeps the instance read-only when `gitops.actions.enabled` is on
   * (`instances[].actions: false`). Default true.
   */
  actions: boolean;
  /**
   * Keep this instance's applications in memory from one list and Argo
   * CD's watch stream instead of listing per request
   * (`instances[].watch: false` turns it off). Default true.
   */
  watch?: boolean;
}

/** The validated `gitops.argocd` configuration. @public */
export interface ArgoCdConfig {
  instances: ArgoCdInstanceConfig[];
  cacheTtlSeconds: number;
  timeoutMs: number;
}

/** Default of `gitops.argocd.cacheTtlSeconds`. @public */
export const DEFAULT_CACHE_TTL_SECONDS = 15;
/** Default of `gitops.argocd.timeoutMs`. @public */
export const DEFAULT_TIMEOUT_MS = 10_000;

const baseUrl = baseUrlSchema('token or username/password');

const secret = z.string().trim().min(1, 'must not be empty');

const instanceName = validatedString(validateInstanceName);

const instanceSchema = z.object({
  name: instanceName,
  url: baseUrl,
  uiUrl: baseUrl.optional(),
  token: secret.optional(),
  username: secret.optional(),
  password: secret.optional(),
  actions: z.boolean().default(true),
  watch: z.boolean().default(true),
});

const gitopsSchema = z.object({
  instances: z.array(instanceSchema).min(1, 'must list at least one instance'),
  cacheTtlSeconds: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(DEFAULT_CACHE_TTL_SECONDS),
  timeoutMs: z.number().int().min(100).max(600_000).default(DEFAULT_TIMEOUT_MS),
});

const roadieSchema = z.object({
  username: secret.optional(),
  password: secret.optional(),
  appLocatorMethods: z
    .array(
      z.object({
        type: z.string().optional(),
        instances: z.array(instanceSchema.omit({ uiUrl: true })).default([]),
      }),
    )
    .default([]),
});

type RawInstance = z.infer<typeof instanceSchema>;

interface LocatedInstance {
  raw: RawInstance;
  path: (string | number)[];
}

const WHAT = 'Argo CD';

function parseAt<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  root: string[],
): z.output<T> {
  return parseConfigAt(WHAT, schema, value, root);
}

function resolveInstances(
  located: LocatedInstance[],
  fallback: { username?: string; password?: string },
): ArgoCdInstanceConfig[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const instances = located.flatMap(({ raw, path }) => {
    const at = formatConfigPath(path);
    const previous = seen.get(raw.name);
    if (previous) {
      problems.push(`${at}.name duplicates the name of ${previous}`);
    }
    seen.set(raw.name, at);

    let auth: ArgoCdAuthConfig | undefined;
    const username = raw.username ?? fallback.username;
    const password = raw.password ?? fallback.password;
    if (raw.token) {
      auth = { type: 'token', token: raw.token };
    } else if (username && password) {
      auth = { type: 'session', username, password };
    } else {
      problems.push(`${at} needs a token, or a username and a password`);
      return [];
    }
    return [
      {
        name: raw.name,
        url: raw.url,
        uiUrl: raw.uiUrl ?? raw.url,
        auth,
        actions: raw.actions,
        watch: raw.watch,
      },
    ];
  });
  if (problems.length > 0) {
    throw configError(WHAT, problems);
  }
  return instances;
}

/**
 * Reads and validates `gitops.argocd`, or, when it is absent, the Roadie and
 * Red Hat shape `argocd.appLocatorMethods[].instances[]` (with their
 * top-level `argocd.username`/`argocd.password`). Throws an error naming the
 * offending key, never a secret value. No configuration at all yields no
 * instances.
 * @public
 */
export function readArgoCdConfig(config: Config): ArgoCdConfig {
  const gitops = config.getOptional('gitops.argocd');
  if (gitops !== undefined) {
    const parsed = parseAt(gitopsSchema, gitops, ['gitops', 'argocd']);
    return {
      instances: resolveInstances(
        parsed.instances.map((raw, index) => ({
          raw,
          path: ['gitops', 'argocd', 'instances', index],
        })),
        {},
      ),
      cacheTtlSeconds: parsed.cacheTtlSeconds,
      timeoutMs: parsed.timeoutMs,
    };
  }

  const roadie = config.getOptional('argocd');
  const parsed =
    roadie === undefined
      ? { appLocatorMethods: [] }
      : parseAt(roadieSchema, roadie, ['argocd']);
  const located = parsed.appLocatorMethods.flatMap((method, methodIndex) =>
    method.instances.map((raw, index) => ({
      raw,
      path: ['argocd', 'appLocatorMethods', methodIndex, 'instances', index],
    })),
  );
  return {
    instances: resolveInstances(located, parsed),
    cacheTtlSeconds: DEFAULT_CACHE_TTL_SECONDS,
    timeoutMs: DEFAULT_TIMEOUT_MS,
  };
}
