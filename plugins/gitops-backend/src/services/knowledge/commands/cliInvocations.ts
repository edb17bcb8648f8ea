import { CHECKED_CLIS, CheckedCli } from './commandIndex';
import { ShellCommand, splitShellCommands } from './shellCommands';

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
