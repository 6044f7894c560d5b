import type { Page } from '../db/page.js';
import { getSource, getSourcesByIds, listSources } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { Source } from '../schemas/common.js';
import { ReadRepository } from './read-repository.js';

export interface SourceDetail {
  source: Source;
  cites: { nodes: number; relationships: number };
}

export class SourceRepository extends ReadRepository {
  listSources(offset: number, limit: number): Promise<Page<Source>> {
    return this.page(listSources, { offset, limit });
  }

  async findSource(id: string): Promise<SourceDetail | null> {
    const row = await this.db.readOne(getSource, { id });
    return row && { source: shaped<Source>(row.source), cites: { nodes: row.nodes, relationships: row.relationships } };
  }

  async findSourcesByIds(ids: string[]): Promise<Map<string, Source>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.read(getSourcesByIds, { ids });
    return new Map(rows.map((r) => [String(r.source.id), shaped<Source>(r.source)]));
  }
}
