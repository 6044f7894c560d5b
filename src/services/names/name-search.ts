import { distance } from 'fastest-levenshtein';
import { foldName, transliterate } from '../../lib/name-folding.js';
import type { NameCandidate, NameRepository } from '../../repositories/name-repository.js';
import { toNameQueries, toPrefixQueries } from './name-query.js';

/** How a candidate matched, best first: its own name, another of its names, part of a name, or through typos. */
export type MatchKind = 'exact' | 'alias' | 'partial' | 'fuzzy';
const RANK: Record<MatchKind, number> = { exact: 3, alias: 2, partial: 1, fuzzy: 0 };

export interface RankedCandidate extends NameCandidate {
  match: MatchKind;
  /** The name (in any language) the query matched best. */
  matchedName: string;
  /** 0 to 1: how close the closest of its names is to the query, as typed (edit distance over length). */
  closeness: number;
}

export interface SearchOptions {
  types?: string[] | null;
  /** Candidates fetched from the indexes before ranking (the answer's total counts them). */
  candidates?: number;
}

function classify(candidate: NameCandidate, text: string): { match: MatchKind; matchedName: string } {
  const folded = foldName(text);
  const reading = transliterate(text);
  const readingFolded = reading ? foldName(reading) : null;
  const others = [...candidate.aliases, ...candidate.otherNames, ...candidate.foldedNames];
  const name = foldName(candidate.name);
  if (name === folded) return { match: 'exact', matchedName: candidate.name };
  if (readingFolded && name === readingFolded) return { match: 'alias', matchedName: candidate.name };
  const alias = others.find((o) => foldName(o) === folded || (readingFolded !== null && foldName(o) === readingFolded));
  if (alias) return { match: 'alias', matchedName: alias };
  const words = folded.split(' ').filter(Boolean);
  const partial = [candidate.name, ...others].find((o) => {
    const f = foldName(o);
    const nameWords = f.split(' ');
    return (folded.length > 0 && f.includes(folded)) || (words.length > 0 && words.every((w) => nameWords.some((nw) => nw.startsWith(w))));
  });
  if (partial) return { match: 'partial', matchedName: partial };
  return { match: 'fuzzy', matchedName: candidate.name };
}

function closeness(candidate: NameCandidate, text: string): number {
  const reading = transliterate(text);
  const queries = [foldName(text), ...(reading ? [foldName(reading)] : [])].filter(Boolean);
  let best = 0;
  for (const n of [candidate.name, ...candidate.aliases, ...candidate.otherNames, ...candidate.foldedNames]) {
    const f = foldName(n);
    for (const q of queries) best = Math.max(best, 1 - distance(q, f) / Math.max(q.length, f.length, 1));
  }
  return Math.round(best * 1000) / 1000;
}

/**
 * Exact name before other names before partial matches before typos. Within each, the entity whose closest name
 * is nearest the query as a whole ("renualt": Renault before Renault Korea, which Lucene scores higher for
 * matching in more fields), then Lucene's score, then id.
 */
export function rankCandidates(candidates: NameCandidate[], text: string): RankedCandidate[] {
  return candidates
    .map((c) => ({ ...c, ...classify(c, text), closeness: closeness(c, text) }))
    .sort((a, b) => RANK[b.match] - RANK[a.match] || b.closeness - a.closeness || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Name search in every script, through typos, ranked exact > alias > partial > fuzzy. */
export class NameSearch {
  constructor(private readonly names: NameRepository) {}

  async search(text: string, options: SearchOptions = {}): Promise<RankedCandidate[]> {
    const { query, cjkQuery } = toNameQueries(text);
    const found = await this.names.findCandidates(query, cjkQuery, options.types ?? null, options.candidates ?? 100);
    return rankCandidates(found, text);
  }

  async suggest(prefix: string, limit: number, types: string[] | null = null): Promise<RankedCandidate[]> {
    const { query, cjkQuery } = toPrefixQueries(prefix);
    const found = await this.names.findCandidates(query, cjkQuery, types, Math.max(limit * 3, 20));
    return rankCandidates(found, prefix).slice(0, limit);
  }
}
