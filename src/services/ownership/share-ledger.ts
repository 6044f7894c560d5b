/**
 * The share ledger: a company's dated share capital and the holders' share counts, from which each day's
 * percentages are derived on two bases, so that a company's own issue or cancellation moves every holder on
 * the day it took effect (not on the day a later report restates the figure).
 *
 * - issued basis: shares held / shares issued;
 * - voting basis: votes held / exercisable votes, where votes held are the stated `votes` (double voting
 *   rights), else the shares when the stake carries votes, else 0; exercisable votes are the published total
 *   of voting rights where the company gives one, else shares issued less treasury shares.
 *
 * Pure: the seed stores each stake's segments on the relationship, and the ownership answers pick the one in
 * force on the asked day. A stake without a count keeps its stated percentage.
 */

export interface CapitalRecord {
  id: string;
  company: string;
  validFrom: string;
  validTo: string | null;
  sharesIssued: number;
  treasuryShares?: number | undefined;
  votingRights?: number | undefined;
}

export interface LedgerStake {
  id: string;
  to: string;
  validFrom: string | null;
  validTo: string | null;
  shares?: number | undefined;
  votes?: number | undefined;
  votingCapPercent?: number | undefined;
  carriesVotes: boolean;
  equityPercent: number;
  votingPercent: number | null;
  equityPrecision?: string | undefined;
  statedBasis?: 'issued' | 'voting' | undefined;
  statedOn?: string | undefined;
}

/** One period over which a stake's derived percentages do not change: one capital record in force. */
export interface LedgerSegment {
  from: string;
  to: string | null;
  capital: string;
  sharesIssued: number;
  issuedPercent: number;
  /** Null where the capital record gives neither the exercisable votes nor the treasury shares: the stated figure answers. */
  votingPercent: number | null;
}

const inForce = (p: { validFrom: string | null; validTo: string | null }, day: string) =>
  (p.validFrom === null || p.validFrom <= day) && (p.validTo === null || p.validTo > day);

const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
const minEnd = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/** Percent, kept to 10 decimals so that equal inputs always give equal stored figures. */
const percent = (part: number, whole: number) => Number(((part / whole) * 100).toFixed(10));

/** Exercisable votes of a capital record: the published total, else the shares outside the company's treasury. */
export const exercisableVotes = (c: CapitalRecord) => c.votingRights ?? c.sharesIssued - (c.treasuryShares ?? 0);

/** Whether the record says how many votes can be exercised (a published total, or the treasury shares to leave out). */
export const knowsVotes = (c: CapitalRecord) => c.votingRights !== undefined || c.treasuryShares !== undefined;

/** The capital record of a company in force on a day, or null. */
export function capitalOn(records: readonly CapitalRecord[], company: string, day: string): CapitalRecord | null {
  return records.find((c) => c.company === company && inForce(c, day)) ?? null;
}

/** The derived percentages of a stake against one capital record. */
export function derivePercents(
  stake: Pick<LedgerStake, 'shares' | 'votes' | 'carriesVotes' | 'votingCapPercent'>,
  capital: CapitalRecord,
): { issuedPercent: number; votingPercent: number | null } {
  const shares = stake.shares ?? 0;
  const votes = stake.carriesVotes ? (stake.votes ?? shares) : 0;
  const voting = !stake.carriesVotes ? 0 : knowsVotes(capital) ? percent(votes, exercisableVotes(capital)) : null;
  return {
    issuedPercent: percent(shares, capital.sharesIssued),
    votingPercent: voting === null || stake.votingCapPercent === undefined ? voting : Math.min(voting, stake.votingCapPercent),
  };
}

/**
 * Capital records whose total is derived (derivation) must follow from the previous record of the
 * company: less the shares cancelled, plus the shares issued.
 */
