import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directRow, integratedRow, resolveClaims, weightedEdges, type Basis } from '../../../../src/services/ownership/look-through.js';
import { RUNS, networkArbitrary, anyNetwork, shuffled, edgesOf, sortedEntries, permute, reachesCycle, expectRowsClose } from '../../../support/arbitraries.js';

describe('properties: look-through ownership T = (I − A)⁻¹A', () => {
  it('the generator keeps every company held by others at most 95%, whichever statement is chosen', () => {
    fc.assert(
      fc.property(anyNetwork, fc.constantFrom<Basis>('equity', 'voting'), ({ stakes }, basis) => {
        const sums = new Map<string, number>();
        for (const e of edgesOf(stakes, basis)) sums.set(e.company, (sums.get(e.company) ?? 0) + e.share);
        for (const [company, sum] of sums) {
          const isTrust = stakes.some((s) => s.holder === company && s.economicBeneficiary !== null);
          // A trust is held exactly 100% by its beneficiary's synthetic link, and by nobody else.
          expect(sum).toBeLessThanOrEqual(isTrust ? 1 : 0.95 + 1e-12);
        }
      }),
      RUNS,
    );
  });

  it('every value is finite and >= 0, at least the direct share, and at most 1 + the holder’s self-ownership', () => {
    fc.assert(
      fc.property(anyNetwork, fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          const row = integratedRow(holder, edges);
          const direct = directRow(holder, edges);
          const self = row.get(holder) ?? 0;
          expect(row.has(holder)).toBe(true);
          for (const [company, value] of row) {
            expect(Number.isFinite(value), `${holder}→${company} = ${value}`).toBe(true);
            expect(value, `${holder}→${company}`).toBeGreaterThanOrEqual(0);
            expect(value, `${holder}→${company}`).toBeLessThanOrEqual(1 + self + 1e-9);
          }
          for (const [company, share] of direct) {
            // T = A + A·T with A, T >= 0, so T >= A (up to rounding of the solve).
            expect(row.get(company)!, `${holder}→${company}`).toBeGreaterThanOrEqual(share - 1e-12);
          }
        }
      }),
      RUNS,
    );
  });

  it('without cycles, no integrated share exceeds 1 and nobody owns part of itself', () => {
    fc.assert(
      fc.property(networkArbitrary(true), fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          const row = integratedRow(holder, edges);
          expect(row.get(holder)).toBe(0);
          for (const [company, value] of row) expect(value, `${holder}→${company}`).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the stake statements (exactly), nor of the weighted edges (to rounding)', () => {
    const withOrders = anyNetwork.chain((network) => fc.tuple(fc.constant(network), shuffled(network.stakes), fc.constantFrom<Basis>('equity', 'voting')));
    fc.assert(
      fc.property(withOrders, fc.nat(), ([{ companies, stakes }, reordered, basis], pick) => {
        const a = resolveClaims(stakes);
        const b = resolveClaims(reordered);
        expect(b).toEqual(a);
        const edges = weightedEdges(a.stakes, basis);
        const edgesReordered = weightedEdges(b.stakes, basis);
        expect(edgesReordered).toEqual(edges);
        const holder = companies[pick % companies.length]!;
        expect(sortedEntries(integratedRow(holder, edgesReordered))).toEqual(sortedEntries(integratedRow(holder, edges)));
        // The solver itself, given the weighted edges in another order (sums may then round differently).
        const permuted = permute(edges, pick);
        expectRowsClose(integratedRow(holder, permuted), integratedRow(holder, edges), 1e-12);
        if (reachesCycle(holder, edges)) expectRowsClose(integratedRow(holder, permuted, 0), integratedRow(holder, edges, 0), 1e-12);
      }),
      RUNS,
    );
  });

  it('the dense solve and the Neumann series (denseLimit 0) agree to 1e-9 where a cycle is reachable from the holder', () => {
    fc.assert(
      fc.property(networkArbitrary(false), fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          if (reachesCycle(holder, edges)) expectRowsClose(integratedRow(holder, edges, 0), integratedRow(holder, edges), 1e-9);
        }
      }),
      RUNS,
    );
  });

  // This property found a bug: the series stopped with `converged` false when it ended exactly (no cycle reachable).
  it('the dense solve and the Neumann series agree on every network, acyclic ones included', () => {
    fc.assert(
      fc.property(anyNetwork, fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) expectRowsClose(integratedRow(holder, edges, 0), integratedRow(holder, edges), 1e-9);
      }),
      RUNS,
    );
  });

  it('T = A + A·T holds for the solved row (the definition, checked directly)', () => {
    fc.assert(
      fc.property(anyNetwork, ({ companies, stakes }) => {
        const edges = edgesOf(stakes, 'equity');
        for (const holder of companies) {
          const row = integratedRow(holder, edges);
          const direct = directRow(holder, edges);
          for (const [company, value] of row) {
            const through = edges.filter((e) => e.company === company).reduce((s, e) => s + (row.get(e.holder) ?? 0) * e.share, 0);
            expect(Math.abs(value - ((direct.get(company) ?? 0) + through))).toBeLessThanOrEqual(1e-9);
          }
        }
      }),
      RUNS,
    );
  });
});
