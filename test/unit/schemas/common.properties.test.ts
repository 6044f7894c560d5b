import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AsOfQuerySchema, IsoDate, ListQuerySchema } from '../../../src/schemas/common.js';
import { runs } from '../../support/arbitraries.js';

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
  fc
    .tuple(
      yearArb.filter((y) => !isLeap(y)),
      fc.constant(2),
      fc.constant(29),
    )
    .map(([y]) => `${pad(y, 4)}-02-29`),
  fc.tuple(realDate, fc.integer({ min: 0, max: 12 })).map(([date, how]) => {
    const [y, m, d] = date.split('-') as [string, string, string];
    switch (how) {
      case 0:
        return `${y}/${m}/${d}`;
      case 1:
        return `${y}-${Number(m)}-${Number(d)}`;
      case 2:
        return ` ${date}`;
      case 3:
        return `${date}\n`;
      case 4:
        return `${date}T00:00:00Z`;
      case 5:
        return `+0${date}`;
      case 6:
        return `${y}${m}${d}`;
      case 7:
        return date.replace(/[0-9]/g, (c) => String.fromCharCode(0xff10 + Number(c))); // full-width digits
      case 8:
        return date.replace(/[0-9]/g, (c) => String.fromCharCode(0x0660 + Number(c))); // Arabic-Indic digits
      case 9:
        return `${date.slice(0, -1)}`;
      case 10:
        return `${date}0`;
      case 11:
        return `-${date}`;
      default:
        return `${d}-${m}-${y}`;
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
    for (const s of [
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2024-04-31',
      '2024-00-10',
      '2024-13-01',
      '2024-01-00',
      '2024-01-32',
      '2024-1-1',
      '24-01-01',
      '2024-01-01 ',
      '20240101',
      '2024-01-01T00:00:00Z',
    ]) {
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
