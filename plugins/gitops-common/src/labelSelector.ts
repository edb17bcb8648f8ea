import {
  DNS1123_SUBDOMAIN_RE,
  QUALIFIED_NAME_RE,
} from './internal/kubernetesNames';

/** How a label selector requirement compares a label. @public */
export type LabelSelectorOperator =
  | 'exists'
  | 'doesNotExist'
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'notIn'
  | 'greaterThan'
  | 'lessThan';

/** One comma-separated part of a label selector. @public */
export interface LabelSelectorRequirement {
  /** The label key, such as `app.kubernetes.io/part-of`. */
  key: string;
  /** How the label's value is compared with `values`. */
  operator: LabelSelectorOperator;
  /** One value for the equality and comparison operators, none for `exists` and `doesNotExist`. */
  values: string[];
}

/** A label selector Kubernetes would refuse; the message is worded as Kubernetes words it. @public */
export class LabelSelectorError extends Error {}

type SymbolKind = '!=' | '==' | '!' | '=' | '>' | '<' | '(' | ')' | ',';

type Token =
  | { kind: 'identifier'; text: string }
  | { kind: SymbolKind; text: SymbolKind }
  | { kind: 'end'; text: '' };

// Longest first, so `!=` wins over `!`.
const SYMBOLS: SymbolKind[] = ['!=', '==', '!', '=', '>', '<', '(', ')', ','];
const SPECIAL_CHARACTERS = '!=<>(),';
const WHITESPACE = ' \t\r\n';

const symbolAt = (input: string, index: number) =>
  SYMBOLS.find(symbol => input.startsWith(symbol, index));

/** Splits a selector the way the lexer of k8s.io/apimachinery's `labels.Parse` does. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (WHITESPACE.includes(input[i])) {
      i += 1;
      continue;
    }
    const symbol = symbolAt(input, i);
    if (symbol) {
      tokens.push({ kind: symbol, text: symbol });
      i += symbol.length;
      continue;
    }
    let end = i;
    while (
      end < input.length &&
      !WHITESPACE.includes(input[end]) &&
      !SPECIAL_CHARACTERS.includes(input[end])
    ) {
      end += 1;
    }
    tokens.push({ kind: 'identifier', text: input.slice(i, end) });
    i = end;
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

/** What `IsQualifiedName` finds wrong with a label key, if anything. */
function keyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) {
    return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, key];
  if (prefix === '') {
    return 'prefix part must be non-empty';
  }
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS1123_SUBDOMAIN_RE.test(prefix))
  ) {
    return 'prefix part must be a lowercase RFC 1123 subdomain';
  }
  if (name.length > 63) {
    return 'name part must be no more than 63 characters';
  }
  if (!QUALIFIED_NAME_RE.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

function checkKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) {
    throw new LabelSelectorError(
      `unable to parse requirement: key: Invalid value: "${key}": ${problem}`,
    );
  }
}

