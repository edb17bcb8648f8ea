import { z } from 'zod';

/**
 * Checks the `argocd`, `flux` and `kubectl` commands in the shell code blocks
 * of knowledge content against a list of known subcommands and flags
 * (`cliReference.yaml`, taken from the CLIs' reference docs).
 *
 * Pure functions only: the caller reads the files. Positional arguments are
 * not checked; only the subcommand path and every flag are.
 */

export const CHECKED_CLIS = ['argocd', 'flux', 'kubectl'] as const;
export type CheckedCli = (typeof CHECKED_CLIS)[number];

/** `--long`, `-s/--long` or a lone `-s`. */
const FLAG_ENTRY =
  /^(?:-[A-Za-z0-9]\/)?--[A-Za-z0-9][A-Za-z0-9-]*$|^-[A-Za-z0-9]$/;
/** Space-separated lowercase words: `app sync`, `get hr`, `argo rollouts get rollout`. */
const COMMAND_PATH = /^[a-z0-9][a-z0-9-]*(?: [a-z0-9][a-z0-9-]*)*$/;

const flagListSchema = z.array(
  z.string().regex(FLAG_ENTRY, 'must be --long, -s/--long or -s'),
);
const sourceSchema = z.string().url();

const cliSchema = z
  .object({
    source: sourceSchema,
    globalFlags: flagListSchema,
    persistentFlags: z
      .record(
        z.string().regex(COMMAND_PATH),
        z.object({ source: sourceSchema, flags: flagListSchema }).strict(),
      )
      .default({}),
    commands: z.record(
      z.string().regex(COMMAND_PATH),
      z
        .object({
          source: sourceSchema,
          aliases: z.array(z.string().regex(COMMAND_PATH)).default([]),
          flags: flagListSchema,
        })
        .strict(),
    ),
  })
  .strict();

export const cliReferenceSchema = z
  .object({ argocd: cliSchema, flux: cliSchema, kubectl: cliSchema })
  .strict();

export type CliReference = z.infer<typeof cliReferenceSchema>;

interface CliIndex {
  /** Command path or alias path -> canonical command path ('' is the bare CLI). */
  commands: Map<string, string>;
  /** Every proper prefix of a command or alias path ('rollout', 'get sources'). */
  prefixes: Set<string>;
  /** Canonical command path -> every flag token it accepts. */
  flags: Map<string, Set<string>>;
}

export type CommandIndex = Record<CheckedCli, CliIndex>;

const flagTokens = (entries: readonly string[]) =>
  entries.flatMap(entry => entry.split('/'));

/** Validates the parsed YAML and indexes it for lookups. */
export function buildCommandIndex(data: unknown): CommandIndex {
  const reference = cliReferenceSchema.parse(data);
  const index = {} as CommandIndex;
  for (const cli of CHECKED_CLIS) {
    const spec = reference[cli];
    const cliIndex: CliIndex = {
      commands: new Map([['', '']]),
      prefixes: new Set(),
      flags: new Map([['', new Set(flagTokens(spec.globalFlags))]]),
    };
    for (const group of Object.keys(spec.persistentFlags)) {
      if (
        !Object.keys(spec.commands).some(p => `${p} `.startsWith(`${group} `))
      ) {
        throw new Error(
          `${cli}: persistentFlags "${group}" is no command group`,
        );
      }
    }
    for (const [path, command] of Object.entries(spec.commands)) {
      for (const name of [path, ...command.aliases]) {
        if (cliIndex.commands.has(name)) {
          throw new Error(`${cli}: "${name}" is listed twice`);
        }
        cliIndex.commands.set(name, path);
        const words = name.split(' ');
        for (let n = 1; n < words.length; n++) {
          cliIndex.prefixes.add(words.slice(0, n).join(' '));
        }
      }
      const words = path.split(' ');
      const inherited = Object.entries(spec.persistentFlags)
        .filter(([group]) => {
          const groupWords = group.split(' ');
          return groupWords.every((word, i) => words[i] === word);
        })
        .flatMap(([, group]) => group.flags);
      cliIndex.flags.set(
        path,
        new Set(
          flagTokens([...spec.globalFlags, ...inherited, ...command.flags]),
        ),
      );
    }
    index[cli] = cliIndex;
  }
  return index;
}

