import { describe, expect, it } from 'vitest';
import { capAnswer, type ToolAnswer } from '../../../../src/services/mcp/answer.js';
import { toCountryCode } from '../../../../src/services/names/reconcile.js';

const envelope = (data: unknown): ToolAnswer => ({ asOf: '2020-01-01', dataVersion: 'v', truncated: false, sources: [], data });
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe('MCP answer cap', () => {
  it('leaves a small answer as it is', () => {
    const small = envelope({ items: [1, 2, 3] });
    expect(capAnswer(small, 10_000)).toEqual(small);
  });

  it('halves the longest list until the answer fits, keeping its head, and says truncated', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ id: `item-${i}`, text: 'x'.repeat(20) }));
    const capped = capAnswer(envelope({ total: 400, items, other: [1, 2] }), 2_000);
    expect(capped.truncated).toBe(true);
    expect(bytes(capped)).toBeLessThanOrEqual(2_000);
    const kept = (capped.data as { items: { id: string }[] }).items;
    expect(kept[0]!.id).toBe('item-0');
    expect(kept.length).toBeGreaterThan(0);
    expect((capped.data as { total: number; other: number[] }).other).toEqual([1, 2]);
  });

  it('keeps the envelope and a note when even cut lists do not fit', () => {
    const capped = capAnswer(envelope({ text: 'x'.repeat(5_000) }), 1_024);
    expect(capped).toMatchObject({ asOf: '2020-01-01', dataVersion: 'v', truncated: true, data: { note: expect.stringMatching(/1024-byte cap/) } });
  });

  it('passes on the row cap of the Cypher door as truncated', () => {
    expect(capAnswer(envelope({ columns: ['n'], rows: [[1]], truncated: true }), 10_000).truncated).toBe(true);
  });
});

describe('country values of reconciliation queries', () => {
  it.each([
    ['JP', 'JP'],
    ['fr', 'FR'],
    ['France', 'FR'],
    ['Japon', 'JP'],
    ['日本', 'JP'],
    ['Corée du Sud', 'KR'],
    ['Россия', 'RU'],
    ['Atlantis', null],
  ])('%s → %s', (value, code) => expect(toCountryCode(value)).toBe(code));
});
