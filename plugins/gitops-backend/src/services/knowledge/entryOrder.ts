import { compareLearningOrder } from '@gitops-guide/backstage-plugin-gitops-common';
import type { KnowledgeProblem, LoadedEntry } from './loadKnowledgeBase';
import { KNOWLEDGE_LEVELS } from './schema';

const levelRank = (level: string) =>
  KNOWLEDGE_LEVELS.indexOf(level as (typeof KNOWLEDGE_LEVELS)[number]);

/**
 * Levels in learning order (entry → senior → sre); within a level, teaching
 * order (`order`, entries without one last), then title.
 */
export function sortEntries<
  T extends { level: string; title: string; order?: number },
>(entries: T[]): T[] {
  return [...entries].sort(
    (a, b) =>
      levelRank(a.level) - levelRank(b.level) || compareLearningOrder(a, b),
  );
}

/**
 * Within a level no two questions may share an `order`, whichever directory
 * they come from: the path would otherwise depend on titles by accident.
 * Reports the later file, naming the earlier one (bundled content first).
 */
export function findOrderConflicts(
  entries: Iterable<LoadedEntry>,
): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const taken = new Map<string, string>();
  for (const { entry, file } of entries) {
    if (entry.order === undefined) continue;
    const key = `${entry.level}:${entry.order}`;
    const first = taken.get(key);
    if (first) {
      problems.push({
        file,
        field: 'order',
        reason: `duplicate order ${entry.order} in the ${entry.level} path (also in ${first})`,
      });
    } else {
      taken.set(key, file);
    }
  }
  return problems;
}
