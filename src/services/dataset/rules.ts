import type { Dataset, DatasetNode, DatasetRelationship } from '../../schemas/dataset.js';
import { capitalArithmetic, compareWithLedger, overlappingCapital } from '../ownership/share-ledger.js';

/** A broken consistency rule: which file, which id, which rule, and why. */
export interface RuleViolation {
  file: string;
  id: string;
  rule: string;
  message: string;
}

type Stake = Extract<DatasetRelationship, { type: 'HOLDS_STAKE' }>;

/** Half-open periods [from, to): null from is the beginning of time, null to is still holding. */
const overlaps = (a: { validFrom: string | null; validTo: string | null }, b: { validFrom: string | null; validTo: string | null }) =>
  (a.validFrom === null || b.validTo === null || a.validFrom < b.validTo) && (b.validFrom === null || a.validTo === null || b.validFrom < a.validTo);

const SALE_KINDS = new Set(['share-sale', 'share-purchase', 'stake-change']);

/** Every date a fact states, by field name (sources' publication dates and citations' reading dates included). */
function datesOf(item: DatasetNode | DatasetRelationship | NonNullable<Dataset['shareCapital']>[number]): [string, string][] {
  const out: [string, string][] = [];
  const record = item as unknown as Record<string, unknown>;
  for (const key of ['validFrom', 'validTo', 'occurredOn', 'observedOn', 'foundedOn', 'announcedOn', 'statedOn']) {
    const value = record[key];
    if (typeof value === 'string') out.push([key, value]);
  }
  for (const c of item.citations ?? []) if (c.readOn) out.push([`citation ${c.id} readOn`, c.readOn]);
  return out;
}

/**
 * The dataset's consistency rules (see docs/data.md, "Check it"). `fileOf` names the file an id comes from,
 * so each violation points at what to edit.
 */
