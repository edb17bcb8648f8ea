import {
  compareLearningOrder,
  KnowledgeProblem,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { LoadedEntry } from './readContentFile';
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

/** A question whose `order` is already taken in its level, and the problem to report. */
export interface OrderConflict {
  loaded: LoadedEntry;
  problem: KnowledgeProblem;
}

/**
 * Within a level no two questions may share an `order`, whichever directory
 * they come from: the path would otherwise depend on titles by accident.
 * Reports the later entry, naming the earlier file (bundled content first).
 */
export function findOrderConflicts(
  entries: Iterable<LoadedEntry>,
): OrderConflict[] {
  const conflicts: OrderConflict[] = [];
  const taken = new Map<string, string>();
  for (const loaded of entries) {
    const { entry, file } = loaded;
    if (entry.order === undefined) continue;
    const key = `${entry.level}:${entry.order}`;
    const first = taken.get(key);
    if (first) {
      conflicts.push({
        loaded,
        problem: {
          file,
          field: 'order',
          reason: `duplicate order ${entry.order} in the ${entry.level} path (also in ${first})`,
        },
      });
    } else {
      taken.set(key, file);
    }
  }
  return conflicts;
}
