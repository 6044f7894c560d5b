import type { Plain } from '../../db/values.js';
import { canonicalJson } from '../../lib/canonical-json.js';

export { canonicalJson };

export interface ChangeCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface ChangePlan<T> {
  /** Rows to create or replace. */
  writes: T[];
  /** Rows in the graph to remove: gone from the dataset, or changed identity (label, type or endpoints). */
  removals: T[];
  /** Per kind (label or relationship type). */
  counts: Record<string, ChangeCounts>;
}

/**
 * Compares the rows a dataset wants with the rows the graph holds, by id. A row whose identity changed
 * (another label, type or endpoints) is a different statement: the old one is removed and the new one
 * created. Equal rows are left alone, so seeding the same dataset twice writes nothing.
 */
export function planChanges<T extends { id: string; props: Record<string, Plain> }>(
  desired: readonly T[],
  existing: ReadonlyMap<string, T>,
  kindOf: (row: T) => string,
  sameIdentity: (before: T, after: T) => boolean,
): ChangePlan<T> {
  const plan: ChangePlan<T> = { writes: [], removals: [], counts: {} };
  const count = (kind: string, field: keyof ChangeCounts) => {
    plan.counts[kind] ??= { created: 0, updated: 0, removed: 0, unchanged: 0 };
    plan.counts[kind][field] += 1;
  };
  const wanted = new Set<string>();
  for (const row of desired) {
    wanted.add(row.id);
    const before = existing.get(row.id);
    if (!before) {
      plan.writes.push(row);
      count(kindOf(row), 'created');
    } else if (!sameIdentity(before, row)) {
      plan.removals.push(before);
      plan.writes.push(row);
      count(kindOf(before), 'removed');
      count(kindOf(row), 'created');
    } else if (canonicalJson(before.props) !== canonicalJson(row.props)) {
      plan.writes.push(row);
      count(kindOf(row), 'updated');
    } else count(kindOf(row), 'unchanged');
  }
  for (const before of existing.values()) {
    if (!wanted.has(before.id)) {
      plan.removals.push(before);
      count(kindOf(before), 'removed');
    }
  }
  return plan;
}
