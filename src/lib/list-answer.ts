import type { Page } from '../repositories/alliance-repository.js';
import type { SourceRepository } from '../repositories/source-repository.js';
import { includeSources } from './expand-sources.js';
import { decodeCursor, pageMeta, today } from './paging.js';
import type { HttpProblem } from './problem.js';

interface DatedListQuery {
  asOf?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  include?: 'sources' | undefined;
}

/**
 * The answer of every dated list: the day it is for (default today), one page with its total and next
 * cursor, sources expanded on request. `load` returns null when the parent resource does not exist.
 */
export async function datedPage<T>(
  query: DatedListQuery,
  sources: SourceRepository,
  load: (asOf: string, offset: number, limit: number) => Promise<Page<T> | null>,
  missing?: () => HttpProblem,
) {
  const asOf = query.asOf ?? today();
  const offset = decodeCursor(query.cursor);
  const page = await load(asOf, offset, query.limit);
  if (!page) throw missing!();
  return includeSources({ asOf, ...pageMeta(page.total, offset, query.limit), items: page.items }, query.include, sources);
}
