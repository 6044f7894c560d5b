import type { Page } from '../db/page.js';
import { getCitationsByClaimIds, getSource, getSourcesByIds, listSources } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { Source } from '../schemas/common.js';
import { ReadRepository } from './read-repository.js';

/** A quote a claim cites from one of its sources, and the day it was read. */
export interface ClaimQuote {
  source: string;
  quote: string;
  readOn: string | null;
}

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

  /** The quotes each claim (node or relationship, by id) cites beside its source ids. */
  async findQuotesByClaimIds(ids: string[]): Promise<Map<string, ClaimQuote[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.read(getCitationsByClaimIds, { ids });
    return new Map(
      rows.map((r) => [
        r.id,
        (JSON.parse(r.citations) as { id: string; quote: string; readOn?: string }[]).map((c) => ({ source: c.id, quote: c.quote, readOn: c.readOn ?? null })),
      ]),
    );
  }
}
