import type { Page } from '../../db/page.js';
export type { Page };
import { today } from '../../lib/dates.js';
import { decodeCursor, pageMeta } from '../../lib/paging.js';
import type { HttpProblem } from '../../lib/problem.js';
import type { SourceRepository } from '../../repositories/source-repository.js';
import { includeSources } from './expand-sources.js';

interface PagedQuery {
  limit: number;
  cursor?: string | undefined;
  include?: 'sources' | undefined;
}

interface DatedQuery {
  asOf?: string | undefined;
  include?: 'sources' | undefined;
}

/**
 * One page of any list: its total and next cursor, the `extra` fields the list echoes (its filters),
 * and sources expanded on request.
 */
export async function listPage<T, E extends object = object>(
  query: PagedQuery,
  sources: SourceRepository,
  load: (offset: number, limit: number) => Promise<Page<T>>,
  extra?: E,
) {
  const offset = decodeCursor(query.cursor);
  const page = await load(offset, query.limit);
  return includeSources({ ...(extra as E), ...pageMeta(page.total, offset, query.limit), items: page.items }, query.include, sources);
}

/**
 * The answer of every dated list: the day it is for (default today), one page with its total and next
 * cursor, sources expanded on request. `load` returns null when the parent resource does not exist.
 */
export async function datedPage<T>(
  query: PagedQuery & DatedQuery,
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

/** The answer of every dated resource: the day it is for (default today) and the resource as it stood then. */
export async function datedItem<T extends object>(
  query: DatedQuery,
  sources: SourceRepository,
  load: (asOf: string) => Promise<T | null>,
  missing: () => HttpProblem,
) {
  const asOf = query.asOf ?? today();
  const item = await load(asOf);
  if (!item) throw missing();
  return includeSources({ asOf, ...item }, query.include, sources);
}
