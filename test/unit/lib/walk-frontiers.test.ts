import { describe, expect, it } from 'vitest';
import { walkFrontiers } from '../../../src/lib/walk-frontiers.js';

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
