import type { Page } from '../db/page.js';
import type { CypherQuery } from '../db/query.js';
import type { QueryRunner } from '../db/runner.js';
import type { PlainMap } from '../db/values.js';

/** What every list query returns: one row with the total and this page's items. */
type PageRow = { total: number; items: PlainMap[] };

/** Shared plumbing of the read repositories: typed queries through the one runner, rows as plain JSON. */
export abstract class ReadRepository {
  constructor(protected readonly db: QueryRunner) {}

  /** One page of a list query; a list query always answers one row. */
  protected async page<P, T>(query: CypherQuery<P, PageRow>, params: P): Promise<Page<T>> {
    const row = await this.db.readOne(query, params);
    return { total: row?.total ?? 0, items: (row?.items ?? []) as unknown as T[] };
  }

  /** A page of items that belong to a parent; null when the query found no parent (it then answers no row). */
  protected async pageOf<P, T>(query: CypherQuery<P, PageRow>, params: P): Promise<Page<T> | null> {
    const row = await this.db.readOne(query, params);
    return row && { total: row.total, items: row.items as unknown as T[] };
  }
}
