import {
  ATTENTION_LEVELS,
  attentionOf,
  sortByAttention,
  type AttentionLevel,
} from '../attention';
import type { FleetApplication } from './types';

/** What the fleet view is narrowed to; an absent field keeps every row. @public */
export interface FleetFilters {
  attention?: AttentionLevel;
  /** Argo CD instance or cluster name. */
  instance?: string;
  /** An owner entity ref of a claiming entity. */
  owner?: string;
  environment?: string;
}

/** How fleet rows are grouped. @public */
export type FleetGrouping = 'none' | 'applicationSet' | 'parent';

/** A group of fleet rows, with the most urgent state among them. @public */
export interface FleetGroup {
  /** `''` for the rows that belong to no group. */
  key: string;
  /** The ApplicationSet or parent Application name; `''` for no group. */
  name: string;
  instance?: string;
  worst: AttentionLevel;
  rows: FleetApplication[];
}

/** How many rows are at each {@link AttentionLevel}. @public */
export function fleetCounts(
  rows: readonly FleetApplication[],
): Record<AttentionLevel, number> {
  const counts = Object.fromEntries(
    ATTENTION_LEVELS.map(level => [level, 0]),
  ) as Record<AttentionLevel, number>;
  for (const row of rows) {
    counts[attentionOf(row.application)] += 1;
  }
  return counts;
}

/** The rows that pass every set filter. @public */
export function filterFleet(
  rows: readonly FleetApplication[],
  filters: FleetFilters,
): FleetApplication[] {
  return rows.filter(
    ({ application, claimedBy }) =>
      (!filters.attention || attentionOf(application) === filters.attention) &&
      (!filters.instance || application.instance === filters.instance) &&
      (!filters.environment ||
        application.environment === filters.environment) &&
      (!filters.owner ||
        claimedBy.some(claimant => claimant.owner === filters.owner)),
  );
}

/** Rows ordered by what needs attention, then environment (prod first), name and instance. @public */
export function sortFleet(
  rows: readonly FleetApplication[],
): FleetApplication[] {
  const order = new Map(
    sortByAttention(rows.map(row => row.application)).map((app, index) => [
      app,
      index,
    ]),
  );
  return [...rows].sort(
    (a, b) => order.get(a.application)! - order.get(b.application)!,
  );
}

function groupOf(
  row: FleetApplication,
  by: FleetGrouping,
): { key: string; name: string; instance?: string } {
  const name = by === 'applicationSet' ? row.applicationSet : row.parent;
  if (by === 'none' || !name) {
    return { key: '', name: '' };
  }
  const { instance } = row.application;
  return { key: `${instance}/${name}`, name, instance };
}

/**
 * Rows grouped by ApplicationSet or app-of-apps parent (per instance), each
 * group sorted with {@link sortFleet} and carrying its worst state; groups
 * come most urgent first, then by name, and the ungrouped rows last.
 * @public
 */
export function groupFleet(
  rows: readonly FleetApplication[],
  by: FleetGrouping,
): FleetGroup[] {
  const groups = new Map<string, FleetGroup>();
  for (const row of sortFleet(rows)) {
    const { key, name, instance } = groupOf(row, by);
    const level = attentionOf(row.application);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { key, name, instance, worst: level, rows: [row] });
      continue;
    }
    group.rows.push(row);
    if (
      ATTENTION_LEVELS.indexOf(level) < ATTENTION_LEVELS.indexOf(group.worst)
    ) {
      group.worst = level;
    }
  }
  const rank = (group: FleetGroup) => ATTENTION_LEVELS.indexOf(group.worst);
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.key === '') - Number(b.key === '') ||
      rank(a) - rank(b) ||
      a.name.localeCompare(b.name) ||
      (a.instance ?? '').localeCompare(b.instance ?? ''),
  );
}
