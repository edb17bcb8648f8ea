import { z } from 'zod';

/**
 * The allowlist in `cliReference.yaml` (subcommands and flags taken from the
 * CLIs' reference docs), validated and indexed for lookups.
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
