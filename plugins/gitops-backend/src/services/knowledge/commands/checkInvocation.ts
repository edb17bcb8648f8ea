import { CliInvocation } from './cliInvocations';
import { CommandIndex } from './commandIndex';

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
