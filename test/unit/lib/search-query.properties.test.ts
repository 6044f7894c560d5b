import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLuceneQuery } from '../../../src/lib/search-query.js';
import { runs } from '../../support/arbitraries.js';

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
