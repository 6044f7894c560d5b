import { CJK, foldName, transliterate } from '../../lib/name-folding.js';

/** Lucene queries for the two name indexes (cypher/schema/003-name-indexes.cypher); null where an index has nothing to do. */
export interface NameQueries {
  query: string | null;
  cjkQuery: string | null;
}

// Letters only: the Han script also holds radicals and symbols, which are not words and could carry syntax.
const CJK_RUNS = /(?:(?=\p{L})[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])+/gu;

/** Edits a typo may cost: none for short words (they would match nearly everything), one, then two from six letters. */
const editsFor = (term: string) => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : 0);

/**
 * Words of the query in folded form (see foldName), plus the Latin reading of words in other scripts
 * (Ниссан → nissan). Only letters and digits survive folding, so no Lucene syntax can get through.
 */
function latinTerms(text: string, maxTerms: number): string[] {
  const words = foldName(text)
    .split(' ')
    .filter((w) => w && !CJK.test(w));
  const readings = words
    .map((w) => transliterate(w))
    .filter((t): t is string => t !== null)
    .flatMap((t) => foldName(t).split(' '));
  return [...new Set([...words, ...readings])].filter(Boolean).slice(0, maxTerms);
}

function cjkPart(text: string): string | null {
  const runs = text.normalize('NFKC').match(CJK_RUNS) ?? [];
  return runs.length > 0 ? runs.slice(0, 10).join(' ') : null;
}

/** A search: each word whole (boosted), as a prefix, and within a few edits; the words are OR-ed and ranked by score. */
export function toNameQueries(text: string, maxTerms = 10): NameQueries {
  const terms = latinTerms(text, maxTerms);
  const query =
    terms.length === 0
      ? null
      : terms
          .map((t) => {
            const edits = editsFor(t);
            const parts = [`${t}^4`];
            if (t.length >= 3) parts.push(`${t}*^2`);
            if (edits > 0) parts.push(`${t}~${edits}`);
            return `(${parts.join(' OR ')})`;
          })
          .join(' ');
  return { query, cjkQuery: cjkPart(text) };
}

/** Type-ahead: the last word is a prefix, the words before it are whole words. */
export function toPrefixQueries(prefix: string, maxTerms = 10): NameQueries {
  const terms = latinTerms(prefix, maxTerms);
  const query = terms.length === 0 ? null : terms.map((t, i) => (i === terms.length - 1 ? `(${t}^2 OR ${t}*)` : t)).join(' ');
  return { query, cjkQuery: cjkPart(prefix) };
}
