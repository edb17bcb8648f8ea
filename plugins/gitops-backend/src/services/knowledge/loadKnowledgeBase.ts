import { CustomErrorBase } from '@backstage/errors';
import { KnowledgeEntry } from '@gitops-guide/backstage-plugin-gitops-common';
import fs from 'fs/promises';
import matter from 'gray-matter';
import path from 'path';
import YAML from 'yaml';
import { z } from 'zod';
import { findOrderConflicts, sortEntries } from './entryOrder';
import { SkillCheck } from './KnowledgeService';
import {
  entryFrontMatterSchema,
  formatIssuePath,
  skillCheckSchema,
} from './schema';

/** The file holding the skill check at the root of a content directory. */
export const SKILL_CHECK_FILE = 'skill-check.yaml';

function rejectFrontMatter(): never {
  throw new Error('only YAML front matter is supported');
}

// YAML only, parsed by gray-matter's own js-yaml `safeLoad` (several times
// faster than `yaml` on front matter); a `---js` block would otherwise be
// `eval`ed.
const FRONT_MATTER_ENGINES = {
  javascript: rejectFrontMatter,
  json: rejectFrontMatter,
};

/** One thing wrong with the content: which file, which field, and why. @public */
export interface KnowledgeProblem {
  file: string;
  /** Dotted front matter path such as `quiz.1.answer`; absent for file-level problems. */
  field?: string;
  reason: string;
}

/**
 * Thrown at startup when any content file is invalid. The message lists
 * every problem, one per line, as `file: field: reason`.
 *
 * @public
 */
export class KnowledgeContentError extends CustomErrorBase {
  name = 'KnowledgeContentError' as const;
  readonly problems: KnowledgeProblem[];

