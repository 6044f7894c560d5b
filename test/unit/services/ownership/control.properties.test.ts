import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ultimateController } from '../../../../src/services/ownership/control.js';
import type { WeightedEdge } from '../../../../src/services/ownership/look-through.js';
import { runs, anyNetwork, shuffled, edgesOf } from '../../../support/arbitraries.js';

describe('properties: ultimate controller', () => {
  /** Voting edges: from a resolved random network (realistic), or raw unique pairs with any share up to 100%. */
  const rawVotes = fc
    .uniqueArray(
      fc.record({
        holder: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        company: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        share: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
      }),
      { selector: (e) => `${e.holder}>${e.company}`, maxLength: 12 },
    )
    .map((list) => list.filter((e) => e.holder !== e.company).map((e, i): WeightedEdge => ({ ...e, from: [`v${i}`] })));
  const votes = fc.oneof(
    anyNetwork.map(({ stakes }) => edgesOf(stakes, 'voting')),
    rawVotes,
  );

  it('is independent of the order of the voting edges', () => {
    const withOrder = votes.chain((v) => fc.tuple(fc.constant(v), shuffled(v)));
    fc.assert(
      fc.property(withOrder, fc.constantFrom('a', 'b', 'c', 'd', 'e', 'c0', 'c1', 'c2', 'c3'), ([v, reordered], company) => {
        const answer = ultimateController(company, v);
        expect(ultimateController(company, reordered)).toEqual(answer);
        if (answer.controller !== null) {
          expect(answer.chain[0]).toBe(answer.controller);
          expect(answer.chain.at(-1)).toBe(company);
        } else expect(answer.chain).toEqual([]);
      }),
      runs(500),
    );
  });
});
