import { checkInvocation } from './checkInvocation';
import { findInvocations } from './cliInvocations';
import { CommandIndex } from './commandIndex';
import {
  extractCodeBlocks,
  SHELL_LANGS,
  shellScriptOf,
} from './markdownCodeBlocks';
import { splitShellCommands } from './shellCommands';

/**
 * Checks the `argocd`, `flux` and `kubectl` commands in the shell code blocks
 * of knowledge content against a list of known subcommands and flags
 * (`cliReference.yaml`, taken from the CLIs' reference docs).
 *
 * Pure functions only: the caller reads the files. Positional arguments are
 * not checked; only the subcommand path and every flag are.
 */

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
    .flatMap(block => splitShellCommands(shellScriptOf(block), block.line))
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
