import { KnowledgeProblem } from '@gitops-guide/backstage-plugin-gitops-common';
import { findOrderConflicts } from './entryOrder';
import { LoadedEntry, LoadedSkillCheck } from './readContentFile';

/** The merged entries by id, in load order (an override moves to the end). */
export type MergedEntries = Map<string, LoadedEntry>;

/**
 * Removes the `related` ids of entries and skill check items that name no
 * entry, reporting each with its position in the file.
 */
export function dropUnknownLinks(
  merged: MergedEntries,
  skillCheck?: LoadedSkillCheck,
): { problems: KnowledgeProblem[]; skillCheck?: LoadedSkillCheck } {
  const problems: KnowledgeProblem[] = [];
  const known = (file: string, field: string) => (id: string, i: number) => {
    if (merged.has(id)) return true;
    problems.push({
      file,
      field: `${field}.${i}`,
      reason: `unknown entry "${id}"`,
    });
    return false;
  };

  for (const [id, { entry, file }] of merged) {
    const related = entry.related.filter(known(file, 'related'));
    if (related.length !== entry.related.length) {
      merged.set(id, { file, entry: { ...entry, related } });
    }
  }
  if (!skillCheck) {
    return { problems };
  }
  const { value, file } = skillCheck;
  const items = value.items.map((item, index) => ({
    ...item,
    related: item.related.filter(known(file, `items.${index}.related`)),
  }));
  return { problems, skillCheck: { file, value: { ...value, items } } };
}

/** Removes the `order` of each question that takes one already taken in its level. */
export function dropOrderConflicts(merged: MergedEntries): KnowledgeProblem[] {
  return findOrderConflicts([...merged.values()]).map(({ loaded, problem }) => {
    const { order: _dropped, ...entry } = loaded.entry;
    merged.set(entry.id, { file: loaded.file, entry });
    return problem;
  });
}
