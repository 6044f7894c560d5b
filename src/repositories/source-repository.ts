import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { Source } from '../schemas/common.js';

/** A quote a claim cites from one of its sources, and the day it was read. */
export interface ClaimQuote {
  source: string;
  quote: string;
  readOn: string | null;
}
import { int, ReadRepository } from './read-repository.js';

export interface SourceDetail {
  source: Source;
  cites: { nodes: number; relationships: number };
}

export class SourceRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = {
      list: queries.take('list-sources'),
      get: queries.take('get-source'),
      byIds: queries.take('get-sources-by-ids'),
      citations: queries.take('get-citations-by-claim-ids'),
    };
  }

  async listSources(offset: number, limit: number): Promise<{ total: number; items: Source[] }> {
    return (await this.readOne<{ total: number; items: Source[] }>(this.q.list, { offset: int(offset), limit: int(limit) }))!;
  }

  async findSource(id: string): Promise<SourceDetail | null> {
    const row = await this.readOne<{ source: Source; nodes: number; relationships: number }>(this.q.get, { id });
    return row && { source: row.source, cites: { nodes: row.nodes, relationships: row.relationships } };
  }

  async findSourcesByIds(ids: string[]): Promise<Map<string, Source>> {
    if (ids.length === 0) return new Map();
    const rows = await this.readAll<{ source: Source }>(this.q.byIds, { ids });
    return new Map(rows.map((r) => [r.source.id, r.source]));
  }

  /** Per claim id, the quotes it cites (stored as JSON beside its source ids; see graph-rows.ts). */
  async findQuotesByClaimIds(ids: string[]): Promise<Map<string, ClaimQuote[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.readAll<{ id: string; citations: string }>(this.q.citations, { ids });
    return new Map(
      rows.map((r) => [
        r.id,
        (JSON.parse(r.citations) as { id: string; quote: string; readOn?: string }[]).map((c) => ({ source: c.id, quote: c.quote, readOn: c.readOn ?? null })),
      ]),
    );
  }
}
