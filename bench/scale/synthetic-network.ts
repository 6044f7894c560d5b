/**
 * Synthetic ownership networks for `npm run bench:scale`, in the project's own dataset format
 * (src/schemas/dataset.ts): one Source, Company nodes (country, kind) and HOLDS_STAKE relationships.
 *
 * Clearly made-up data: every name says "Synthetic", every fact cites the source `synthetic-scale-bench`.
 *
 * Shape (after the bow-tie structure of real ownership networks: many small corporate groups, a few very
 * large portfolios, a thin layer of cross-holdings):
 *   - corporate groups with Pareto-distributed sizes (α 1.5, capped at 2,000): a parent and subsidiaries
 *     in a tree whose fan-out is heavy-tailed (early members get most subsidiaries), majority or large
 *     minority stakes, sometimes a second holder inside the group (diamonds);
 *   - cycles: subsidiaries holding a little of their group's parent, parents holding each other (2-cycles,
 *     like Renault and Nissan) and 3-cycles of parents, investors holding investors;
 *   - investors (2% of companies) whose number of holdings is Pareto-distributed (α 1.15, capped at 5,000)
 *     and whose stakes are small and heavy-tailed; state entities holding stakes in group parents; trusts
 *     holding stakes for an economic beneficiary, without votes (no one holds a trust);
 *   - a few minority stakes across groups, 3% of statements closed in the past (sold stakes).
 *
 * Every company's shares held by others add up to at most 99% (counting closed statements too), because
 * look-through ownership refuses a company held more than 100%. Stakes are integer thousandths of a
 * percent, so the sums are exact. A seeded PRNG (mulberry32) makes every run produce the same bytes.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SYNTHETIC_SOURCE_ID = 'synthetic-scale-bench';

/** mulberry32: a small, fast, seeded 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pareto(xm, α) by inversion: P(X > x) = (xm / x)^α for x ≥ xm. */
export function pareto(random: () => number, xm: number, alpha: number): number {
  return xm / (1 - random()) ** (1 / alpha);
}

export type CompanyKind = 'automaker' | 'trust' | 'holding' | 'state-entity' | 'investor';

export interface SyntheticCompany {
  label: 'Company';
  id: string;
  name: string;
  country: string;
  kind: CompanyKind;
  sources: string[];
}

export interface SyntheticStake {
  type: 'HOLDS_STAKE';
  id: string;
  from: string;
  to: string;
  equityPercent: number;
  votingPercent: number | null;
  carriesVotes: boolean;
  economicBeneficiary?: string;
  validFrom: string | null;
  validTo: string | null;
  sources: string[];
}

export interface SyntheticSource {
  id: string;
  kind: 'report';
  title: string;
  publisher: string;
  publishedOn: null;
  note: string;
}

export interface NetworkStats {
  companies: number;
  stakes: number;
  openStakes: number;
  closedStakes: number;
  groups: number;
  largestGroup: number;
  investors: number;
  largestPortfolio: number;
  stateEntities: number;
  trusts: number;
  /** Pairs that hold each other (2-cycles) among open stakes. */
  mutualPairs: number;
  /** Companies with at least one open stake they hold. */
  holders: number;
  /** Highest total of shares held by others in one company, in percent. */
  maxHeldPercent: number;
}

export interface SyntheticNetwork {
  seed: number;
  source: SyntheticSource;
  companies: SyntheticCompany[];
  stakes: SyntheticStake[];
  stats: NetworkStats;
}

export interface NetworkOptions {
  companies: number;
  seed: number;
}

const COUNTRIES = ['US', 'CN', 'JP', 'DE', 'FR', 'GB', 'KR', 'IN', 'IT', 'ES', 'NL', 'CH', 'SE', 'BR', 'CA', 'MX', 'LU', 'IE', 'SG', 'AU'];
/** Total shares of a company others may hold, in thousandths of a percent (99%). */
const MAX_HELD = 99_000;
const MAX_GROUP = 2_000;
const MAX_PORTFOLIO = 5_000;
const DAY_MS = 86_400_000;
const EPOCH_1990 = Date.UTC(1990, 0, 1);
const DAYS_1990_2024 = Math.round((Date.UTC(2024, 11, 31) - EPOCH_1990) / DAY_MS);