export function checkDatasetRules(dataset: Dataset, fileOf: (id: string) => string = () => 'data'): RuleViolation[] {
  const out: RuleViolation[] = [];
  const add = (id: string, rule: string, message: string) => out.push({ file: fileOf(id), id, rule, message });
  const stakes = dataset.relationships.filter((r): r is Stake => r.type === 'HOLDS_STAKE');
  const events = dataset.nodes.filter((n): n is Extract<DatasetNode, { label: 'Event' }> => n.label === 'Event');

  // period-order: no period ends before (or on the day) it starts.
  for (const item of [...dataset.nodes, ...dataset.relationships]) {
    if (item.validFrom && item.validTo && item.validTo <= item.validFrom) {
      add(item.id, 'period-order', `validTo ${item.validTo} is not after validFrom ${item.validFrom}`);
    }
  }

  // no-overlap: one claim (holder, company, and a source that says it) never holds two figures at once.
  // Disagreeing claims from different sources may overlap; they stand side by side.
  const byPair = new Map<string, Stake[]>();
  for (const s of stakes) byPair.set(`${s.from}>${s.to}`, [...(byPair.get(`${s.from}>${s.to}`) ?? []), s]);
  for (const group of byPair.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        const shared = a.sources.filter((id) => b.sources.includes(id));
        if (shared.length > 0 && overlaps(a, b)) {
          add(b.id, 'no-overlap', `overlaps ${a.id} (${a.from} in ${a.to}) and both cite ${shared.join(', ')}`);
        }
      }
    }
  }

  // equity-total: per company and day, the holders' equity adds up to at most 100%. Disagreeing claims of the
  // same holder count once, at their largest figure. Days worth checking are the ones where a period starts.
  const byCompany = new Map<string, Stake[]>();
  for (const s of stakes) byCompany.set(s.to, [...(byCompany.get(s.to) ?? []), s]);
  for (const [company, group] of byCompany) {
    const days = [...new Set(group.map((s) => s.validFrom ?? '0000-01-01'))].sort();
    for (const day of days) {
      const perHolder = new Map<string, number>();
      for (const s of group) {
        const holds = (s.validFrom === null || s.validFrom <= day) && (s.validTo === null || s.validTo > day);
        if (holds) perHolder.set(s.from, Math.max(perHolder.get(s.from) ?? 0, s.equityPercent));
      }
      const total = [...perHolder.values()].reduce((a, b) => a + b, 0);
      if (total > 100 + 1e-9) {
        const first = group.find((s) => s.validFrom === day) ?? group[0]!;
        add(first.id, 'equity-total', `on ${day} the holders of ${company} hold ${Math.round(total * 100) / 100}% in all`);
      }
    }
  }

  // stake-event: every stake statement is started by an event that lists it, or says no event was found.
  const changedBy = new Map<string, string>();
  for (const e of events) for (const id of e.changes) changedBy.set(id, e.id);
  for (const s of stakes) {
    if (!changedBy.has(s.id) && !s.eventNotFound)
      add(s.id, 'stake-event', 'no event lists this stake in its `changes` (or set eventNotFound: true with a note)');
    if (s.eventNotFound && !s.note) add(s.id, 'stake-event', 'eventNotFound needs a note saying what is not known');
    if (s.eventNotFound && changedBy.has(s.id)) add(s.id, 'stake-event', `eventNotFound is set, but ${changedBy.get(s.id)} lists it`);
  }

  // stake-parts: a share stated as parts is their sum.
  for (const s of stakes) {
    const parts = s.equityFromParts;
    if (parts && Math.abs(parts.reduce((sum, p) => sum + p, 0) - s.equityPercent) > 1e-9) {
      add(s.id, 'stake-parts', `equityFromParts [${parts.join(', ')}] does not add up to equityPercent ${s.equityPercent}`);
    }
  }

  // sale-names-stake: a sale, purchase or stake change names the stake statement it started.
  for (const e of events) {
    if (SALE_KINDS.has(e.kind) && e.changes.length === 0) add(e.id, 'sale-names-stake', `a ${e.kind} event must list the stake it changed in \`changes\``);
  }

  // capital-overlap: one share capital per company and day.
  const capital = dataset.shareCapital ?? [];
  for (const [a, b] of overlappingCapital(capital)) {
    add(b.id, 'capital-overlap', `overlaps ${a.id}: ${a.company} would have two share capitals from ${b.validFrom}`);
  }

  // capital-arithmetic: a derived total follows from the previous record and the shares cancelled or issued.
  for (const message of capitalArithmetic(capital)) add(message.split(':')[0]!, 'capital-arithmetic', message.slice(message.indexOf(':') + 2));

  // shares-derivation: a derived count says how (in the stake's note too, so a reader of the answer sees it).
  for (const s of stakes) if (s.sharesDerivation && s.shares === undefined) add(s.id, 'shares-derivation', 'sharesDerivation without shares');

  // ledger-agrees: a stated percentage of a stake with a share count is the derived one on the day it describes,
  // within the source's rounding (half a unit of its last decimal; half a point for "about").
  for (const m of compareWithLedger(stakes, capital)) {
    add(
      m.id,
      'ledger-agrees',
      `states ${m.stated}% (${m.basis} basis) on ${m.day}; the share ledger derives ${Number(m.derived.toFixed(4))}% (difference ${m.difference > 0 ? '+' : ''}${Number(m.difference.toFixed(4))} points)`,
    );
  }

  // after-review: no fact dated after the dataset's review date.
  if (dataset.reviewedOn) {
    for (const item of [...dataset.nodes, ...dataset.relationships, ...capital]) {
      for (const [field, date] of datesOf(item)) {
        if (date > dataset.reviewedOn) add(item.id, 'after-review', `${field} ${date} is after the review date ${dataset.reviewedOn}`);
      }
    }
    for (const s of dataset.sources) {
      if (s.publishedOn && s.publishedOn > dataset.reviewedOn)
        add(s.id, 'after-review', `publishedOn ${s.publishedOn} is after the review date ${dataset.reviewedOn}`);
    }
  } else out.push({ file: 'data', id: 'dataset', rule: 'after-review', message: 'no file states the review date (dataset.reviewedOn)' });

  return out;
}
