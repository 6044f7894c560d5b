import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { walkFromEach, walkFrontiers } from '../../../src/lib/walk-frontiers.js';

type Edge = { id: string; from: string; to: string };
const edges: Edge[] = [
  { id: 's3', from: 'a', to: 'b' },
  { id: 's1', from: 'b', to: 'c' },
  { id: 's2', from: 'c', to: 'a' }, // a cycle back to the start
  { id: 's4', from: 'b', to: 'd' },
  { id: 's5', from: 'x', to: 'a' }, // not reachable downward from a
];

describe('walkFrontiers', () => {
  it('returns every reachable edge once, sorted by id, and expands each node once even round a cycle', async () => {
    const frontiers: string[][] = [];
    const found = await walkFrontiers(
      'a',
      (frontier) => {
        frontiers.push(frontier);
        return edges.filter((e) => frontier.includes(e.from));
      },
      (e) => [e.to],
    );
    expect(found.map((e) => e.id)).toEqual(['s1', 's2', 's3', 's4']);
    // One call per level: a, then b, then c and d together; a is never expanded again.
    expect(frontiers).toEqual([['a'], ['b'], ['c', 'd']]);
  });

  it('keeps an edge met from two nodes of a frontier once, and takes async expansions', async () => {
    const found = await walkFrontiers(
      'x',
      async (frontier) => frontier.flatMap((id) => edges.filter((e) => e.from === id || e.to === id)),
      (e) => [e.from, e.to],
    );
    expect(found.map((e) => e.id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });
});

describe('walkFrontiers from several starts, and walkFromEach', () => {
  it('walks from several starts at once: each level one call, a start reached from another expanded once', async () => {
    const frontiers: string[][] = [];
    const found = await walkFrontiers(
      ['x', 'b', 'x'],
      (frontier) => {
        frontiers.push(frontier);
        return edges.filter((e) => frontier.includes(e.from));
      },
      (e) => [e.to],
    );
    expect(found.map((e) => e.id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(frontiers).toEqual([
      ['x', 'b'],
      ['c', 'd', 'a'],
    ]);
  });

  // A stake network as the ownership walks see it: a company's level gives the stakes it holds and those held for
  // it as economic beneficiary (expand-stakes-down); the walk goes on to the company held and the holder.
  type Stake = { id: string; holder: string; company: string; economicBeneficiary: string | null };
  const nodes = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
  const network = fc.uniqueArray(fc.record({ holder: nodes, company: nodes, economicBeneficiary: fc.option(nodes, { freq: 4 }) }), {
    maxLength: 24,
    selector: (s) => `${s.holder}>${s.company}>${s.economicBeneficiary}`,
  });
  const ids = (stakes: { holder: string; company: string; economicBeneficiary: string | null }[]): Stake[] =>
    stakes.map((s, i) => ({ ...s, id: `s${String(i).padStart(2, '0')}` }));
  const down = {
    expand: (stakes: Stake[]) => (frontier: string[]) =>
      stakes.filter((s) => frontier.includes(s.holder) || (s.economicBeneficiary !== null && frontier.includes(s.economicBeneficiary))),
    from: (s: Stake) => (s.economicBeneficiary ? [s.holder, s.economicBeneficiary] : [s.holder]),
    next: (s: Stake) => [s.company, s.holder],
  };
  const up = {
    expand: (stakes: Stake[]) => (frontier: string[]) => stakes.filter((s) => frontier.includes(s.company)),
    from: (s: Stake) => [s.company],
    next: (s: Stake) => [s.holder],
  };

  for (const [name, walk] of Object.entries({ down, up })) {
    it(`gives each start what its own walk gives, on random networks with cycles (${name})`, async () => {
      await fc.assert(
        fc.asyncProperty(network, fc.uniqueArray(nodes, { minLength: 1 }), async (raw, starts) => {
          const stakes = ids(raw);
          const together = await walkFrontiers(starts, walk.expand(stakes), walk.next);
          const each = await walkFromEach(starts, together, walk.from, walk.next);
          expect([...each.keys()]).toEqual(starts);
          for (const start of starts) {
            expect(each.get(start)!.map((s) => s.id)).toEqual((await walkFrontiers(start, walk.expand(stakes), walk.next)).map((s) => s.id));
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
