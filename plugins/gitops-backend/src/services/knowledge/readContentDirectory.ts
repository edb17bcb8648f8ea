import { KnowledgeProblem } from '@gitops-guide/backstage-plugin-gitops-common';
import fs from 'fs/promises';
import path from 'path';
import {
  LoadedEntry,
  LoadedSkillCheck,
  readEntry,
  readSkillCheck,
  unreadable,
} from './readContentFile';
import {
  bundledEntryFrontMatterSchema,
  entryFrontMatterSchema,
} from './schema';

/** The file holding the skill check at the root of a content directory. */
export const SKILL_CHECK_FILE = 'skill-check.yaml';

/**
 * How strictly a directory is read. `bundled`: any problem throws, and
 * every question needs a quiz. `organization`: a file with a problem is
 * skipped and reported, and quizzes are optional.
 */
export type Origin = 'bundled' | 'organization';

/** What one directory holds: its valid files, and the problems of the others. */
export interface DirectoryContent {
  entries: LoadedEntry[];
  skillCheck?: LoadedSkillCheck;
  problems: KnowledgeProblem[];
}

/**
 * Reads the Markdown entries below `directory` and the skill check at its
 * root, validated as `origin` requires. Never throws: what cannot be read
 * or is invalid is left out and listed in `problems`.
 */
export async function readContentDirectory(
  directory: string,
  origin: Origin,
): Promise<DirectoryContent> {
  const root = path.resolve(directory);
  // Bundled files are named from the working directory; an organization's
  // under its directory as configured, never by the server's absolute path.
  const name = (absolute: string) =>
    origin === 'bundled'
      ? displayPath(absolute)
      : path.join(directory, path.relative(root, absolute));
  const problems: KnowledgeProblem[] = [];

  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    problems.push({
      file: name(root),
      reason: 'knowledge directory does not exist or is not a directory',
    });
    return { entries: [], problems };
  }

  const markdownFiles = await listMarkdownFiles(root, name, problems);
  const schema =
    origin === 'bundled'
      ? bundledEntryFrontMatterSchema
      : entryFrontMatterSchema;
  // Read in parallel, reported in file order whatever order reads finish in.
  const perFile = markdownFiles.map(() => [] as KnowledgeProblem[]);
  const parsed = await Promise.all(
    markdownFiles.map((file, index) =>
      readEntry(file, name(file), schema, perFile[index]),
    ),
  );
  problems.push(...perFile.flat());
  const entries = parsed.filter((e): e is LoadedEntry => e !== undefined);

  const skillCheckPath = path.join(root, SKILL_CHECK_FILE);
  const hasSkillCheck = await fs
    .stat(skillCheckPath)
    .then(s => s.isFile())
    .catch(() => false);
  const skillCheck = hasSkillCheck
    ? await readSkillCheck(skillCheckPath, name(skillCheckPath), problems)
    : undefined;

  return { entries, skillCheck, problems };
}

/** Every `*.md` below `root`, except READMEs and hidden directories, in a stable order. */
async function listMarkdownFiles(
  root: string,
  name: (absolute: string) => string,
  problems: KnowledgeProblem[],
): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    let dirents;
    try {
      dirents = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ file: name(dir), reason: unreadable(error) });
      return;
    }
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

/** Paths in messages are relative to the working directory when inside it. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : absolute;
}
