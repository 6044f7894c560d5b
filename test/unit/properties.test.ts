/**
 * Property tests (fast-check): look-through ownership and control over random stake networks, and the
 * parsing of query parameters (dates, limit, cursor, search text). No database.
 *
 * Every property runs a few hundred cases (FC_RUNS_SCALE=<n> multiplies them); a failing run prints the
 * seed and the shrunk counterexample, reproducible with `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../src/lib/problem.js';
import { decodeCursor, encodeCursor } from '../../src/lib/paging.js';
import { toLuceneQuery } from '../../src/lib/search-query.js';
import { ultimateController } from '../../src/services/ownership/control.js';
import { directRow, integratedRow, resolveClaims, weightedEdges, type Basis, type StakeEdge, type WeightedEdge } from '../../src/services/ownership/look-through.js';
import { AsOfQuerySchema, IsoDate, ListQuerySchema } from '../../src/schemas/common.js';

/** FC_RUNS_SCALE=20 runs every property twenty times as often (a deeper local run); the default keeps the file near 2 s. */
const SCALE = Number(process.env.FC_RUNS_SCALE ?? 1) || 1;
const runs = (numRuns: number) => ({ numRuns: Math.round(numRuns * SCALE) });
const RUNS = runs(300);

// ---------------------------------------------------------------------------------------------------
// Random stake networks
// ---------------------------------------------------------------------------------------------------

