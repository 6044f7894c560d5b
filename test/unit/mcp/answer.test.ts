import { describe, expect, it } from 'vitest';
import { capAnswer, capAnswerText, type ToolAnswer } from '../../../src/mcp/answer.js';
import { toCountryCode } from '../../../src/services/names/reconcile.js';

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

  it('cuts a 4 MiB nested answer without touching it, to exactly what it says', () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => [
      `row-${i}`,
      Array.from({ length: 40 }, (_, j) => ({ j, text: 'ü'.repeat(20), deep: [[j, 'x'.repeat(5)]] })),
    ]);
    const big = envelope({ columns: ['id', 'items'], rows, truncated: false });
    const before = JSON.stringify(big);
    expect(bytes(big)).toBeGreaterThan(4 * 1024 * 1024);
    const { answer, text } = capAnswerText(big, 64 * 1024);
    expect(JSON.stringify(big)).toBe(before);
    expect(text).toBe(JSON.stringify(answer));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64 * 1024);
    expect(answer.truncated).toBe(true);
    const kept = (answer.data as { rows: [string, unknown[]][] }).rows;
    expect(kept[0]![0]).toBe('row-0');
    expect(kept.length).toBeGreaterThan(0);
  });

  it('measures exactly: what fits is left whole, one byte less cuts it', () => {
    const data = { items: [{ a: 'é', b: [1, 2, { c: null }] }, 'x', 3.5, true], nested: { list: ['α', 'β'] } };
    const answer = { ...envelope(data), sources: [{ id: 's', title: 'T', publisher: 'P', url: null }] };
    const exact = bytes({ ...answer, truncated: false });
    expect(capAnswerText(answer, exact).answer).toEqual(answer);
    expect(capAnswerText(answer, exact - 1).answer.truncated).toBe(true);
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
