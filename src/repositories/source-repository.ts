import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { Source } from '../schemas/common.js';
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
}
