import {
  KnowledgeEntry,
  KnowledgeProblem,
} from '@gitops-guide/backstage-plugin-gitops-common';
import fs from 'fs/promises';
import matter from 'gray-matter';
import path from 'path';
import YAML from 'yaml';
import { z } from 'zod';
import { SkillCheck } from './KnowledgeService';
import { EntryFrontMatter, formatIssuePath, skillCheckSchema } from './schema';

/** A knowledge entry with the file it came from. */
export interface LoadedEntry {
  entry: KnowledgeEntry;
  file: string;
}

/** A skill check with the file it came from. */
export interface LoadedSkillCheck {
  value: SkillCheck;
  file: string;
}

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

/**
 * Reads one Markdown entry, named `file` in problems. Anything wrong with it
 * is added to `problems` and leaves the entry out.
 */
export async function readEntry(
  absolute: string,
  file: string,
  schema: z.ZodType<EntryFrontMatter, z.ZodTypeDef, unknown>,
  problems: KnowledgeProblem[],
): Promise<LoadedEntry | undefined> {
  let source: string;
  try {
    source = await fs.readFile(absolute, 'utf8');
  } catch (error) {
    problems.push({ file, reason: unreadable(error) });
    return undefined;
  }

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

  const result = schema.safeParse(parsed.data);
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

/**
 * Reads a skill check file, named `file` in problems. Anything wrong with it
 * is added to `problems` and leaves the skill check out.
 */
export async function readSkillCheck(
  absolute: string,
  file: string,
  problems: KnowledgeProblem[],
): Promise<LoadedSkillCheck | undefined> {
  let source: string;
  try {
    source = await fs.readFile(absolute, 'utf8');
  } catch (error) {
    problems.push({ file, reason: unreadable(error) });
    return undefined;
  }
  let data: unknown;
  try {
    data = YAML.parse(source);
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

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/** Why a file or directory could not be read, without the path Node puts in its message. */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return `cannot be read${code ? ` (${code})` : ''}`;
}
