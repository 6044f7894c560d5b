/**
 * Facts over time: a fact is one relationship type between two nodes (Renault's stake in Nissan, a
 * membership, a role with its title); its dated statements say what it was when. A change is a day on
 * which the fact as it stood differs from the day before. The changes themselves are worked out in Cypher
 * (list-changes); here are the kinds, days and events around them.
 */
import type { ChangeEventRow } from '../../repositories/change-repository.js';
import type { Change, ChangeEvent, ChangeKind } from '../../schemas/changes.js';

export const KIND_TYPES: Record<ChangeKind, string> = {
  stake: 'HOLDS_STAKE',
  brand: 'OWNS_BRAND',
  membership: 'MEMBER_OF',
  role: 'HOLDS_ROLE',
  plan: 'HAS_PLAN',
  target: 'HAS_TARGET',
};

/** The ISO day before a YYYY-MM-DD day. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export type FactChange = Omit<Change, 'events'>;

/**
 * The events behind a change: those whose `changes` list names the statement that took effect, then
 * those of the same day involving either end of the fact.
 */
export function eventsBehind(change: FactChange, events: readonly ChangeEventRow[]): ChangeEvent[] {
  const ends = new Set([change.from.id, change.to.id]);
  const linked = events.filter((e) => change.after !== null && e.changes.includes(change.after.id));
  const sameDay = events.filter((e) => !linked.includes(e) && e.occurredOn === change.date && e.involves.some((x) => ends.has(x)));
  return [
    ...linked.map((e) => ({ id: e.id, name: e.name, kind: e.kind, occurredOn: e.occurredOn, link: 'changes' as const, sources: e.sources })),
    ...sameDay.map((e) => ({ id: e.id, name: e.name, kind: e.kind, occurredOn: e.occurredOn, link: 'same-day' as const, sources: e.sources })),
  ];
}
