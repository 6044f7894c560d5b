import type { ClaimQuote, SourceRepository } from '../../repositories/source-repository.js';
import type { Source } from '../../schemas/common.js';

type Json = unknown;

/** Every source id named by a `sources` array anywhere in the value. */
export function collectSourceIds(value: Json, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectSourceIds(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'sources' && Array.isArray(child)) for (const id of child) if (typeof id === 'string') into.add(id);
      collectSourceIds(child, into);
    }
  }
  return into;
}

/** The ids of the claims (objects with an id and a `sources` array) anywhere in the value. */
export function collectClaimIds(value: Json, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectClaimIds(item, into);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && Array.isArray(record.sources)) into.add(record.id);
    for (const child of Object.values(record)) collectClaimIds(child, into);
  }
  return into;
}

/**
 * A copy of the value with every `sources` id array replaced by the Source objects. Where the claim (the
 * object holding `sources`) cites quotes from a source, that Source carries them as `quotes`.
 */
export function expandSources<T>(value: T, sources: ReadonlyMap<string, Source>, quotes: ReadonlyMap<string, ClaimQuote[]> = new Map()): T {
  if (Array.isArray(value)) return value.map((v) => expandSources(v, sources, quotes)) as T;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const claimQuotes = typeof record.id === 'string' ? (quotes.get(record.id) ?? []) : [];
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) {
      out[key] =
        key === 'sources' && Array.isArray(child)
          ? child.map((id) => {
              if (typeof id !== 'string') return id;
              const source = sources.get(id);
              if (!source) return id;
              const cited = claimQuotes.filter((q) => q.source === id).map(({ quote, readOn }) => ({ quote, readOn }));
              return cited.length > 0 ? { ...source, quotes: cited } : source;
            })
          : expandSources(child, sources, quotes);
    }
    return out as T;
  }
  return value;
}

/** With include=sources, replaces every source id in the body by its Source, fetched in one query. */
export async function includeSources<T>(body: T, include: 'sources' | undefined, repository: SourceRepository): Promise<T> {
  if (include !== 'sources') return body;
  const [sources, quotes] = await Promise.all([
    repository.findSourcesByIds([...collectSourceIds(body)]),
    repository.findQuotesByClaimIds([...collectClaimIds(body)]),
  ]);
  return expandSources(body, sources, quotes);
}
