import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldName, transliterate } from '../../../../src/lib/name-folding.js';
import { toNameQueries, toPrefixQueries } from '../../../../src/services/names/name-query.js';
import { rankCandidates } from '../../../../src/services/names/name-search.js';

describe('name folding and Lucene queries', () => {
  it('folds case, accents, width and punctuation', () => {
    expect(foldName('ＲＥＮＡＵＬＴ')).toBe('renault');
    expect(foldName('Citroën  S.A.')).toBe('citroen s a');
    expect(foldName('ﾆｯｻﾝ')).toBe('ニッサン');
    expect(transliterate('Ниссан')).toBe('Nissan');
    expect(transliterate('日産')).toBeNull();
    expect(transliterate('Renault')).toBeNull();
  });

  it('builds whole-word, prefix and fuzzy clauses; CJK goes to the CJK index', () => {
    expect(toNameQueries('renualt')).toEqual({ query: '(renualt^4 OR renualt*^2 OR renualt~2)', cjkQuery: null });
    expect(toNameQueries('Лада')).toEqual({ query: '(лада^4 OR лада*^2 OR лада~1) (lada^4 OR lada*^2 OR lada~1)', cjkQuery: null });
    expect(toNameQueries('日産 Motor')).toEqual({ query: '(motor^4 OR motor*^2 OR motor~1)', cjkQuery: '日産' });
    expect(toPrefixQueries('nissan mo')).toEqual({ query: 'nissan (mo^2 OR mo*)', cjkQuery: null });
    expect(toNameQueries('!!!')).toEqual({ query: null, cjkQuery: null });
  });

  it('lets no Lucene syntax through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const { query, cjkQuery } of [toNameQueries(text), toPrefixQueries(text)]) {
          // Letters, digits, spaces, and only the operators the builder itself writes.
          if (query !== null) expect(query.replace(/\^[0-9]|~[12]|\*| OR |[()]/g, '')).toMatch(/^[\p{L}\p{N} ]*$/u);
          if (cjkQuery !== null) expect(cjkQuery).toMatch(/^[\p{L} ]+$/u);
        }
      }),
    );
  });

  it('ranks exact before alias before partial before fuzzy, whatever Lucene scored', () => {
    const base = { aliases: [], otherNames: [], foldedNames: [], country: null, description: null, sources: [], type: 'Company' };
    const ranked = rankCandidates(
      [
        { ...base, id: 'a', name: 'Renault Korea', score: 9 },
        { ...base, id: 'b', name: 'Renalt', score: 8 },
        { ...base, id: 'c', name: 'Groupe', aliases: ['Renault'], score: 1 },
        { ...base, id: 'd', name: 'Renault', score: 0.5 },
      ],
      'renault',
    );
    expect(ranked.map((r) => [r.id, r.match])).toEqual([
      ['d', 'exact'],
      ['c', 'alias'],
      ['a', 'partial'],
      ['b', 'fuzzy'],
    ]);
  });
});
