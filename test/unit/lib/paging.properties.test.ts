import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../../src/lib/problem.js';
import { decodeCursor, encodeCursor } from '../../../src/lib/paging.js';
import { ListQuerySchema } from '../../../src/schemas/common.js';
import { runs } from '../../support/arbitraries.js';

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
      // biome-ignore lint/correctness/noPrecisionLoss: 1e400 is Infinity on purpose, a number JSON cannot hold
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
