/**
 * Validators for the names, selectors and revisions that reach Argo CD or
 * Kubernetes from annotations and request parameters. Each returns an error
 * message, or `undefined` when the value is acceptable. They are strict on
 * purpose: these values end up in URLs, label selectors and shell commands.
 */

import {
  DNS1123_LABEL_RE,
  DNS1123_SUBDOMAIN_RE,
  QUALIFIED_NAME_RE,
} from './internal/kubernetesNames';
import { LabelSelectorError, parseLabelSelector } from './labelSelector';

// A selector holds nothing but these: anything else could change meaning in a URL or a shell command,
// and leaving out `>` and `<` rules out integer comparisons.
const SELECTOR_UNEXPECTED_CHARACTER_RE = /[^A-Za-z0-9._/=!(), \t-]/;
const INSTANCE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const HEX_SHA_RE = /^[0-9a-f]{7,64}$/i;
const REVISION_RE = /^[A-Za-z0-9^~*][A-Za-z0-9._/+\-^~*]*$/;

/** Longest label selector accepted, in characters. @public */
export const MAX_LABEL_SELECTOR_LENGTH = 1024;

/**
 * An Argo CD application (or project) name: a Kubernetes DNS-1123 subdomain —
 * lowercase letters, digits, `-` and `.`, starting and ending with a letter or
 * digit, at most 253 characters.
 * @public
 */
export function validateApplicationName(name: string): string | undefined {
  if (typeof name !== 'string' || name === '') {
    return 'must not be empty';
  }
  if (name.length > 253) {
    return 'must be at most 253 characters';
  }
  if (!DNS1123_SUBDOMAIN_RE.test(name)) {
    return "must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/**
 * A Kubernetes namespace: a DNS-1123 label — lowercase letters, digits and
 * `-`, starting and ending with a letter or digit, at most 63 characters.
 * @public
 */
export function validateNamespace(namespace: string): string | undefined {
  if (typeof namespace !== 'string' || namespace === '') {
    return 'must not be empty';
  }
  if (namespace.length > 63) {
    return 'must be at most 63 characters';
  }
  if (!DNS1123_LABEL_RE.test(namespace)) {
    return "must be lowercase letters, digits and '-', starting and ending with a letter or digit";
  }
  return undefined;
}

/**
 * A configured instance (Argo CD server or cluster) name:
 * `[A-Za-z0-9][A-Za-z0-9._-]{0,62}`.
 * @public
 */
export function validateInstanceName(name: string): string | undefined {
  if (typeof name !== 'string' || name === '') {
    return 'must not be empty';
  }
  if (!INSTANCE_NAME_RE.test(name)) {
    return "must start with a letter or digit and contain only letters, digits, '.', '_' and '-', at most 63 characters";
  }
  return undefined;
}

/**
 * A Kubernetes label value: empty, or at most 63 letters, digits, `-`, `_`
 * and `.` starting and ending with a letter or digit.
 * @public
 */
export function validateLabelValue(value: string): string | undefined {
  if (typeof value !== 'string') {
    return 'must be a string';
  }
  if (value === '') {
    return undefined;
  }
  if (value.length > 63) {
    return 'must be at most 63 characters';
  }
  if (!QUALIFIED_NAME_RE.test(value) || value.includes('..')) {
    return "must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/**
 * A Kubernetes label key: an optional DNS-1123 subdomain prefix and `/`, then
 * a name of at most 63 letters, digits, `-`, `_` and `.`.
 * @public
 */
export function validateLabelKey(key: string): string | undefined {
  if (typeof key !== 'string' || key === '') {
    return 'label key must not be empty';
  }
  const parts = key.split('/');
  if (parts.length > 2) {
    return `label key "${key}" may contain at most one '/'`;
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN_RE.test(prefix)) {
      return `label key prefix "${prefix}" must be a lowercase DNS subdomain of at most 253 characters`;
    }
  }
  if (name === '' || name.length > 63 || !QUALIFIED_NAME_RE.test(name)) {
    return `label key name "${name}" must be 1-63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  if (name.includes('..')) {
    return `label key name "${name}" must not contain '..'`;
  }
  return undefined;
}

/**
 * A Kubernetes label selector ({@link parseLabelSelector}) restricted to the
 * forms Argo CD and Kubernetes document: comma-separated requirements
 * `key`, `!key`, `key=value`, `key==value`, `key!=value`,
 * `key in (a,b)` and `key notin (a,b)`; no integer comparisons, no empty
 * value set, no `..`. At most 1024 characters. The empty selector is
 * rejected because it would select everything.
 * @public
 */
export function validateLabelSelector(selector: string): string | undefined {
  if (typeof selector !== 'string' || selector.trim() === '') {
    return 'must not be empty';
  }
  if (selector.length > MAX_LABEL_SELECTOR_LENGTH) {
    return `must be at most ${MAX_LABEL_SELECTOR_LENGTH} characters`;
  }
  if (selector.includes('..')) {
    return "must not contain '..'";
  }
  const unexpected = SELECTOR_UNEXPECTED_CHARACTER_RE.exec(selector);
  if (unexpected) {
    return `unexpected character ${JSON.stringify(unexpected[0])} at position ${
      unexpected.index
    }`;
  }
  let requirements;
  try {
    requirements = parseLabelSelector(selector);
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      return error.message;
    }
    throw error;
  }
  // Kubernetes reads `a in ()` as `a in ("")`, which is more likely a mistake.
  const emptySet = requirements.find(
    ({ operator, values }) =>
      (operator === 'in' || operator === 'notIn') &&
      values.every(value => value === ''),
  );
  return emptySet
    ? `the value set of "${
        emptySet.key
      } ${emptySet.operator.toLowerCase()}" must not be empty`
    : undefined;
}

/**
 * A revision: a commit SHA, a branch or tag (`main`, `refs/heads/main`,
 * `v1.2.3`), a chart version or a simple version range (`1.2.*`, `^1.2.0`,
 * `~1.2`). At most 255 characters, no `..`, no leading `-` or `/`,
 * nothing URL-significant (`?`, `#`, `&`, `%`) or shell-significant
 * (comparison ranges like `>=1.0.0` are refused for that reason).
 * @public
 */
export function validateRevision(revision: string): string | undefined {
  if (typeof revision !== 'string' || revision === '') {
    return 'must not be empty';
  }
  if (revision.length > 255) {
    return 'must be at most 255 characters';
  }
  if (HEX_SHA_RE.test(revision)) {
    return undefined;
  }
  if (revision.includes('..')) {
    return "must not contain '..'";
  }
  if (!REVISION_RE.test(revision)) {
    return "must be a commit SHA, branch, tag or version: letters, digits and '.', '_', '/', '+', '-' (and '^', '~', '*' for version ranges), not starting with '-' or '/'";
  }
  if (revision.endsWith('/') || revision.includes('//')) {
    return "must not end with '/' or contain '//'";
  }
  return undefined;
}

/** True when the revision looks like a Git commit SHA (7 to 64 hex digits). @public */
export function isCommitSha(revision: string | undefined): boolean {
  return typeof revision === 'string' && HEX_SHA_RE.test(revision);
}
