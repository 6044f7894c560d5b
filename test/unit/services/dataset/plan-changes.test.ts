import { describe, expect, it } from 'vitest';
import { canonicalJson, planChanges } from '../../../../src/services/dataset/plan-changes.js';

type Row = { id: string; kind: string; props: Record<string, string | number> };
const row = (id: string, kind: string, props: Row['props'] = {}): Row => ({ id, kind, props });

describe('planChanges', () => {
  const plan = (desired: Row[], existing: Row[]) =>
    planChanges(
      desired,
      new Map(existing.map((r) => [r.id, r])),
      (r) => r.kind,
      (a, b) => a.kind === b.kind,
    );

  it('creates, updates, removes and leaves alone by id', () => {
    const result = plan([row('a', 'X', { v: 1 }), row('b', 'X', { v: 2 }), row('c', 'Y')], [row('a', 'X', { v: 1 }), row('b', 'X', { v: 1 }), row('d', 'Y')]);
    expect(result.writes.map((r) => r.id)).toEqual(['b', 'c']);
    expect(result.removals.map((r) => r.id)).toEqual(['d']);
    expect(result.counts).toEqual({
      X: { created: 0, updated: 1, removed: 0, unchanged: 1 },
      Y: { created: 1, updated: 0, removed: 1, unchanged: 0 },
    });
  });

  it('replaces a row whose identity changed instead of updating it', () => {
    const result = plan([row('a', 'Y', { v: 1 })], [row('a', 'X', { v: 1 })]);
    expect(result.removals.map((r) => r.kind)).toEqual(['X']);
    expect(result.writes.map((r) => r.kind)).toEqual(['Y']);
  });

  it('writes nothing when the dataset equals the graph, whatever the key order', () => {
    const result = plan([row('a', 'X', { p: 1, q: 2 })], [row('a', 'X', { q: 2, p: 1 })]);
    expect(result.writes).toEqual([]);
    expect(result.removals).toEqual([]);
  });

  it('canonical JSON ignores key order but not values', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
