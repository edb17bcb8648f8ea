/**
 * Kubernetes label selectors, as `labels.Parse` in k8s.io/apimachinery reads them (Argo CD's list endpoint calls it
 * for `selector`): `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`; a comma means AND.
 * A real lexer and parser, so clients that build selectors badly fail here the way they would against Argo CD.
 */

export type SelectorOperator =
  | 'exists'
  | 'doesNotExist'
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'notIn'
  | 'greaterThan'
  | 'lessThan';

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

export class LabelSelectorError extends Error {}

type TokenKind =
  | 'identifier'
  | 'in'
  | 'notin'
  | '!'
  | '!='
  | '='
  | '=='
  | '>'
  | '<'
  | '('
  | ')'
  | ','
  | 'end';

interface Token {
  kind: TokenKind;
  text: string;
}

const symbols: TokenKind[] = ['!=', '==', '!', '=', '>', '<', '(', ')', ','];
const isSpecial = (c: string) => '!=<>(),'.includes(c);
const symbolAt = (input: string, index: number) =>
  symbols.find(symbol => input.startsWith(symbol, index));
const isSpace = (c: string) => /\s/.test(c);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (isSpace(c)) {
      i++;
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
      !isSpace(input[end]) &&
      !isSpecial(input[end])
    ) {
      end++;
    }
    const text = input.slice(i, end);
    const kind = text === 'in' || text === 'notin' ? text : 'identifier';
    tokens.push({ kind, text });
    i = end;
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

const namePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dnsSubdomain =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !dnsSubdomain.test(prefix))
  ) {
    return 'prefix part must be a lowercase RFC 1123 subdomain';
  }
  if (name.length > 63) {
    return 'name part must be no more than 63 characters';
  }
  if (!namePart.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

function validateKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) {
    throw new LabelSelectorError(
      `unable to parse requirement: key: Invalid value: "${key}": ${problem}`,
    );
  }
}

function validateValue(key: string, value: string, index: number): void {
  if (value === '' || (value.length <= 63 && namePart.test(value))) {
    return;
  }
  throw new LabelSelectorError(
    `unable to parse requirement: values[${index}][${key}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
  );
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    return this.tokens[this.position++];
  }

  parse(): SelectorRequirement[] {
    const requirements: SelectorRequirement[] = [];
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

  private parseRequirement(): SelectorRequirement {
    let negated = false;
    if (this.peek().kind === '!') {
      this.next();
      negated = true;
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
    validateKey(key);
    const following = this.peek().kind;
    if (negated || following === ',' || following === 'end') {
      return { key, operator: negated ? 'doesNotExist' : 'exists', values: [] };
    }
    const operatorToken = this.next();
    switch (operatorToken.kind) {
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
      case '<': {
        const value = this.parseExactValue(key);
        if (!/^-?\d+$/.test(value)) {
          throw new LabelSelectorError(
            `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        }
        const operator =
          operatorToken.kind === '>' ? 'greaterThan' : 'lessThan';
        return { key, operator, values: [value] };
      }
      default:
        throw new LabelSelectorError(
          `found '${operatorToken.text}', expected: in, notin, =, ==, !=, gt, lt`,
        );
    }
  }

  private parseExactValue(key: string): string {
    const token = this.peek();
    if (token.kind === ',' || token.kind === 'end') {
      return ''; // `a=` selects labels whose value is the empty string
    }
    this.next();
    if (
      token.kind !== 'identifier' &&
      token.kind !== 'in' &&
      token.kind !== 'notin'
    ) {
      throw new LabelSelectorError(
        `found '${token.text}', expected: identifier`,
      );
    }
    validateValue(key, token.text, 0);
    return token.text;
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
      if (token.kind === ')') {
        if (expectValue) {
          values.push(''); // `a in ()` and `a in (x,)` hold the empty value, as in Kubernetes
        }
        break;
      }
      if (token.kind === ',') {
        if (expectValue) {
          values.push('');
        }
        expectValue = true;
        continue;
      }
      if (
        expectValue &&
        (token.kind === 'identifier' ||
          token.kind === 'in' ||
          token.kind === 'notin')
      ) {
        validateValue(key, token.text, values.length);
        values.push(token.text);
        expectValue = false;
        continue;
      }
      throw new LabelSelectorError(
        `found '${token.text}', expected: ',', ')' or identifier`,
      );
    }
    return values;
  }
}

/** Parses a selector; throws {@link LabelSelectorError} with a Kubernetes-like message when it cannot. */
export function parseLabelSelector(selector: string): SelectorRequirement[] {
  return new Parser(tokenize(selector)).parse();
}

function matchesRequirement(
  requirement: SelectorRequirement,
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

export function matchesLabelSelector(
  requirements: SelectorRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  return requirements.every(r => matchesRequirement(r, labels ?? {}));
}