// ---------------------------------------------------------------------------
// Markdown

export interface CodeBlock {
  /** Info string's first word, lower-cased ('' when there is none). */
  lang: string;
  /** 1-based line (in the Markdown file) of the block's first content line. */
  line: number;
  text: string;
}

const OPEN_FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const CLOSE_FENCE = /^\s*(`{3,}|~{3,})\s*$/;

/** Fenced code blocks of a Markdown document, with their file line numbers. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open:
    | {
        indent: number;
        fence: string;
        lang: string;
        line: number;
        body: string[];
      }
    | undefined;
  markdown.split(/\r?\n/).forEach((text, i) => {
    if (!open) {
      const m = OPEN_FENCE.exec(text);
      if (m) {
        const lang = m[3].split(/[{,]/)[0].toLowerCase();
        open = {
          indent: m[1].length,
          fence: m[2],
          lang,
          line: i + 2,
          body: [],
        };
      }
      return;
    }
    const close = CLOSE_FENCE.exec(text);
    if (
      close &&
      close[1][0] === open.fence[0] &&
      close[1].length >= open.fence.length
    ) {
      blocks.push({
        lang: open.lang,
        line: open.line,
        text: open.body.join('\n'),
      });
      open = undefined;
      return;
    }
    const indent = /^\s*/.exec(text)![0].length;
    open.body.push(text.slice(Math.min(indent, open.indent)));
  });
  return blocks;
}

/** Info strings whose blocks are shell commands; '' is a block without one. */
export const SHELL_LANGS: ReadonlySet<string> = new Set([
  '',
  'bash',
  'sh',
  'shell',
  'zsh',
  'console',
  'shell-session',
]);

const PROMPT = /^\s*\$ (.*)$/;

/**
 * A transcript (`console`, or any block with `$ ` prompts) keeps only its
 * prompted lines and their `\` continuations; output lines become empty so
 * line numbers stay right.
 */
function scriptOf(block: CodeBlock): string {
  const lines = block.text.split('\n');
  const transcript =
    block.lang === 'console' ||
    block.lang === 'shell-session' ||
    lines.some(text => PROMPT.test(text));
  if (!transcript) {
    return block.text;
  }
  let continued = false;
  return lines
    .map(text => {
      const prompt = PROMPT.exec(text);
      let kept: string | undefined;
      if (prompt) kept = prompt[1];
      else if (continued) kept = text;
      continued = kept !== undefined && kept.trimEnd().endsWith('\\');
      return kept ?? '';
    })
    .join('\n');
}

// ---------------------------------------------------------------------------
// Shell

export interface ShellCommand {
  /** Line of the command's first word. */
  line: number;
  /** Words after quote removal; redirections and their targets are dropped. */
  words: string[];
}

const PLACEHOLDER = /^<[A-Za-z_][\w.:/@=-]*>/;
const HEREDOC = /^<<-?\s*(['"]?)([\w.-]+)\1/;

/** Index just after the `)` closing the group opened before `from`. */
function closingParen(s: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      i = end === -1 ? s.length : end + 1;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i + 1;
    i++;
  }
  return s.length;
}

const newlines = (text: string) => text.split('\n').length - 1;

/**
 * Splits a shell script into simple commands: joins `\` continuations,
 * honours quotes, splits on newlines, `;`, `|`, `||`, `&&`, `&` and
 * parentheses, drops comments, redirections and here-documents, and parses
 * `$(…)`, `` `…` `` and `<(…)` substitutions as commands of their own.
 */
export function splitShellCommands(
  script: string,
  firstLine = 1,
): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const pendingHeredocs: string[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let commandLine = firstLine;
  let line = firstLine;
  let dropNextWord = false;
  let i = 0;

  const append = (text: string) => {
    if (word === undefined) {
      word = '';
      if (words.length === 0 && !dropNextWord) commandLine = line;
    }
    word += text;
  };
  const endWord = () => {
    if (word === undefined) return;
    if (dropNextWord) dropNextWord = false;
    else words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ line: commandLine, words });
    words = [];
    dropNextWord = false;
  };
  /** `$(…)` or `<(…)` starting at `start` (the char before `(`). */
  const substitution = (start: number) => {
    const end = closingParen(script, start + 2);
    const inner = script.slice(start + 2, end - 1);
    commands.push(...splitShellCommands(inner, line));
    append(script.slice(start, end));
    line += newlines(inner);
    i = end;
  };
  const backticks = (start: number) => {
    const close = script.indexOf('`', start + 1);
    const end = close === -1 ? script.length : close;
    const inner = script.slice(start + 1, end);
    commands.push(...splitShellCommands(inner, line));
    append(script.slice(start, end + 1));
    line += newlines(inner);
    i = end + 1;
  };
  const skipHeredocs = () => {
    for (const delimiter of pendingHeredocs.splice(0)) {
      while (i < script.length) {
        const eol = script.indexOf('\n', i);
        const end = eol === -1 ? script.length : eol;
        const text = script.slice(i, end);
        i = end + 1;
        line++;
        if (text.trim() === delimiter) break;
      }
    }
  };

  while (i < script.length) {
    const c = script[i];
    const next = script[i + 1];
    const rest = script.slice(i);

    if (c === '\\') {
      if (next === '\n') line++;
      else if (next !== undefined) append(next);
      i += 2;
    } else if (c === '\n') {
      endCommand();
      line++;
      i++;
      skipHeredocs();
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else if (c === '#' && word === undefined) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close === -1 ? script.length : close;
      const text = script.slice(i + 1, end);
      append(text);
      line += newlines(text);
      i = end + 1;
    } else if (c === '"') {
      append('');
      i++;
      while (i < script.length && script[i] !== '"') {
        const d = script[i];
        if (d === '\\' && /["\\$`\n]/.test(script[i + 1] ?? '')) {
          if (script[i + 1] === '\n') line++;
          else append(script[i + 1]);
          i += 2;
        } else if (d === '$' && script[i + 1] === '(') {
          substitution(i);
        } else if (d === '`') {
          backticks(i);
        } else {
          if (d === '\n') line++;
          append(d);
          i++;
        }
      }
      i++;
    } else if ((c === '$' || c === '<' || c === '>') && next === '(') {
      if (c !== '$') endWord();
      substitution(i);
    } else if (c === '`') {
      backticks(i);
    } else if (c === '<' && PLACEHOLDER.test(rest)) {
      const placeholder = PLACEHOLDER.exec(rest)![0];
      append(placeholder);
      i += placeholder.length;
    } else if (c === '<' && HEREDOC.test(rest)) {
      const heredoc = HEREDOC.exec(rest)!;
      endWord();
      pendingHeredocs.push(heredoc[2]);
      i += heredoc[0].length;
    } else if (c === '<' || c === '>' || (c === '&' && next === '>')) {
      // Redirection: a leading fd number (`2>`) is not a word either.
      if (word !== undefined && /^\d+$/.test(word)) word = undefined;
      endWord();
      const op = /^(?:&>>?|<<<|<&|>&|>>|>\||<>|<|>)/.exec(rest)![0];
      i += op.length;
      if (op.endsWith('&')) {
        const fd = /^(?:\d+|-)/.exec(script.slice(i));
        if (fd) i += fd[0].length;
        else dropNextWord = true;
      } else {
        dropNextWord = true;
      }
    } else if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      endCommand();
      i += (c === '|' || c === '&') && next === c ? 2 : 1;
    } else {
      append(c);
      i++;
    }
  }
  endCommand();
  return commands;
}

