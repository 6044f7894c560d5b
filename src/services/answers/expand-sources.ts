import type { SourceRepository } from '../../repositories/source-repository.js';
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

/** A copy of the value with every `sources` id array replaced by the Source objects. */
export function expandSources<T>(value: T, sources: ReadonlyMap<string, Source>): T {
  if (Array.isArray(value)) return value.map((v) => expandSources(v, sources)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] =
        key === 'sources' && Array.isArray(child)
          ? child.map((id) => (typeof id === 'string' ? (sources.get(id) ?? id) : id))
          : expandSources(child, sources);
    }
    return out as T;
  }
  return value;
}

/** With include=sources, replaces every source id in the body by its Source, fetched in one query. */
export async function includeSources<T>(body: T, include: 'sources' | undefined, repository: SourceRepository): Promise<T> {
  if (include !== 'sources') return body;
  const sources = await repository.findSourcesByIds([...collectSourceIds(body)]);
  return expandSources(body, sources);
}
