import {
  KnowledgeEntry,
  KnowledgeProblem,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  dropOrderConflicts,
  dropUnknownLinks,
  MergedEntries,
} from './crossEntryChecks';
import { sortEntries } from './entryOrder';
import { KnowledgeContentError } from './knowledgeProblems';
import { SkillCheck } from './KnowledgeService';
import { LoadedEntry, LoadedSkillCheck } from './readContentFile';
import { DirectoryContent } from './readContentDirectory';

/** The validated, merged content of all directories. */
export interface KnowledgeBase {
  /** Ordered by level (entry, senior, sre), then `order`, then title. */
  entries: KnowledgeEntry[];
  skillCheck?: SkillCheck;
  /** Entries of an earlier directory replaced by a later one with the same id. */
  overrides: { id: string; file: string; replaced: string }[];
  /** Number of content files loaded. */
  files: number;
  /**
   * What is wrong with the organization's content, and was left out: files
   * that failed validation (skipped), `related` ids naming no entry and
   * clashing `order`s (ignored). Bundled content has none: its problems throw.
   */
  problems: KnowledgeProblem[];
}

/**
 * Merges the bundled directories, then the organization's, in order. After
 * each layer the `related` links and `order`s of the merged set are checked:
 * a problem in the bundled layer throws {@link KnowledgeContentError}, one
 * in the organization's is returned in `problems`.
 */
export function mergeContent(
  bundled: DirectoryContent[],
  organization: DirectoryContent[],
): KnowledgeBase {
  const merged: MergedEntries = new Map();
  const overrides: KnowledgeBase['overrides'] = [];
  let skillCheck: LoadedSkillCheck | undefined;
  let files = 0;
  const layer = (sources: DirectoryContent[]): KnowledgeProblem[] => {
    const problems: KnowledgeProblem[] = [];
    for (const source of sources) {
      problems.push(...source.problems);
      problems.push(...mergeEntries(merged, source.entries, overrides));
      files += source.entries.length + (source.skillCheck ? 1 : 0);
      skillCheck = source.skillCheck ?? skillCheck;
    }
    const links = dropUnknownLinks(merged, skillCheck);
    skillCheck = links.skillCheck;
    return [...problems, ...links.problems, ...dropOrderConflicts(merged)];
  };

  const bundledProblems = layer(bundled);
  if (bundledProblems.length) {
    throw new KnowledgeContentError(bundledProblems);
  }
  const problems = layer(organization);

  return {
    entries: sortEntries([...merged.values()].map(l => l.entry)),
    skillCheck: skillCheck?.value,
    overrides,
    files,
    problems,
  };
}

/**
 * Adds one directory's entries on top of `merged`. An id repeated within the
 * directory is a problem: the later file is left out.
 */
function mergeEntries(
  merged: MergedEntries,
  entries: LoadedEntry[],
  overrides: KnowledgeBase['overrides'],
): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const seen = new Map<string, string>();
  for (const loaded of entries) {
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
  return problems;
}
