import type { z } from 'zod';
import type { Page } from '../db/page.js';
import { searchEntities } from '../db/queries.generated.js';
import type { SearchHitSchema } from '../schemas/search.js';
import { ReadRepository } from './read-repository.js';

export type SearchHit = z.infer<typeof SearchHitSchema>;

/** Full-text search over names, aliases and descriptions. */
export class SearchRepository extends ReadRepository {
  /** `luceneQuery` must already be escaped (see lib/search-query.ts). */
  searchEntities(luceneQuery: string, offset: number, limit: number): Promise<Page<SearchHit>> {
    return this.page(searchEntities, { query: luceneQuery, offset, limit });
  }
}