  constructor(problems: KnowledgeProblem[]) {
    super(
      `Invalid GitOps knowledge content (${problems.length} ${
        problems.length === 1 ? 'problem' : 'problems'
      }):\n${problems.map(p => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** A knowledge entry with the file it came from. */
export interface LoadedEntry {
  entry: KnowledgeEntry;
  file: string;
}

/** The validated, merged content of all directories. */
export interface KnowledgeBase {
  /** Ordered by level (entry, senior, sre), then `order`, then title. */
  entries: KnowledgeEntry[];
  skillCheck?: SkillCheck;
  /** Entries of an earlier directory replaced by a later one with the same id. */
  overrides: { id: string; file: string; replaced: string }[];
  /** Number of content files read. */
  files: number;
}

/** `related` ids of entries and skill check items that name no entry. */
function findUnknownLinks(
  merged: ReadonlyMap<string, LoadedEntry>,
  skillCheck?: { value: SkillCheck; file: string },
): KnowledgeProblem[] {
  const links: { file: string; field: string; ids: string[] }[] = [
    ...[...merged.values()].map(({ entry, file }) => ({
      file,
      field: 'related',
      ids: entry.related,
    })),
    ...(skillCheck?.value.items ?? []).map((item, index) => ({
      file: skillCheck!.file,
      field: `items.${index}.related`,
      ids: item.related,
    })),
  ];
  const problems: KnowledgeProblem[] = [];
  for (const { file, field, ids } of links) {
    ids.forEach((id, index) => {
      if (!merged.has(id)) {
        problems.push({
          file,
          field: `${field}.${index}`,
          reason: `unknown entry "${id}"`,
        });
      }
    });
  }
  return problems;
}

function formatProblem(problem: KnowledgeProblem): string {
  return [problem.file, problem.field, problem.reason]
    .filter(Boolean)
    .join(': ');
}

/**
 * Reads, validates and merges knowledge directories. Later directories
 * override earlier ones entry by entry (same id) and replace the skill check;
 * within one directory an id must be unique. Every `related` id must resolve
 * in the merged result, and no two questions of a level may share an
 * `order`. Throws {@link KnowledgeContentError} listing every
 * problem found.
 */
export async function loadKnowledgeBase(options: {
  /** Bundled content first, then the organization's directories. */
  directories: string[];
}): Promise<KnowledgeBase> {
  const problems: KnowledgeProblem[] = [];
  const merged = new Map<string, LoadedEntry>();
  const overrides: KnowledgeBase['overrides'] = [];
  let skillCheck: { value: SkillCheck; file: string } | undefined;
  let files = 0;

  const sources = await Promise.all(
    options.directories.map(dir => readDirectory(dir, problems)),
  );

  for (const source of sources) {
    files += source.entries.length + (source.skillCheck ? 1 : 0);
    const seen = new Map<string, string>();
    for (const loaded of source.entries) {
      const { id } = loaded.entry;
      const first = seen.get(id);
      if (first) {
        problems.push({
          file: loaded.file,
          field: 'id',
          reason: `duplicate id "${id}" (also in ${first})`,
        });
        continue;
      }
      seen.set(id, loaded.file);
      const replaced = merged.get(id);
      if (replaced) {
        overrides.push({ id, file: loaded.file, replaced: replaced.file });
        // Re-inserted, so `merged` stays in load order for later checks.
        merged.delete(id);
      }
      merged.set(id, loaded);
    }
    if (source.skillCheck) {
      skillCheck = source.skillCheck;
    }
  }

  problems.push(
    ...findUnknownLinks(merged, skillCheck),
    ...findOrderConflicts(merged.values()),
  );

  if (problems.length) {
    throw new KnowledgeContentError(problems);
  }

  return {
    entries: sortEntries([...merged.values()].map(l => l.entry)),
    skillCheck: skillCheck?.value,
    overrides,
    files,
  };
}

async function readDirectory(
  directory: string,
  problems: KnowledgeProblem[],
): Promise<{
  entries: LoadedEntry[];
  skillCheck?: { value: SkillCheck; file: string };
}> {
  const root = path.resolve(directory);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    problems.push({
      file: displayPath(root),
      reason: 'knowledge directory does not exist or is not a directory',
    });
    return { entries: [] };
  }

  const markdownFiles = await listMarkdownFiles(root);
  const parsed = await Promise.all(
    markdownFiles.map(file => readEntry(file, problems)),
  );
  const entries = parsed.filter((e): e is LoadedEntry => e !== undefined);

  const skillCheckPath = path.join(root, SKILL_CHECK_FILE);
  const hasSkillCheck = await fs
    .stat(skillCheckPath)
    .then(s => s.isFile())
    .catch(() => false);
  const skillCheck = hasSkillCheck
    ? await readSkillCheck(skillCheckPath, problems)
    : undefined;

  return { entries, skillCheck };
}

/** Every `*.md` below `root`, except READMEs and hidden directories, in a stable order. */
async function listMarkdownFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    const dirents = await fs.readdir(dir, { withFileTypes: true });
    for (const dirent of dirents) {
      const full = path.join(dir, dirent.name);
      if (dirent.isDirectory()) {
        if (!dirent.name.startsWith('.') && dirent.name !== 'node_modules') {
          await walk(full);
        }
      } else if (
        dirent.isFile() &&
        dirent.name.endsWith('.md') &&
        dirent.name.toLowerCase() !== 'readme.md'
      ) {
        found.push(full);
      }
    }
  };
  await walk(root);
  return found.sort();
}

async function readEntry(
  absolute: string,
  problems: KnowledgeProblem[],
): Promise<LoadedEntry | undefined> {
  const file = displayPath(absolute);
  const source = await fs.readFile(absolute, 'utf8');

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source, { engines: FRONT_MATTER_ENGINES });
  } catch (error) {
    problems.push({
      file,
      field: 'front matter',
      reason: firstLine(error),
    });
    return undefined;
  }
  if (!parsed.matter || !parsed.matter.trim()) {
    problems.push({
      file,
      field: 'front matter',
      reason:
        'missing: the file must start with a YAML block between --- lines',
    });
    return undefined;
  }

  const result = entryFrontMatterSchema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...issuesToProblems(file, result.error));
    return undefined;
  }
  const { quiz, ...meta } = result.data;

  const expectedId = path.basename(absolute, '.md');
  if (meta.id !== expectedId) {
    problems.push({
      file,
      field: 'id',
      reason: `must equal the file name "${expectedId}"`,
    });
    return undefined;
  }
  const body = parsed.content.trim();
  if (!body) {
    problems.push({ file, field: 'body', reason: 'must not be empty' });
    return undefined;
  }
  return { file, entry: { ...meta, body, quiz } };
}

async function readSkillCheck(
  absolute: string,
  problems: KnowledgeProblem[],
): Promise<{ value: SkillCheck; file: string } | undefined> {
  const file = displayPath(absolute);
  let data: unknown;
  try {
    data = YAML.parse(await fs.readFile(absolute, 'utf8'));
  } catch (error) {
    problems.push({ file, reason: firstLine(error) });
    return undefined;
  }
  const result = skillCheckSchema.safeParse(data);
  if (!result.success) {
    problems.push(...issuesToProblems(file, result.error));
    return undefined;
  }
  return { file, value: result.data };
}

function issuesToProblems(file: string, error: z.ZodError): KnowledgeProblem[] {
  return error.issues.flatMap(issue =>
    issue.code === z.ZodIssueCode.unrecognized_keys
      ? issue.keys.map(key => ({
          file,
          field: formatIssuePath([...issue.path, key]),
          reason: 'unknown field',
        }))
      : [{ file, field: formatIssuePath(issue.path), reason: issue.message }],
  );
}

/** Paths in messages are relative to the working directory when inside it. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : absolute;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
