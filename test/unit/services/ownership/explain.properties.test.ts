import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainIntegrated } from '../../../../src/services/ownership/explain.js';
import { integratedRow, type Basis, type WeightedEdge } from '../../../../src/services/ownership/look-through.js';
import { anyNetwork, edgesOf, networkArbitrary, runs } from '../../../support/arbitraries.js';

const RUNS = runs(150);
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const w = (holder: string, company: string, share: number, id: string): WeightedEdge => ({ holder, company, share, from: [id] });

describe('explaining an integrated share: chains and cycle tails', () => {
  it('a single cycle: the chain plus its geometric tail is the whole value, no remainder', () => {
    // a → b 40%, b → a 20%: T[a][b] = 0.4 / (1 − 0.08); the tail is 0.4 · 0.08 / 0.92.
    const { integrated, parts } = explainIntegrated('a', 'b', [w('a', 'b', 0.4, 'ab'), w('b', 'a', 0.2, 'ba')]);
    expect(integrated).toBeCloseTo(0.4 / 0.92, 14);
    expect(parts).toEqual([
      { kind: 'chain', companies: ['a', 'b'], stakes: ['ab'], share: 0.4, product: 0.4 },
      { kind: 'cycle', companies: ['a', 'b', 'a'], stakes: ['ab', 'ba'], share: expect.closeTo((0.4 * 0.08) / 0.92, 15), product: expect.closeTo(0.08, 15) },
    ]);
  });

  it('two chains through a diamond, largest first, each with its stakes', () => {
    const { parts } = explainIntegrated('h', 'c', [
      w('h', 'x', 0.5, 'hx'),
      w('x', 'c', 0.5, 'xc'),
      w('h', 'y', 0.9, 'hy'),
      w('y', 'c', 0.3, 'yc'),
      w('h', 'c', 0.1, 'hc'),
    ]);
    expect(parts.map((p) => [p.kind, p.companies.join('>'), p.stakes, p.share])).toEqual([
      ['chain', 'h>y>c', ['hy', 'yc'], expect.closeTo(0.27, 15)],
      ['chain', 'h>x>c', ['hx', 'xc'], 0.25],
      ['chain', 'h>c', ['hc'], 0.1],
    ]);
  });

  it('the parts add up to the integrated value within 1e-9 on random networks, for every pair of companies', () => {
    fc.assert(
      fc.property(anyNetwork, fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          const row = integratedRow(holder, edges);
          for (const company of companies) {
            if (company === holder) continue;
            const { integrated, parts } = explainIntegrated(holder, company, edges);
            expect(integrated).toBe(row.get(company) ?? 0);
            expect(Math.abs(sum(parts.map((p) => p.share)) - integrated), `${holder}→${company}`).toBeLessThanOrEqual(1e-9);
            // Largest first; every chain runs from the holder to the company.
            for (let i = 1; i < parts.length; i += 1) expect(parts[i - 1]!.share).toBeGreaterThanOrEqual(parts[i]!.share);
            for (const p of parts.filter((q) => q.kind === 'chain')) expect([p.companies[0], p.companies.at(-1)]).toEqual([holder, company]);
          }
        }
      }),
      RUNS,
    );
  });

  it('the walk sets are disjoint: the remainder (walks round two or more cycles) is never negative', () => {
    fc.assert(
      fc.property(networkArbitrary(false), fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          for (const company of companies) {
            if (company === holder) continue;
            const remainder = explainIntegrated(holder, company, edges).parts.find((p) => p.kind === 'remainder');
            if (remainder) expect(remainder.share).toBeGreaterThanOrEqual(-1e-9);
          }
        }
      }),
      RUNS,
    );
  });

  it('without cycles the chains alone add up to the value: no cycle part, no remainder', () => {
    fc.assert(
      fc.property(networkArbitrary(true), fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          for (const company of companies) {
            if (company === holder) continue;
            const { integrated, parts } = explainIntegrated(holder, company, edges);
            expect(parts.every((p) => p.kind === 'chain')).toBe(true);
            expect(Math.abs(sum(parts.map((p) => p.share)) - integrated)).toBeLessThanOrEqual(1e-12);
          }
        }
      }),
      RUNS,
    );
  });

  it('when no chain touches two cycles and the cycles share no company, the tails are exact: no remainder', () => {
    fc.assert(
      fc.property(networkArbitrary(false), fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          for (const company of companies) {
            if (company === holder) continue;
            const explained = explainIntegrated(holder, company, edges);
            const { parts } = explained;
            const cycles = explained.cycles.map((c) => new Set(c));
            const disjoint = cycles.every((a, i) => cycles.every((b, j) => i === j || [...a].every((n) => !b.has(n))));
            const chainsTouchOne = parts.filter((p) => p.kind === 'chain').every((p) => cycles.filter((c) => p.companies.some((n) => c.has(n))).length <= 1);
            if (disjoint && chainsTouchOne) expect(parts.some((p) => p.kind === 'remainder')).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('explaining a dense network', () => {
  it('stops enumerating at its limits and says so with a remainder: the parts still add up', () => {
    // Every company holds 4% of every other: simple paths and cycles are exponentially many.
    const ids = Array.from({ length: 14 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const edges = ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => w(a, b, 0.04, `${a}-${b}`)));
    const { integrated, parts } = explainIntegrated('k00', 'k13', edges);
    expect(parts.some((p) => p.kind === 'remainder')).toBe(true);
    expect(Math.abs(sum(parts.map((p) => p.share)) - integrated)).toBeLessThanOrEqual(1e-9);
  });
});