export function generateNetwork({ companies: n, seed }: NetworkOptions): SyntheticNetwork {
  if (!Number.isInteger(n) || n < 20) throw new Error('a synthetic network needs at least 20 companies');
  const random = mulberry32(seed);
  const below = (k: number) => Math.floor(random() * k);
  const uniform = (lo: number, hi: number) => lo + random() * (hi - lo);
  const dateFrom = (offsetDays: number) => new Date(EPOCH_1990 + offsetDays * DAY_MS).toISOString().slice(0, 10);

  const companies: SyntheticCompany[] = [];
  const kinds: CompanyKind[] = [];
  const addCompany = (kind: CompanyKind) => {
    const i = companies.length;
    kinds.push(kind);
    companies.push({
      label: 'Company',
      id: `c-${i}`,
      name: `Synthetic ${kind === 'state-entity' ? 'State Entity' : kind.charAt(0).toUpperCase() + kind.slice(1)} ${i}`,
      country: COUNTRIES[Math.min(COUNTRIES.length - 1, Math.floor(pareto(random, 1, 1.2)) - 1)]!,
      kind,
      sources: [SYNTHETIC_SOURCE_ID],
    });
    return i;
  };

  const investorCount = Math.max(1, Math.round(n * 0.02));
  const stateCount = Math.max(1, Math.round(n * 0.002));
  const trustCount = Math.max(1, Math.round(n * 0.001));
  const investors = Array.from({ length: investorCount }, () => addCompany('investor'));
  const states = Array.from({ length: stateCount }, () => addCompany('state-entity'));
  const trusts = Array.from({ length: trustCount }, () => addCompany('trust'));

  // Corporate groups over the remaining companies; member indices are consecutive.
  const groups: { start: number; size: number }[] = [];
  while (companies.length < n) {
    const size = Math.min(MAX_GROUP, n - companies.length, Math.floor(pareto(random, 1, 1.5)));
    const start = companies.length;
    for (let k = 0; k < size; k += 1) addCompany(k === 0 && size >= 3 ? 'holding' : 'automaker');
    groups.push({ start, size });
  }
  const parents = groups.map((g) => g.start);
  const firstGroupCompany = investorCount + stateCount + trustCount;
  const groupOf = new Int32Array(n).fill(-1);
  groups.forEach((g, gi) => groupOf.fill(gi, g.start, g.start + g.size));

  const held = new Int32Array(n); // thousandths of a percent held by others, closed statements included
  const pairs = new Set<number>();
  const stakes: SyntheticStake[] = [];

  /** Adds a stake of up to `wanted` thousandths of a percent, less if the company has no room; false if none. */
  const addStake = (holder: number, company: number, wanted: number, extra: { trustFor?: number } = {}): boolean => {
    if (holder === company || kinds[company] === 'trust') return false;
    const key = holder * n + company;
    if (pairs.has(key)) return false;
    const amount = Math.min(Math.round(wanted), MAX_HELD - held[company]!);
    if (amount < 100) return false; // under 0.1%: leave it
    pairs.add(key);
    held[company]! += amount;
    const equityPercent = amount / 1000;
    const closed = random() < 0.03;
    let validFrom: string | null;
    let validTo: string | null = null;
    if (closed) {
      const from = below(8000);
      validFrom = dateFrom(from);
      validTo = dateFrom(from + 365 + below(DAYS_1990_2024 - from - 365));
    } else validFrom = random() < 0.1 ? null : dateFrom(below(DAYS_1990_2024));
    let votingPercent: number | null;
    let carriesVotes = true;
    if (extra.trustFor !== undefined) {
      carriesVotes = false;
      votingPercent = null;
    } else {
      const v = random();
      // Votes never exceed equity, so votes held in a company add up to under 100% too.
      votingPercent = v < 0.6 ? equityPercent : v < 0.9 ? null : Math.floor(amount * uniform(0.3, 1)) / 1000;
      if (v >= 0.98) carriesVotes = false;
    }
    const stake: SyntheticStake = {
      type: 'HOLDS_STAKE',
      id: `s-${stakes.length}`,
      from: companies[holder]!.id,
      to: companies[company]!.id,
      equityPercent,
      votingPercent,
      carriesVotes,
      validFrom,
      validTo,
      sources: [SYNTHETIC_SOURCE_ID],
    };
    if (extra.trustFor !== undefined) stake.economicBeneficiary = companies[extra.trustFor]!.id;
    stakes.push(stake);
    return true;
  };
  /** Heavy-tailed small stakes: Pareto from `min` percent, capped at `max` percent; in thousandths. */
  const smallStake = (min: number, alpha: number, max: number) => Math.min(max, pareto(random, min, alpha)) * 1000;

  // 1. Group trees: member k is held by an earlier member, biased towards the first ones (heavy-tailed fan-out).
  for (const g of groups) {
    for (let k = 1; k < g.size; k += 1) {
      const company = g.start + k;
      const parent = g.start + Math.floor(k * random() ** 3);
      const majority = random() < 0.7;
      addStake(parent, company, majority ? uniform(50_001, 95_000) : uniform(20_000, 49_999));
      if (!majority && k >= 2 && random() < 0.3) addStake(g.start + below(k), company, uniform(5_000, 30_000));
      // A subsidiary holding a little of its group's parent: a cycle through the group.
      if (random() < 0.03) addStake(company, g.start, uniform(500, 5_000));
    }
  }
  // 2. Group parents holding each other (2-cycles) and 3-cycles of parents.
  if (parents.length >= 3) {
    for (let i = Math.round(parents.length * 0.03); i > 0; i -= 1) {
      const a = parents[below(parents.length)]!;
      const b = parents[below(parents.length)]!;
      addStake(a, b, smallStake(1, 1.3, 40));
      addStake(b, a, smallStake(1, 1.3, 40));
    }
    for (let i = Math.max(1, Math.round(parents.length * 0.01)); i > 0; i -= 1) {
      const [a, b, c] = [parents[below(parents.length)]!, parents[below(parents.length)]!, parents[below(parents.length)]!];
      if (a === b || b === c || a === c) continue;
      addStake(a, b, uniform(2_000, 20_000));
      addStake(b, c, uniform(2_000, 20_000));
      addStake(c, a, uniform(2_000, 20_000));
    }
  }
  // 3. A few minority stakes across groups.
  const groupCompanies = n - firstGroupCompany;
  for (let company = firstGroupCompany; company < n; company += 1) {
    if (random() < 0.02) addStake(company, firstGroupCompany + below(groupCompanies), smallStake(1, 1.5, 20));
  }
  // 4. Investors: heavy-tailed portfolios of small stakes in any company but trusts (other investors included).
  const heldByAnyone = n - trustCount;
  const pickNonTrust = () => {
    const i = below(heldByAnyone);
    return i < investorCount + stateCount ? i : i + trustCount;
  };
  let largestPortfolio = 0;
  for (const investor of investors) {
    const wanted = Math.min(MAX_PORTFOLIO, Math.floor(pareto(random, 2, 1.15)), heldByAnyone - 1);
    let count = 0;
    for (let attempt = 0; count < wanted && attempt < wanted * 3; attempt += 1) {
      if (addStake(investor, pickNonTrust(), smallStake(0.1, 1.5, 10))) count += 1;
    }
    largestPortfolio = Math.max(largestPortfolio, count);
  }
  // 5. State entities hold sizeable stakes in group parents.
  for (const state of states) {
    const wanted = Math.min(200, Math.floor(pareto(random, 1, 1.3)));
    for (let i = 0; i < wanted; i += 1) addStake(state, parents[below(parents.length)]!, uniform(5_000, 40_000));
  }
  // 6. Trusts hold stakes without votes for one economic beneficiary (a group parent); no one holds a trust.
  for (const trust of trusts) {
    const beneficiary = parents[below(parents.length)]!;
    for (let i = 1 + below(3); i > 0; i -= 1) {
      const company = parents[below(parents.length)]!;
      if (company !== beneficiary) addStake(trust, company, uniform(5_000, 30_000), { trustFor: beneficiary });
    }
  }

  const open = stakes.filter((s) => s.validTo === null);
  const openPairs = new Set(open.map((s) => `${s.from}>${s.to}`));
  const mutualPairs = open.filter((s) => s.from < s.to && openPairs.has(`${s.to}>${s.from}`)).length;
  let maxHeld = 0;
  for (let i = 0; i < n; i += 1) maxHeld = Math.max(maxHeld, held[i]!);
  return {
    seed,
    source: {
      id: SYNTHETIC_SOURCE_ID,
      kind: 'report',
      title: 'Synthetic ownership network generated by npm run bench:scale (made-up data, for benchmarks only)',
      publisher: 'bench/scale/synthetic-network.ts',
      publishedOn: null,
      note: `seed ${seed}, ${n} companies`,
    },
    companies,
    stakes,
    stats: {
      companies: n,
      stakes: stakes.length,
      openStakes: open.length,
      closedStakes: stakes.length - open.length,
      groups: groups.length,
      largestGroup: groups.reduce((m, g) => Math.max(m, g.size), 0),
      investors: investorCount,
      largestPortfolio,
      stateEntities: stateCount,
      trusts: trustCount,
      mutualPairs,
      holders: new Set(open.map((s) => s.from)).size,
      maxHeldPercent: maxHeld / 1000,
    },
  };
}

/**
 * Writes the network as a dataset folder: sources.json, then nodes and relationships in numbered JSON files
 * of at most `rowsPerFile` rows (a single file would not fit in one JavaScript string at a million companies).
 * Replaces what the folder held. Returns the bytes written.
 */
export function writeNetwork(network: SyntheticNetwork, dir: string, rowsPerFile = 100_000): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const write = (name: string, content: object) => {
    const text = JSON.stringify(content);
    writeFileSync(join(dir, name), text);
    bytes += Buffer.byteLength(text);
  };
  write('sources.json', { sources: [network.source] });
  const pad = (i: number) => String(i).padStart(4, '0');
  for (let i = 0; i * rowsPerFile < network.companies.length; i += 1) {
    write(`nodes-${pad(i)}.json`, { nodes: network.companies.slice(i * rowsPerFile, (i + 1) * rowsPerFile) });
  }
  for (let i = 0; i * rowsPerFile < network.stakes.length; i += 1) {
    write(`relationships-${pad(i)}.json`, { relationships: network.stakes.slice(i * rowsPerFile, (i + 1) * rowsPerFile) });
  }
  return bytes;
}

/** The dataset files in a folder written by writeNetwork (for tests and sanity checks). */
export function listNetworkFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}