interface Network {
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
function networkArbitrary(acyclic: boolean): fc.Arbitrary<Network> {
  return fc
    .integer({ min: 2, max: 8 })
    .chain((n) => {
      const companies = Array.from({ length: n }, (_, i) => `c${i}`);
      // Per company: a budget (sum of shares held by others), raw weights per potential holder, and whether it is a trust.
      const column = fc.record({
        // fc.double concentrates on tiny and extreme values; integers spread the shares over the whole range.
        budget: fc.integer({ min: 0, max: 950 }).map((x) => x / 1000),
        weights: fc.array(fc.option(fc.integer({ min: 1, max: 100 }).map((x) => x / 100), { nil: null, freq: 3 }), { minLength: n, maxLength: n }),
        // Raising the weights to a power concentrates a company's shares on one holder (so some control it).
        concentration: fc.integer({ min: 1, max: 6 }),
        trust: fc.boolean(),
        beneficiary: fc.nat({ max: n - 1 }),
      });
      const statement = fc.record({
        alternatives: fc.array(fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000), { maxLength: 2 }),
        sources: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
        carriesVotes: fc.boolean(),
        voting: fc.option(fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000), { nil: null }),
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

const anyNetwork = fc.oneof(networkArbitrary(false), networkArbitrary(true));

/** A permutation of the array (fast-check has no dedicated permutation arbitrary). */
const shuffled = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

const edgesOf = (stakes: readonly StakeEdge[], basis: Basis) => weightedEdges(resolveClaims(stakes).stakes, basis);
const sortedEntries = (row: Map<string, number>) => [...row.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A deterministic pseudo-random permutation (Fisher–Yates over a small LCG). */
function permute<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = (seed >>> 0) || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Whether a cycle of non-zero edges can be reached from the holder (then the Neumann series never ends exactly). */
function reachesCycle(holder: string, edges: readonly WeightedEdge[]): boolean {
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

function expectRowsClose(a: Map<string, number>, b: Map<string, number>, tolerance: number) {
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [k, v] of a) expect(Math.abs(v - b.get(k)!), `${k}: ${v} vs ${b.get(k)}`).toBeLessThanOrEqual(tolerance);
}

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
    const withOrders = anyNetwork.chain((network) =>
      fc.tuple(fc.constant(network), shuffled(network.stakes), fc.constantFrom<Basis>('equity', 'voting')),
    );
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

describe('properties: ultimate controller', () => {
  /** Voting edges: from a resolved random network (realistic), or raw unique pairs with any share up to 100%. */
  const rawVotes = fc
    .uniqueArray(
      fc.record({ holder: fc.constantFrom('a', 'b', 'c', 'd', 'e'), company: fc.constantFrom('a', 'b', 'c', 'd', 'e'), share: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000) }),
      { selector: (e) => `${e.holder}>${e.company}`, maxLength: 12 },
    )
    .map((list) => list.filter((e) => e.holder !== e.company).map((e, i): WeightedEdge => ({ ...e, from: [`v${i}`] })));
  const votes = fc.oneof(anyNetwork.map(({ stakes }) => edgesOf(stakes, 'voting')), rawVotes);

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

// ---------------------------------------------------------------------------------------------------
// Query parameters
// ---------------------------------------------------------------------------------------------------

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** The oracle: exactly YYYY-MM-DD (ASCII digits) naming a day of the proleptic Gregorian calendar, years 0000–9999. */
function isRealDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const yearArb = fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999));

/** Any real calendar date, as YYYY-MM-DD. */
const realDate = fc
  .tuple(yearArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(d, daysIn(y, m)), 2)}`);

/** Near misses: right shape with impossible parts (2023-02-29, 2024-04-31, month 00/13, day 00/32), or a real date slightly malformed. */
const nearMissDate = fc.oneof(
  fc.tuple(yearArb, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.tuple(yearArb.filter((y) => !isLeap(y)), fc.constant(2), fc.constant(29)).map(([y]) => `${pad(y, 4)}-02-29`),
  fc.tuple(realDate, fc.integer({ min: 0, max: 12 })).map(([date, how]) => {
    const [y, m, d] = date.split('-') as [string, string, string];
    switch (how) {
      case 0: return `${y}/${m}/${d}`;
      case 1: return `${y}-${Number(m)}-${Number(d)}`;
      case 2: return ` ${date}`;
      case 3: return `${date}\n`;
      case 4: return `${date}T00:00:00Z`;
      case 5: return `+0${date}`;
      case 6: return `${y}${m}${d}`;
      case 7: return date.replace(/[0-9]/g, (c) => String.fromCharCode(0xff10 + Number(c))); // full-width digits
      case 8: return date.replace(/[0-9]/g, (c) => String.fromCharCode(0x0660 + Number(c))); // Arabic-Indic digits
      case 9: return `${date.slice(0, -1)}`;
      case 10: return `${date}0`;
      case 11: return `-${date}`;
      default: return `${d}-${m}-${y}`;
    }
  }),
);

describe('properties: dates (IsoDate, asOf)', () => {
  it('every real calendar date is accepted and comes back unchanged, alone and as asOf of a list', () => {
    fc.assert(
      fc.property(realDate, (date) => {
        expect(isRealDate(date)).toBe(true);
        expect(IsoDate.parse(date)).toBe(date);
        expect(AsOfQuerySchema.parse({ asOf: date }).asOf).toBe(date);
        expect(ListQuerySchema.parse({ asOf: date }).asOf).toBe(date);
      }),
      runs(500),
    );
  });

  it('a string is accepted exactly when it is a real date: arbitrary strings and near misses', () => {
    const candidates = fc.oneof(
      { arbitrary: nearMissDate, weight: 3 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 14 }), weight: 1 },
      { arbitrary: fc.stringMatching(/^[0-9-]{8,12}$/), weight: 2 },
    );
    fc.assert(
      fc.property(candidates, (s) => {
        const expected = isRealDate(s);
        expect(IsoDate.safeParse(s).success, JSON.stringify(s)).toBe(expected);
        expect(AsOfQuerySchema.safeParse({ asOf: s }).success, JSON.stringify(s)).toBe(expected);
      }),
      runs(500),
    );
  });

  it('refuses the classic near misses', () => {
    for (const s of ['2023-02-29', '1900-02-29', '2100-02-29', '2024-04-31', '2024-00-10', '2024-13-01', '2024-01-00', '2024-01-32', '2024-1-1', '24-01-01', '2024-01-01 ', '20240101', '2024-01-01T00:00:00Z']) {
      expect(IsoDate.safeParse(s).success, s).toBe(false);
    }
    for (const s of ['2024-02-29', '2000-02-29', '0000-02-29', '1999-12-31']) expect(IsoDate.safeParse(s).success, s).toBe(true);
  });
});

describe('properties: limit', () => {
  it('accepts exactly the integers 1..500 (as the query string gives them: decimal text)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer()), (n) => {
        const parsed = ListQuerySchema.safeParse({ limit: String(n) });
        expect(parsed.success, String(n)).toBe(n >= 1 && n <= 500);
        if (parsed.success) expect(parsed.data.limit).toBe(n);
      }),
      runs(500),
    );
  });

  it('refuses fractions, and whatever it accepts from arbitrary text is an integer in 1..500', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.double({ min: -1000, max: 1000, noNaN: true }).map(String),
      fc.stringMatching(/^[ +\-0-9.eEx]{1,6}$/),
    );
    fc.assert(
      fc.property(text, (s) => {
        const parsed = ListQuerySchema.safeParse({ limit: s });
        // z.coerce.number() reads the text with Number(): the contract is "the value used is an integer 1..500".
        const n = Number(s);
        expect(parsed.success, JSON.stringify(s)).toBe(Number.isInteger(n) && n >= 1 && n <= 500);
        if (parsed.success) {
          expect(Number.isInteger(parsed.data.limit)).toBe(true);
          expect(parsed.data.limit).toBeGreaterThanOrEqual(1);
          expect(parsed.data.limit).toBeLessThanOrEqual(500);
        }
      }),
      runs(500),
    );
    expect(ListQuerySchema.safeParse({ limit: '1.5' }).success).toBe(false);
    expect(ListQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
    expect(ListQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(ListQuerySchema.safeParse({}).data?.limit).toBe(50);
  });
});

describe('properties: cursors', () => {
  it('decodeCursor(encodeCursor(n)) === n for every safe non-negative integer, and the cursor passes the schema', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), (n) => {
        const cursor = encodeCursor(n);
        expect(decodeCursor(cursor)).toBe(n);
        expect(ListQuerySchema.safeParse({ cursor }).success).toBe(true);
      }),
      runs(500),
    );
  });

  it('any other string decodes to a non-negative safe integer or is refused with a 400 problem, never anything else', () => {
    const candidates = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.base64String({ maxLength: 40 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
      // Well-formed base64url of arbitrary JSON, and of {"o": anything}: reaches past JSON.parse.
      fc.json().map((j) => Buffer.from(j).toString('base64url')),
      fc.jsonValue().map((o) => Buffer.from(JSON.stringify({ o })).toString('base64url')),
      fc.double().map((o) => Buffer.from(`{"o":${Number.isFinite(o) ? o : 1e400}}`).toString('base64url')),
    );
    fc.assert(
      fc.property(candidates, (s) => {
        let value: number | undefined;
        try {
          value = decodeCursor(s);
        } catch (error) {
          expect(error).toBeInstanceOf(HttpProblem);
          expect((error as HttpProblem).status).toBe(400);
          return;
        }
        expect(Number.isSafeInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
      }),
      runs(500),
    );
    expect(decodeCursor(undefined)).toBe(0);
  });
});

describe('properties: search text to Lucene', () => {
  const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/u;
  const WORD = /^[\p{L}\p{N}]+$/u;

  /** Splits on the single spaces between top-level tokens; "(w OR w*)" holds two spaces of its own. */
  function tokens(query: string): string[] {
    const out: string[] = [];
    let rest = query;
    while (rest.length > 0) {
      const grouped = /^\(([^ ()*]+) OR ([^ ()*]+)\*\)/u.exec(rest);
      let token: string;
      if (grouped) {
        if (grouped[1] !== grouped[2]) throw new Error(`grouped term with two words: ${JSON.stringify(grouped[0])}`);
        if (grouped[1]!.length < 3) throw new Error(`prefix query on a short word: ${grouped[0]}`);
        token = grouped[0];
        out.push(grouped[1]!);
      } else {
        const bare = /^[^ ]+/u.exec(rest);
        if (!bare) throw new Error(`empty token in ${JSON.stringify(query)}`);
        token = bare[0];
        if (token.length >= 3) throw new Error(`bare word of 3+ characters: ${JSON.stringify(token)}`);
        out.push(token);
      }
      rest = rest.slice(token.length);
      if (rest.length > 0) {
        if (!rest.startsWith(' ') || rest.startsWith('  ')) throw new Error(`terms not separated by one space: ${JSON.stringify(query)}`);
        rest = rest.slice(1);
        if (rest.length === 0) throw new Error(`trailing space: ${JSON.stringify(query)}`);
      }
    }
    return out;
  }

  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: fc.constantFrom(...'+-&|!(){}[]^"~*?:\\/ ORANDNOTornot\u00a0\u3000ﬁ①²Ｒｅｎａｕｌｔ İ'.split('')), maxLength: 40 }),
    fc.array(fc.constantFrom('renault', 'OR', 'AND', 'NOT', '&&', '||', 'a*', 'b?', '"x"', 'y~2', 'z^3', 'f:v', '(', ')', 'TO', '[1 TO 2]', '\\', '/re/'), { maxLength: 12 }).map((w) => w.join(' ')),
  );

  it('returns null or only (w OR w*) groups and bare short words, one space apart, with no Lucene syntax inside a word', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), (input, maxTerms) => {
        const query = toLuceneQuery(input, maxTerms);
        const words = (input.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxTerms);
        if (query === null) {
          expect(words).toEqual([]);
          return;
        }
        const terms = tokens(query);
        expect(terms).toEqual(words);
        expect(terms.length).toBeLessThanOrEqual(maxTerms);
        for (const term of terms) {
          expect(term, JSON.stringify(query)).toMatch(WORD);
          expect(LUCENE_SPECIAL.test(term), JSON.stringify(term)).toBe(false);
          // Operators are upper case in Lucene's syntax; every word is lower-cased so none can be one.
          expect(['AND', 'OR', 'NOT', 'TO']).not.toContain(term);
        }
      }),
      runs(500),
    );
  });
});
