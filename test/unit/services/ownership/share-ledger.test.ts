import { describe, expect, it } from 'vitest';
import {
  capitalOn,
  compareWithLedger,
  overlappingCapital,
  segmentOn,
  stakeSegments,
  statedTolerance,
  type CapitalRecord,
} from '../../../../src/services/ownership/share-ledger.js';

// Nissan's shares issued before and after it cancelled the 211,000,000 shares bought from the trust.
const nissan: CapitalRecord[] = [
  { id: 'n-2000', company: 'nissan', validFrom: '2000-01-01', validTo: '2023-12-15', sharesIssued: 4_220_715_112 },
  { id: 'n-2023', company: 'nissan', validFrom: '2023-12-15', validTo: null, sharesIssued: 4_009_715_112, treasuryShares: 9_715_112 },
];
const direct = {
  id: 'r',
  to: 'nissan',
  validFrom: '2023-11-08',
  validTo: null,
  shares: 633_107_267,
  carriesVotes: true,
  equityPercent: 15,
  votingPercent: null,
};

describe('share ledger', () => {
  it('cuts a stake at each capital change and derives both bases', () => {
    const segments = stakeSegments(direct, nissan);
    expect(segments.map((s) => [s.from, s.to, s.capital])).toEqual([
      ['2023-11-08', '2023-12-15', 'n-2000'],
      ['2023-12-15', null, 'n-2023'],
    ]);
    expect(segments[0]!.issuedPercent).toBeCloseTo(15.0, 4);
    expect(segments[1]!.issuedPercent).toBeCloseTo(15.789, 3);
    expect(segments[1]!.votingPercent).toBeCloseTo((633_107_267 / 4_000_000_000) * 100, 9);
  });
  it('neutralised shares carry no votes; stated votes (double voting rights) replace the shares', () => {
    expect(stakeSegments({ ...direct, carriesVotes: false }, nissan)[1]!.votingPercent).toBe(0);
    const capital: CapitalRecord[] = [{ id: 'c', company: 'nissan', validFrom: '2000-01-01', validTo: null, sharesIssued: 100, votingRights: 130 }];
    expect(stakeSegments({ ...direct, validFrom: '2001-01-01', shares: 15, votes: 30 }, capital)[0]).toMatchObject({
      issuedPercent: 15,
      votingPercent: Number(((30 / 130) * 100).toFixed(10)),
    });
  });
  it('a stake without a count has no segment; a day no capital record covers has none either', () => {
    expect(stakeSegments({ ...direct, shares: undefined }, nissan)).toEqual([]);
    expect(stakeSegments({ ...direct, validFrom: '1990-01-01' }, nissan)[0]!.from).toBe('2000-01-01');
  });
  it('picks the stored segment in force on a day', () => {
    const stored = {
      ledgerFrom: ['2023-11-08', '2023-12-15'],
      ledgerTo: ['2023-12-15', ''],
      ledgerIssuedPercent: [15, 15.79],
      ledgerVotingPercent: [15, 15.8],
    };
    expect(segmentOn(stored, '2023-12-14')).toEqual({ issuedPercent: 15, votingPercent: 15 });
    expect(segmentOn(stored, '2024-01-15')).toEqual({ issuedPercent: 15.79, votingPercent: 15.8 });
    expect(segmentOn(stored, '2023-11-07')).toBeNull();
    expect(capitalOn(nissan, 'nissan', '2023-12-15')!.id).toBe('n-2023');
  });
  it('compares a stated percentage with the derived one on the day it describes, within its rounding', () => {
    expect(statedTolerance(15.79)).toBeCloseTo(0.005, 8);
    expect(statedTolerance(15, 'about')).toBeCloseTo(0.5, 8);
    expect(compareWithLedger([{ ...direct, equityPercent: 15.79, statedOn: '2024-01-15' }], nissan)).toEqual([]);
    const [mismatch] = compareWithLedger([{ ...direct, equityPercent: 15.79 }], nissan);
    expect(mismatch).toMatchObject({ id: 'r', day: '2023-11-08', basis: 'issued', stated: 15.79 });
    expect(mismatch!.difference).toBeCloseTo(-0.79, 2);
  });
  it('finds overlapping capital records of one company', () => {
    expect(overlappingCapital(nissan)).toEqual([]);
    expect(overlappingCapital([{ ...nissan[0]!, validTo: '2024-01-01' }, nissan[1]!]).map(([a, b]) => [a.id, b.id])).toEqual([['n-2000', 'n-2023']]);
  });
});
