/**
 * How a stake's share-ledger segments are stored on its relationship (Neo4j properties hold no maps, no nulls in
 * lists): parallel lists, one entry a segment; ledgerTo '' for an open end; ledgerVotingPercent -1 where the
 * capital record does not count the exercisable votes. Written by the seed (services/dataset/graph-rows.ts),
 * read here by everything that answers for a day.
 */
export interface StoredLedger {
  ledgerFrom?: readonly string[] | null;
  ledgerTo?: readonly string[] | null;
  ledgerIssuedPercent?: readonly number[] | null;
  ledgerVotingPercent?: readonly number[] | null;
}

/** Neo4j lists hold no nulls: an unknown voting share is stored as -1. */
export const storedVotingPercent = (voting: number | null) => voting ?? -1;

/** The stored voting share of segment i, null where it is unknown. */
export const votingPercentAt = (stored: StoredLedger, i: number): number | null => {
  const voting = Number(stored.ledgerVotingPercent![i]);
  return voting < 0 ? null : voting;
};

/** Which segment is in force on a day (segments do not overlap), or -1. */
export function segmentIndexOn(stored: StoredLedger, day: string): number {
  const from = stored.ledgerFrom ?? [];
  for (let i = from.length - 1; i >= 0; i -= 1) {
    const to = stored.ledgerTo?.[i] ?? '';
    if (from[i]! <= day && (to === '' || to > day)) return i;
  }
  return -1;
}

/** The derived percentages in force on a day, or null where no segment covers it. */
export function segmentOn(stored: StoredLedger, day: string): { issuedPercent: number; votingPercent: number | null } | null {
  const i = segmentIndexOn(stored, day);
  return i < 0 ? null : { issuedPercent: Number(stored.ledgerIssuedPercent![i]), votingPercent: votingPercentAt(stored, i) };
}

/** The ledger lists of a relationship's stored properties (as a retracted statement keeps them), each null when absent. */
export function storedLedgerOf(props: Record<string, unknown>): { [K in keyof StoredLedger]-?: StoredLedger[K] } {
  const list = <T>(value: unknown) => (Array.isArray(value) ? (value as T[]) : null);
  return {
    ledgerFrom: list<string>(props.ledgerFrom),
    ledgerTo: list<string>(props.ledgerTo),
    ledgerIssuedPercent: list<number>(props.ledgerIssuedPercent),
    ledgerVotingPercent: list<number>(props.ledgerVotingPercent),
  };
}
