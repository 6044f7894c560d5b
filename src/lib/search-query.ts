/**
 * Turns free text into a safe Lucene query for the full-text index: only letters and digits survive
 * (so no Lucene syntax, quotes or Cypher can get through), each word matches whole or, from three
 * letters on, as a prefix (shorter prefixes match nearly everything),
 * and the words are OR-ed so the score ranks entities matching more words first.
 * Returns null when nothing searchable is left.
 */
export function toLuceneQuery(text: string, maxTerms = 10): string | null {
  const terms = (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxTerms);
  if (terms.length === 0) return null;
  return terms.map((t) => (t.length >= 3 ? `(${t} OR ${t}*)` : t)).join(' ');
}
