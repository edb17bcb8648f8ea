/**
 * Validators for the names, selectors and revisions that reach Argo CD or
 * Kubernetes from annotations and request parameters. Each returns an error
 * message, or `undefined` when the value is acceptable. They are strict on
 * purpose: these values end up in URLs, label selectors and shell commands.
 */

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(
  `^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`,
);
const QUALIFIED_NAME_RE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
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

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'op'; text: '=' | '==' | '!=' | '!' | '(' | ')' | ','; at: number };

function tokenizeSelector(selector: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < selector.length) {
    const ch = selector[i];
    if (ch === ' ' || ch === '\t') {
      i += 1;
    } else if (/[A-Za-z0-9._/-]/.test(ch)) {
      const start = i;
      while (i < selector.length && /[A-Za-z0-9._/-]/.test(selector[i])) {
        i += 1;
      }
      tokens.push({ type: 'word', text: selector.slice(start, i), at: start });
    } else if (ch === '=' || ch === '!') {
      const double = selector[i + 1] === '=';
      let text: '=' | '==' | '!=' | '!' = ch;
      if (double) {
        text = ch === '=' ? '==' : '!=';
      }
      tokens.push({ type: 'op', text, at: i });
      i += double ? 2 : 1;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: 'op', text: ch, at: i });
      i += 1;
    } else {
      return `unexpected character ${JSON.stringify(ch)} at position ${i}`;
    }
  }
  return tokens;
}

/**
 * A Kubernetes equality- or set-based label selector, restricted to the
 * forms Argo CD and Kubernetes document: comma-separated requirements
 * `key`, `!key`, `key=value`, `key==value`, `key!=value`,
 * `key in (a,b)` and `key notin (a,b)`. At most 1024 characters. The empty
 * selector is rejected because it would select everything.
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
  const tokens = tokenizeSelector(selector);
  if (typeof tokens === 'string') {
    return tokens;
  }

  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (token: Token | undefined, text: string) =>
    token?.type === 'op' && token.text === text;
  const atRequirementEnd = () => peek() === undefined || isOp(peek(), ',');
  const describe = (token: Token | undefined) =>
    token ? `"${token.text}" at position ${token.at}` : 'end of selector';

  const checkValue = (token: Token): string | undefined => {
    if (token.text.includes('/')) {
      return `value "${token.text}" must not contain '/'`;
    }
    const error = validateLabelValue(token.text);
    return error ? `value "${token.text}" ${error}` : undefined;
  };

  for (;;) {
    const negated = isOp(peek(), '!');
    if (negated) {
      pos += 1;
    }
    const key = peek();
    if (key?.type !== 'word') {
      return `expected a label key, found ${describe(key)}`;
    }
    pos += 1;
    const keyError = validateLabelKey(key.text);
    if (keyError) {
      return keyError;
    }

    const next = peek();
    if (negated || atRequirementEnd()) {
      if (!atRequirementEnd()) {
        return `expected ',' or end after "!${key.text}", found ${describe(
          next,
        )}`;
      }
    } else if (
      next?.type === 'op' &&
      (next.text === '=' || next.text === '==' || next.text === '!=')
    ) {
      pos += 1;
      const value = peek();
      if (value?.type === 'word') {
        pos += 1;
        const valueError = checkValue(value);
        if (valueError) {
          return valueError;
        }
      } else if (!atRequirementEnd()) {
        return `expected a value after "${key.text}${
          next.text
        }", found ${describe(value)}`;
      }
    } else if (
      next?.type === 'word' &&
      (next.text === 'in' || next.text === 'notin')
    ) {
      pos += 1;
      if (!isOp(peek(), '(')) {
        return `expected '(' after "${next.text}", found ${describe(peek())}`;
      }
      pos += 1;
      let values = 0;
      for (;;) {
        const value = peek();
        if (value?.type === 'word') {
          pos += 1;
          values += 1;
          const valueError = checkValue(value);
          if (valueError) {
            return valueError;
          }
        }
        if (isOp(peek(), ',')) {
          pos += 1;
          continue;
        }
        if (isOp(peek(), ')')) {
          pos += 1;
          break;
        }
        return `expected ',' or ')' in the value set of "${
          key.text
        }", found ${describe(peek())}`;
      }
      if (values === 0) {
        return `the value set of "${key.text} ${next.text}" must not be empty`;
      }
    } else {
      return `expected an operator (=, ==, !=, in, notin) after "${
        key.text
      }", found ${describe(next)}`;
    }

    if (peek() === undefined) {
      return undefined;
    }
    if (!isOp(peek(), ',')) {
      return `expected ',' between requirements, found ${describe(peek())}`;
    }
    pos += 1;
    if (peek() === undefined) {
      return 'must not end with a comma';
    }
  }
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