// ---------------------------------------------------------------------------
// Commands

export interface CliInvocation {
  cli: CheckedCli;
  line: number;
  args: string[];
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Shell words that may precede a command without being one. */
const KEYWORDS = new Set([
  '!',
  '{',
  '}',
  'then',
  'do',
  'else',
  'elif',
  'if',
  'while',
  'until',
]);
/** Commands that run the command given in their arguments. */
const WRAPPERS = new Set([
  'sudo',
  'watch',
  'xargs',
  'env',
  'time',
  'nohup',
  'timeout',
  'exec',
  'command',
  'nice',
  'bash',
  'sh',
]);

const cliOf = (word: string): CheckedCli | undefined =>
  CHECKED_CLIS.find(cli => word === cli || word.endsWith(`/${cli}`));

/** The `argocd`/`flux`/`kubectl` runs in one simple command, if any. */
export function findInvocations(command: ShellCommand): CliInvocation[] {
  const { words, line } = command;
  let k = 0;
  while (
    k < words.length &&
    (ASSIGNMENT.test(words[k]) || KEYWORDS.has(words[k]))
  ) {
    k++;
  }
  if (k < words.length && WRAPPERS.has(words[k])) {
    const rest = words.slice(k + 1);
    const at = rest.findIndex(w => cliOf(w) !== undefined);
    if (at !== -1) {
      k += 1 + at;
    } else {
      // `watch 'kubectl get pods'`, `sh -c "flux get all"`: a quoted script.
      return rest
        .filter(w => /\s/.test(w))
        .flatMap(w => splitShellCommands(w, line))
        .flatMap(findInvocations);
    }
  }
  const cli = k < words.length ? cliOf(words[k]) : undefined;
  return cli ? [{ cli, line, args: words.slice(k + 1) }] : [];
}

/** A flag token: not `-`, not a negative number like `-1`. */
const isFlag = (arg: string) => /^-[^\d]/.test(arg) && arg !== '--';

export interface InvocationProblem {
  token: string;
  message: string;
}

/** Why `flag` is not accepted, or undefined when it is. */
function unknownFlag(flag: string, allowed: Set<string>): string | undefined {
  if (flag.startsWith('--')) {
    const name = flag.split('=')[0];
    return allowed.has(name) ? undefined : name;
  }
  // `-o`, `-ojson`, `-o=json`, `-it`: the first letter must be a known short
  // flag; what follows is either its value or more combined short flags.
  const first = flag.slice(0, 2);
  return allowed.has(first) ? undefined : first;
}

/**
 * Resolves the longest known subcommand path of an invocation and checks
 * every flag against that command's, its groups' and the CLI's global flags.
 * A word right after a flag may be that flag's value (`kubectl -n orders get`),
 * so it does not end the subcommand path.
 */
export function checkInvocation(
  invocation: CliInvocation,
  index: CommandIndex,
): InvocationProblem[] {
  const cli = index[invocation.cli];
  const path: string[] = [];
  const flags: string[] = [];
  let unresolved: string | undefined;
  let resolving = true;
  let afterFlag = false;

  for (const arg of invocation.args) {
    if (arg === '--') break;
    if (isFlag(arg)) {
      flags.push(arg);
      afterFlag = !arg.includes('=');
      continue;
    }
    if (resolving) {
      const candidate = [...path, arg].join(' ');
      const known = cli.commands.has(candidate) || cli.prefixes.has(candidate);
      if (arg !== '' && known) {
        path.push(arg);
      } else if (!afterFlag) {
        // The first positional argument ends the subcommand path.
        unresolved = arg;
        resolving = false;
      }
    }
    afterFlag = false;
  }

  const joined = path.join(' ');
  const command = cli.commands.get(joined);
  if (command === undefined || (joined === '' && unresolved !== undefined)) {
    const shown = [invocation.cli, ...path, unresolved ?? ''].join(' ').trim();
    return [
      unresolved === undefined
        ? { token: joined, message: `"${shown}" needs a subcommand` }
        : { token: unresolved, message: `unknown subcommand "${shown}"` },
    ];
  }

  const allowed = cli.flags.get(command)!;
  const problems: InvocationProblem[] = [];
  for (const flag of flags) {
    const bad = unknownFlag(flag, allowed);
    if (bad !== undefined) {
      const name = [invocation.cli, command].join(' ').trim();
      problems.push({
        token: bad,
        message: `unknown flag ${bad} for "${name}"`,
      });
    }
  }
  return problems;
}

export interface CommandProblem {
  file: string;
  line: number;
  command: string;
  token: string;
  message: string;
}

/** Every unknown subcommand or flag in the shell blocks of one Markdown file. */
export function checkMarkdown(
  file: string,
  markdown: string,
  index: CommandIndex,
): CommandProblem[] {
  return extractCodeBlocks(markdown)
    .filter(block => SHELL_LANGS.has(block.lang))
    .flatMap(block => splitShellCommands(scriptOf(block), block.line))
    .flatMap(findInvocations)
    .flatMap(invocation =>
      checkInvocation(invocation, index).map(problem => ({
        file,
        line: invocation.line,
        command: [invocation.cli, ...invocation.args].join(' '),
        ...problem,
      })),
    );
}