function checkValue(key: string, value: string, index: number): void {
  let problem: string | undefined;
  if (value.length > 63) {
    problem = 'must be no more than 63 characters';
  } else if (value !== '' && !QUALIFIED_NAME_RE.test(value)) {
    problem =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  if (problem) {
    throw new LabelSelectorError(
      `unable to parse requirement: values[${index}][${key}]: Invalid value: "${value}": ${problem}`,
    );
  }
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): LabelSelectorRequirement[] {
    const requirements: LabelSelectorRequirement[] = [];
    if (this.peek().kind === 'end') {
      return requirements;
    }
    for (;;) {
      requirements.push(this.parseRequirement());
      const separator = this.next();
      if (separator.kind === 'end') {
        return requirements;
      }
      if (separator.kind !== ',') {
        throw new LabelSelectorError(
          `found '${separator.text}', expected: ',' or 'end of string'`,
        );
      }
      if (this.peek().kind === 'end') {
        throw new LabelSelectorError(
          "found '', expected: identifier after ','",
        );
      }
    }
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    return this.tokens[this.position++];
  }

  private parseRequirement(): LabelSelectorRequirement {
    const negated = this.peek().kind === '!';
    if (negated) {
      this.next();
    }
    const keyToken = this.next();
    if (keyToken.kind !== 'identifier') {
      throw new LabelSelectorError(
        negated
          ? `found '${keyToken.text}', expected: identifier`
          : `found '${keyToken.text}', expected: !, identifier, or 'end of string'`,
      );
    }
    const key = keyToken.text;
    checkKey(key);
    const following = this.peek().kind;
    if (negated || following === ',' || following === 'end') {
      return { key, operator: negated ? 'doesNotExist' : 'exists', values: [] };
    }
    const operator = this.next();
    // `in` and `notin` are words; the other operators, symbols.
    switch (operator.kind === 'identifier' ? operator.text : operator.kind) {
      case '=':
      case '==':
        return { key, operator: 'equals', values: [this.parseExactValue(key)] };
      case '!=':
        return {
          key,
          operator: 'notEquals',
          values: [this.parseExactValue(key)],
        };
      case 'in':
        return { key, operator: 'in', values: this.parseValueSet(key) };
      case 'notin':
        return { key, operator: 'notIn', values: this.parseValueSet(key) };
      case '>':
      case '<':
        return {
          key,
          operator: operator.kind === '>' ? 'greaterThan' : 'lessThan',
          values: [this.parseIntegerValue(key)],
        };
      default:
        throw new LabelSelectorError(
          `found '${operator.text}', expected: in, notin, =, ==, !=, gt, lt`,
        );
    }
  }

  private parseExactValue(key: string): string {
    const token = this.peek();
    if (token.kind === ',' || token.kind === 'end') {
      return ''; // `a=` selects labels whose value is the empty string
    }
    this.next();
    if (token.kind !== 'identifier') {
      throw new LabelSelectorError(
        `found '${token.text}', expected: identifier`,
      );
    }
    checkValue(key, token.text, 0);
    return token.text;
  }

  private parseIntegerValue(key: string): string {
    const value = this.parseExactValue(key);
    if (!/^-?\d+$/.test(value)) {
      throw new LabelSelectorError(
        "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer",
      );
    }
    return value;
  }

  private parseValueSet(key: string): string[] {
    const open = this.next();
    if (open.kind !== '(') {
      throw new LabelSelectorError(`found '${open.text}', expected: '('`);
    }
    const values: string[] = [];
    let expectValue = true;
    for (;;) {
      const token = this.next();
      if (token.kind === ')' || token.kind === ',') {
        if (expectValue) {
          // `a in ()`, `(,b)` and `(b,)` hold the empty value, as in Kubernetes
          values.push('');
        }
        if (token.kind === ')') {
          return values;
        }
        expectValue = true;
      } else if (expectValue && token.kind === 'identifier') {
        checkValue(key, token.text, values.length);
        values.push(token.text);
        expectValue = false;
      } else {
        throw new LabelSelectorError(
          `found '${token.text}', expected: ',', ')' or identifier`,
        );
      }
    }
  }
}

/**
 * Parses a Kubernetes label selector as `labels.Parse` in
 * k8s.io/apimachinery does (Argo CD's `selector` and the Kubernetes API's
 * `labelSelector` use it): `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, joined by commas (AND). The
 * empty selector has no requirement. Throws {@link LabelSelectorError}.
 * @public
 */
export function parseLabelSelector(
  selector: string,
): LabelSelectorRequirement[] {
  return new Parser(tokenize(selector)).parse();
}

/**
 * Whether `labels` satisfy a selector read by {@link parseLabelSelector},
 * with the Kubernetes API server's semantics: a missing label satisfies
 * `!=` and `notin`; `>` and `<` need an integer value.
 * @public
 */
export function matchesLabelSelector(
  requirements: readonly LabelSelectorRequirement[],
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return requirements.every(requirement =>
    matchesRequirement(requirement, labels ?? {}),
  );
}

function matchesRequirement(
  requirement: LabelSelectorRequirement,
  labels: Readonly<Record<string, string>>,
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
      return !has || !requirement.values.includes(value);
    case 'greaterThan':
    case 'lessThan': {
      if (!has || !/^-?\d+$/.test(value)) {
        return false;
      }
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'greaterThan'
        ? Number(value) > bound
        : Number(value) < bound;
    }
    default:
      return false;
  }
}