export function capitalArithmetic(
  records: readonly (CapitalRecord & { change?: string | undefined; sharesChanged?: number | undefined; derivation?: string | undefined })[],
): string[] {
  const out: string[] = [];
  const byCompany = new Map<string, (typeof records)[number][]>();
  for (const r of records) byCompany.set(r.company, [...(byCompany.get(r.company) ?? []), r]);
  for (const group of byCompany.values()) {
    const sorted = [...group].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    sorted.forEach((r, i) => {
      if (!r.derivation) return;
      const previous = sorted[i - 1];
      const sign = r.change === 'cancellation' ? -1 : r.change === 'issue' ? 1 : 0;
      if (!previous) out.push(`${r.id}: a derived record needs a previous record of the company`);
      else if (sign === 0 && previous.sharesIssued !== r.sharesIssued)
        out.push(`${r.id}: no shares were issued or cancelled, but the total moves from ${previous.sharesIssued} to ${r.sharesIssued}`);
      else if (sign !== 0 && r.sharesChanged === undefined) out.push(`${r.id}: a derived total after a ${r.change} needs sharesChanged`);
      else if (sign !== 0 && r.sharesChanged !== undefined && previous.sharesIssued + sign * r.sharesChanged !== r.sharesIssued) {
        out.push(
          `${r.id}: ${previous.sharesIssued} ${sign < 0 ? '−' : '+'} ${r.sharesChanged} is ${previous.sharesIssued + sign * r.sharesChanged}, not ${r.sharesIssued}`,
        );
      }
    });
  }
  return out;
}

/**
 * The segments of a stake with a share count: its period cut by the company's capital records. Days of the
 * period that no record covers have no segment (the stated percentage answers there).
 */
export function stakeSegments(stake: LedgerStake, records: readonly CapitalRecord[]): LedgerSegment[] {
  if (stake.shares === undefined) return [];
  return records
    .filter((c) => c.company === stake.to)
    .map((c) => ({ c, from: maxDate(stake.validFrom, c.validFrom)!, to: minEnd(stake.validTo, c.validTo) }))
    .filter(({ from, to }) => to === null || from < to)
    .sort((a, b) => (a.from < b.from ? -1 : 1))
    .map(({ c, from, to }) => ({ from, to, capital: c.id, sharesIssued: c.sharesIssued, ...derivePercents(stake, c) }));
}

// How the segments are stored and read back for a day is lib/ledger-segments.ts (repositories read it too).
export { segmentOn, storedVotingPercent } from '../../lib/ledger-segments.js';

/** How far a stated percentage may be from the derived one: half a unit of its last decimal, more for "about". */
export function statedTolerance(stated: number, precision?: string): number {
  const decimals = (String(stated).split('.')[1] ?? '').length;
  const rounding = 0.5 * 10 ** -decimals + 1e-9;
  return precision && precision !== 'exact' ? Math.max(rounding, 0.5) : rounding;
}

export interface LedgerMismatch {
  id: string;
  day: string;
  basis: 'issued' | 'voting';
  stated: number;
  derived: number;
  difference: number;
}

/**
 * Stated percentages against the ledger: each stake with a share count is compared on the day its figure
 * describes (statedOn, else validFrom), on the basis its source used; its stated voting share too.
 */
export function compareWithLedger(stakes: readonly LedgerStake[], records: readonly CapitalRecord[]): LedgerMismatch[] {
  const out: LedgerMismatch[] = [];
  for (const s of stakes) {
    if (s.shares === undefined) continue;
    const day = s.statedOn ?? s.validFrom;
    if (day === null) continue;
    const capital = capitalOn(records, s.to, day);
    if (!capital) continue;
    const derived = derivePercents(s, capital);
    const basis = s.statedBasis ?? 'issued';
    const checks: ['issued' | 'voting', number, number][] = [];
    // A voting-basis figure can be checked only where the record says how many votes can be exercised.
    if (basis === 'issued') checks.push([basis, s.equityPercent, derived.issuedPercent]);
    else if (knowsVotes(capital)) checks.push([basis, s.equityPercent, percent(s.shares, exercisableVotes(capital))]);
    if (s.votingPercent !== null && s.carriesVotes && derived.votingPercent !== null) checks.push(['voting', s.votingPercent, derived.votingPercent]);
    for (const [b, stated, value] of checks) {
      const difference = Number((value - stated).toFixed(6));
      if (Math.abs(value - stated) > statedTolerance(stated, s.equityPrecision)) out.push({ id: s.id, day, basis: b, stated, derived: value, difference });
    }
  }
  return out;
}

/** Capital records of one company that overlap: the ledger must give one share capital per day. */
export function overlappingCapital(records: readonly CapitalRecord[]): [CapitalRecord, CapitalRecord][] {
  const out: [CapitalRecord, CapitalRecord][] = [];
  const byCompany = new Map<string, CapitalRecord[]>();
  for (const r of records) byCompany.set(r.company, [...(byCompany.get(r.company) ?? []), r]);
  for (const group of byCompany.values()) {
    const sorted = [...group].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    for (let i = 1; i < sorted.length; i += 1) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      if (a.validTo === null || a.validTo > b.validFrom) out.push([a, b]);
    }
  }
  return out;
}
