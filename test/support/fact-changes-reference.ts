/**
 * The changes feed's rule in TypeScript, the reference that list-changes (which works it out in Cypher, so that the
 * API holds one page however wide the window) is held to: a fact is one relationship type between two nodes
 * (Renault's stake in Nissan, a membership, a role with its title); its dated statements say what it was when. A
 * change is a day on which the fact as it stood differs from the day before. The feed used to load every statement
 * of the window's facts (list-changed-facts) and run this; on a million stakes one wide window ran the API out of
 * memory.
 */
import type { ChangeKind, StatementValue } from '../../src/schemas/changes.js';
import { dayBefore, type FactChange, KIND_TYPES } from '../../src/services/changes/fact-changes.js';

const TYPE_KINDS = new Map(Object.entries(KIND_TYPES).map(([kind, type]) => [type, kind as ChangeKind]));

/** One dated statement of a fact (a relationship between two nodes), as list-changed-facts returns it: its value and its ends. */
export type FactStatement = StatementValue & { type: string; from: string; fromName: string | null; to: string; toName: string | null };

/** What makes two statements of one fact say different things. */
const VALUE_FIELDS = ['equityPercent', 'votingPercent', 'carriesVotes', 'economicBeneficiary', 'role', 'via'] as const;

const holdsOn = (s: FactStatement, day: string) => (s.validFrom === null || s.validFrom <= day) && (s.validTo === null || s.validTo > day);

/** Where sources disagree on the same day: the statement with the most sources, ties the smaller id (as look-through does). */
function standing(statements: readonly FactStatement[], day: string): FactStatement | null {
  const holding = statements.filter((s) => holdsOn(s, day));
  holding.sort((a, b) => b.sources.length - a.sources.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return holding[0] ?? null;
}

function value(s: FactStatement | null): StatementValue | null {
  if (!s) return null;
  return {
    id: s.id,
    equityPercent: s.equityPercent ?? null,
    votingPercent: s.votingPercent ?? null,
    carriesVotes: s.carriesVotes ?? null,
    economicBeneficiary: s.economicBeneficiary ?? null,
    role: s.role ?? null,
    title: s.title ?? null,
    via: s.via ?? null,
    validFrom: s.validFrom ?? null,
    validTo: s.validTo ?? null,
    sources: s.sources ?? [],
  };
}

const factKey = (s: FactStatement) => [TYPE_KINDS.get(s.type) ?? s.type, s.from, s.to, ...(s.type === 'HOLDS_ROLE' ? [s.title ?? ''] : [])];

/** Every change of every fact on a day between from and to inclusive, by date then id. */
export function factChanges(statements: readonly FactStatement[], from: string, to: string): FactChange[] {
  const facts = new Map<string, FactStatement[]>();
  for (const s of statements) {
    const key = factKey(s).join('\u0000');
    facts.set(key, [...(facts.get(key) ?? []), s]);
  }
  const out: FactChange[] = [];
  for (const group of facts.values()) {
    const first = group[0]!;
    const [kind, , , title] = factKey(first) as [ChangeKind, string, string, string | undefined];
    const days = new Set<string>();
    for (const s of group) for (const d of [s.validFrom, s.validTo]) if (d !== null && d >= from && d <= to) days.add(d);
    for (const day of [...days].sort()) {
      const before = standing(group, dayBefore(day));
      const after = standing(group, day);
      if (before === null && after === null) continue;
      if (before && after && VALUE_FIELDS.every((f) => (before[f] ?? null) === (after[f] ?? null))) continue;
      out.push({
        id: `${kind}:${first.from}>${first.to}${title === undefined ? '' : `:${title}`}@${day}`,
        date: day,
        kind,
        change: before === null ? 'began' : after === null ? 'ended' : 'changed',
        from: { id: first.from, name: first.fromName ?? first.from },
        to: { id: first.to, name: first.toName ?? first.to },
        before: value(before),
        after: value(after),
      });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
