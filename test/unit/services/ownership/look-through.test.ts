import { describe, expect, it } from 'vitest';
import { ultimateController } from '../../../../src/services/ownership/control.js';
import { integratedRow, OwnershipCycleError, resolveClaims, weightedEdges, type StakeEdge } from '../../../../src/services/ownership/look-through.js';

const stake = (id: string, holder: string, company: string, equityPercent: number, extra: Partial<StakeEdge> = {}): StakeEdge => ({
  id,
  holder,
  company,
  equityPercent,
  votingPercent: null,
  carriesVotes: true,
  economicBeneficiary: null,
  sources: ['s'],
  ...extra,
});

describe('integrated ownership T = (I − A)⁻¹A', () => {
  it('a chain multiplies: 60% of B, which holds 50% of C, gives 30% of C', () => {
    const row = integratedRow('a', weightedEdges([stake('1', 'a', 'b', 60), stake('2', 'b', 'c', 50)], 'equity'));
    expect(row.get('b')).toBeCloseTo(0.6, 12);
    expect(row.get('c')).toBeCloseTo(0.3, 12);
  });

  it('a pure cycle converges to the geometric series: a↔b at 40% and 30%', () => {
    const row = integratedRow('a', weightedEdges([stake('1', 'a', 'b', 40), stake('2', 'b', 'a', 30)], 'equity'));
    // t_b = 0.4 / (1 − 0.4·0.3) and t_a = 0.3 · t_b (a's indirect stake in itself through b).
    expect(row.get('b')).toBeCloseTo(0.4 / 0.88, 12);
    expect(row.get('a')).toBeCloseTo(0.12 / 0.88, 12);
  });

  it('the dense solve and the Neumann series agree', () => {
    const edges = weightedEdges(
      [stake('1', 'a', 'b', 40), stake('2', 'b', 'a', 30), stake('3', 'b', 'c', 25), stake('4', 'c', 'a', 10), stake('5', 'a', 'c', 35)],
      'equity',
    );
    const dense = integratedRow('a', edges);
    const series = integratedRow('a', edges, 0);
    for (const id of ['a', 'b', 'c']) expect(series.get(id)).toBeCloseTo(dense.get(id)!, 11);
  });

  it('does not depend on the order of the edges', () => {
    const stakes = [stake('1', 'a', 'b', 40), stake('2', 'b', 'a', 30), stake('3', 'b', 'c', 25), stake('4', 'c', 'd', 90)];
    const forward = integratedRow('a', weightedEdges(stakes, 'equity'));
    const backward = integratedRow('a', weightedEdges([...stakes].reverse(), 'equity'));
    expect([...backward.entries()].sort()).toEqual([...forward.entries()].sort());
  });

  it('the Neumann series handles a plain chain, which ends exactly', () => {
    expect(integratedRow('a', weightedEdges([stake('1', 'a', 'b', 60)], 'equity'), 0).get('b')).toBeCloseTo(0.6, 12);
  });

  it('a holder with no stakes owns nothing', () => {
    expect([...integratedRow('z', weightedEdges([stake('1', 'a', 'b', 40)], 'equity'))]).toEqual([['z', 0]]);
  });

  it('refuses a company held more than 100%, and a cycle that holds all of itself', () => {
    expect(() => integratedRow('a', weightedEdges([stake('1', 'a', 'b', 70), stake('2', 'a', 'c', 50), stake('3', 'c', 'b', 40)], 'equity'))).toThrow(
      /"b" add up to 110.00%/,
    );
    const closed = weightedEdges([stake('1', 'a', 'b', 100), stake('2', 'b', 'a', 100)], 'equity');
    expect(() => integratedRow('a', closed)).toThrow(OwnershipCycleError);
    expect(() => integratedRow('a', closed, 0)).toThrow(OwnershipCycleError);
  });

  it('a single 100% holder without a cycle is fine', () => {
    expect(integratedRow('a', weightedEdges([stake('1', 'a', 'b', 100), stake('2', 'b', 'c', 50)], 'equity')).get('c')).toBeCloseTo(0.5, 12);
  });

  it('keeps one statement per pair when sources disagree: the best-sourced, ties by id', () => {
    const { stakes, resolved } = resolveClaims([
      stake('y', 'a', 'b', 36.6, { sources: ['one'] }),
      stake('x', 'a', 'b', 36.8, { sources: ['one', 'two'] }),
      stake('q', 'c', 'b', 10),
      stake('p', 'c', 'b', 11),
    ]);
    expect(stakes.map((s) => s.id)).toEqual(['x', 'p']);
    expect(resolved).toEqual([
      { holder: 'a', company: 'b', chosen: 'x', alternatives: ['y'] },
      { holder: 'c', company: 'b', chosen: 'p', alternatives: ['q'] },
    ]);
  });

  it('on the voting basis, stakes without votes count 0 and a known voting share replaces equity', () => {
    const edges = weightedEdges(
      [stake('1', 'a', 'b', 15, { carriesVotes: false, votingPercent: 0 }), stake('2', 'a', 'c', 20, { votingPercent: 35 })],
      'voting',
    );
    expect(edges).toEqual([{ holder: 'a', company: 'c', share: 0.35, from: ['2'] }]);
  });

  it('a trust’s economic interest counts for its beneficiary on the equity basis only', () => {
    const stakes = [stake('t', 'trust', 'b', 20, { carriesVotes: false, votingPercent: 0, economicBeneficiary: 'a' }), stake('d', 'a', 'b', 15)];
    expect(integratedRow('a', weightedEdges(stakes, 'equity')).get('b')).toBeCloseTo(0.35, 12);
    expect(integratedRow('a', weightedEdges(stakes, 'voting')).get('b')).toBeCloseTo(0.15, 12);
  });
});

describe('ultimate controller by voting rights', () => {
  const votes = (list: [string, string, number][]) => list.map(([holder, company, p], i) => ({ holder, company, share: p / 100, from: [String(i)] }));

  it('controls through a controlled company: a 60% of b, a 30% and b 25% of c → a controls c', () => {
    const answer = ultimateController(
      'c',
      votes([
        ['a', 'b', 60],
        ['a', 'c', 30],
        ['b', 'c', 25],
      ]),
    );
    expect(answer.controller).toBe('a');
    expect(answer.chain[0]).toBe('a');
    expect(answer.chain.at(-1)).toBe('c');
  });

  it('names the largest stake when nobody passes 50%', () => {
    const answer = ultimateController(
      'n',
      votes([
        ['r', 'n', 43.4],
        ['x', 'n', 10],
      ]),
    );
    expect(answer.controller).toBeNull();
    expect(answer.reason).toContain("the largest direct voting stake is r's 43.4%");
  });

  it('reports circular control instead of choosing', () => {
    const answer = ultimateController(
      'c',
      votes([
        ['a', 'b', 60],
        ['b', 'a', 60],
        ['a', 'c', 51],
      ]),
    );
    expect(answer.controller).toBeNull();
    expect(answer.reason).toMatch(/circular/);
  });

  it('climbs to the top: d holds 51% of a, which holds 60% of c', () => {
    expect(
      ultimateController(
        'c',
        votes([
          ['a', 'c', 60],
          ['d', 'a', 51],
        ]),
      ).controller,
    ).toBe('d');
  });
});
