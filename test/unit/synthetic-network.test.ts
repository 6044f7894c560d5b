import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateNetwork, listNetworkFiles, mulberry32, writeNetwork, type SyntheticNetwork } from '../../bench/scale/synthetic-network.js';
import { readDataset } from '../../src/services/dataset/read-dataset.js';
import { integratedRow, weightedEdges, type StakeEdge } from '../../src/services/ownership/look-through.js';

const hash = (network: SyntheticNetwork) =>
  createHash('sha256')
    .update(JSON.stringify([network.companies, network.stakes]))
    .digest('hex');
const open = (network: SyntheticNetwork) => network.stakes.filter((s) => s.validTo === null);

/** Strongly connected components with more than one company (Tarjan, iterative). */
function cycles(network: SyntheticNetwork): string[][] {
  const out = new Map<string, string[]>();
  for (const s of open(network)) out.set(s.from, [...(out.get(s.from) ?? []), s.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of network.companies.map((c) => c.id)) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        index.set(v, counter);
        low.set(v, counter);
        counter += 1;
        stack.push(v);
        onStack.add(v);
      }
      const next = out.get(v) ?? [];
      if (i < next.length) {
        frame[1] += 1;
        const w = next[i]!;
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) components.push(component);
      }
    }
  }
  return components;
}

describe('synthetic ownership networks (bench:scale)', () => {
  const network = generateNetwork({ companies: 5_000, seed: 7 });

  it('mulberry32 repeats for a seed and differs between seeds', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('is deterministic for a seed, and another seed gives another network', () => {
    expect(hash(generateNetwork({ companies: 5_000, seed: 7 }))).toBe(hash(network));
    expect(hash(generateNetwork({ companies: 5_000, seed: 8 }))).not.toBe(hash(network));
    expect(network.companies).toHaveLength(5_000);
  });

  it("keeps every company's shares held by others under 100% (closed statements counted too), and votes within equity", () => {
    const held = new Map<string, number>();
    for (const s of network.stakes) {
      held.set(s.to, (held.get(s.to) ?? 0) + s.equityPercent);
      expect(s.equityPercent).toBeGreaterThan(0);
      if (s.votingPercent !== null) expect(s.votingPercent).toBeLessThanOrEqual(s.equityPercent);
      expect(s.from).not.toBe(s.to);
    }
    expect(Math.max(...held.values())).toBeLessThan(100);
    expect(network.stats.maxHeldPercent).toBeLessThanOrEqual(99);
  });

  it('has cross-holdings and longer cycles', () => {
    expect(network.stats.mutualPairs).toBeGreaterThan(0);
    const components = cycles(network);
    expect(components.length).toBeGreaterThan(0);
    expect(components.some((c) => c.length >= 3)).toBe(true);
  });

  it('has heavy-tailed holdings: a few holders hold far more stakes than the typical one', () => {
    const holdings = new Map<string, number>();
    for (const s of open(network)) holdings.set(s.from, (holdings.get(s.from) ?? 0) + 1);
    const counts = [...holdings.values()].sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)]!;
    expect(counts.at(-1)!).toBeGreaterThanOrEqual(20 * median);
  });

  it('never lets anyone hold a trust, and gives each trust one economic beneficiary', () => {
    const trusts = new Set(network.companies.filter((c) => c.kind === 'trust').map((c) => c.id));
    expect(trusts.size).toBeGreaterThan(0);
    expect(network.stakes.filter((s) => trusts.has(s.to))).toEqual([]);
    for (const id of trusts) {
      const beneficiaries = new Set(network.stakes.filter((s) => s.from === id).map((s) => s.economicBeneficiary));
      expect(beneficiaries.size).toBeLessThanOrEqual(1);
      expect([...beneficiaries].every((b) => typeof b === 'string')).toBe(true);
    }
  });

  it('is a valid dataset in the project format, in several files, and look-through converges on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthetic-network-'));
    try {
      writeNetwork(network, dir, 2_000);
      expect(listNetworkFiles(dir)).toEqual([
        'nodes-0000.json',
        'nodes-0001.json',
        'nodes-0002.json',
        'relationships-0000.json',
        'relationships-0001.json',
        'relationships-0002.json',
        'sources.json',
      ]);
      const dataset = readDataset(dir);
      expect(dataset.nodes).toHaveLength(5_000);
      expect(dataset.relationships).toHaveLength(network.stakes.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const edges = weightedEdges(
      open(network).map(
        (s): StakeEdge => ({
          id: s.id,
          holder: s.from,
          company: s.to,
          equityPercent: s.equityPercent,
          votingPercent: s.votingPercent,
          carriesVotes: s.carriesVotes,
          economicBeneficiary: s.economicBeneficiary ?? null,
          sources: s.sources,
        }),
      ),
      'equity',
    );
    // The holders with the most stakes (whose reach is the largest) are computed without error.
    const holdings = new Map<string, number>();
    for (const s of open(network)) holdings.set(s.from, (holdings.get(s.from) ?? 0) + 1);
    const largest = [...holdings.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    for (const [holder] of largest) {
      const row = integratedRow(holder, edges);
      expect([...row.values()].every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
  });
});
