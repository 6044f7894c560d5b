/**
 * Random stake networks and helpers for the property tests (fast-check). FC_RUNS_SCALE=<n> multiplies
 * every property's runs; a failing run prints the seed and the shrunk counterexample, reproducible with
 * `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { resolveClaims, weightedEdges, type Basis, type StakeEdge, type WeightedEdge } from '../../src/services/ownership/look-through.js';

/** FC_RUNS_SCALE=20 runs every property twenty times as often (a deeper local run); the default keeps the file near 2 s. */
export const SCALE = Number(process.env.FC_RUNS_SCALE ?? 1) || 1;
export const runs = (numRuns: number) => ({ numRuns: Math.round(numRuns * SCALE) });
export const RUNS = runs(300);

// ---------------------------------------------------------------------------------------------------
// Random stake networks
// ---------------------------------------------------------------------------------------------------

export interface Network {
  companies: string[];
  stakes: StakeEdge[];
  /** Built with holder index < company index only (trust links included): no ownership cycle at all. */
  acyclic: boolean;
}

/**
 * A network of 2–8 companies in which the shares of every company held by others sum to at most 95%
 * (whichever of the disagreeing statements is chosen), with disagreeing statements on some pairs, stakes
 * without votes, explicit voting percentages, zero stakes, and trusts whose economic interest goes to a
 * beneficiary (a trust is held by no one, since the beneficiary's synthetic link already holds all of it).
 */
export function networkArbitrary(acyclic: boolean): fc.Arbitrary<Network> {
  return fc
    .integer({ min: 2, max: 8 })
    .chain((n) => {
      const companies = Array.from({ length: n }, (_, i) => `c${i}`);
      // Per company: a budget (sum of shares held by others), raw weights per potential holder, and whether it is a trust.
      const column = fc.record({
        // fc.double concentrates on tiny and extreme values; integers spread the shares over the whole range.
        budget: fc.integer({ min: 0, max: 950 }).map((x) => x / 1000),
        weights: fc.array(
          fc.option(
            fc.integer({ min: 1, max: 100 }).map((x) => x / 100),
            { nil: null, freq: 3 },
          ),
          { minLength: n, maxLength: n },
        ),
        // Raising the weights to a power concentrates a company's shares on one holder (so some control it).
        concentration: fc.integer({ min: 1, max: 6 }),
        trust: fc.boolean(),
        beneficiary: fc.nat({ max: n - 1 }),
      });
      const statement = fc.record({
        alternatives: fc.array(
          fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
          { maxLength: 2 },
        ),
        sources: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
        carriesVotes: fc.boolean(),
        voting: fc.option(
          fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
          { nil: null },
        ),
      });
      return fc.tuple(
        fc.constant(companies),
        fc.array(column, { minLength: n, maxLength: n }),
        fc.array(fc.array(statement, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
      );
    })
    .map(([companies, columns, statements, zeroDice]) => {
      const n = companies.length;
      // Trust k needs a beneficiary b != k, and in an acyclic network b < k (the link runs b -> k).
      // A beneficiary is no trust itself (two trusts each other's beneficiary would hold 100% of each other).
      const beneficiaryOf = new Map<number, number>();
      columns.forEach((c, k) => {
        if (!c.trust) return;
        const candidates = companies.map((_, i) => i).filter((i) => i !== k && !columns[i]!.trust && (!acyclic || i < k));
        if (candidates.length === 0) return;
        beneficiaryOf.set(k, candidates[c.beneficiary % candidates.length]!);
      });
      const stakes: StakeEdge[] = [];
      let nextId = 0;
      for (let j = 0; j < n; j += 1) {
        if (beneficiaryOf.has(j)) continue; // nobody holds a trust directly
        const { budget, weights, concentration } = columns[j]!;
        const holders = weights
          .map((w, i) => ({ w: w === null ? null : w ** concentration, i }))
          .filter(({ w, i }) => w !== null && i !== j && (!acyclic || i < j)) as { w: number; i: number }[];
        const sum = holders.reduce((s, h) => s + h.w, 0);
        for (const { w, i } of holders) {
          const share = sum === 0 ? 0 : (w / sum) * budget;
          const st = statements[i]![j]!;
          const percent = zeroDice[(i + j) % n] === 0 ? 0 : share * 100;
          const values = [percent, ...st.alternatives.map((u) => percent * u)];
          values.forEach((value, k) => {
            nextId += 1;
            const beneficiary = beneficiaryOf.get(i);
            stakes.push({
              id: `s${String(nextId).padStart(3, '0')}`,
              holder: companies[i]!,
              company: companies[j]!,
              equityPercent: value,
              votingPercent: st.voting === null ? null : value * st.voting,
              carriesVotes: beneficiary === undefined ? st.carriesVotes : false,
              economicBeneficiary: beneficiary === undefined ? null : companies[beneficiary]!,
              sources: Array.from({ length: st.sources[k % 3]! }, (_, m) => `src-${m}`),
            });
          });
        }
      }
      return { companies, stakes, acyclic };
    });
}

export const anyNetwork = fc.oneof(networkArbitrary(false), networkArbitrary(true));

/** A permutation of the array (fast-check has no dedicated permutation arbitrary). */
export const shuffled = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

export const edgesOf = (stakes: readonly StakeEdge[], basis: Basis) => weightedEdges(resolveClaims(stakes).stakes, basis);
export const sortedEntries = (row: Map<string, number>) => [...row.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A deterministic pseudo-random permutation (Fisher–Yates over a small LCG). */
export function permute<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Whether a cycle of non-zero edges can be reached from the holder (then the Neumann series never ends exactly). */
export function reachesCycle(holder: string, edges: readonly WeightedEdge[]): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.share > 0) next.set(e.holder, [...(next.get(e.holder) ?? []), e.company]);
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string): boolean => {
    if (state.get(node) === 'open') return true;
    if (state.get(node) === 'done') return false;
    state.set(node, 'open');
    for (const m of next.get(node) ?? []) if (visit(m)) return true;
    state.set(node, 'done');
    return false;
  };
  return visit(holder);
}

export function expectRowsClose(a: Map<string, number>, b: Map<string, number>, tolerance: number) {
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [k, v] of a) expect(Math.abs(v - b.get(k)!), `${k}: ${v} vs ${b.get(k)}`).toBeLessThanOrEqual(tolerance);
}
