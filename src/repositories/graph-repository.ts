import type { Driver } from 'neo4j-driver';
import type { z } from 'zod';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { PathSchema } from '../schemas/paths.js';
import type { SearchHitSchema } from '../schemas/search.js';
import type { TimelineEntrySchema } from '../schemas/timeline.js';
import type { Page } from './alliance-repository.js';
import { int, ReadRepository } from './read-repository.js';

export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
export type SearchHit = z.infer<typeof SearchHitSchema>;
export type Path = Omit<z.infer<typeof PathSchema>, 'asOf'>;

/** Queries across the whole graph: the timeline, full-text search and shortest paths. */
export class GraphRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = {
      timeline: queries.take('list-timeline'),
      search: queries.take('search-entities'),
      path: queries.take('find-path'),
      entityIds: queries.take('find-entity-ids'),
    };
  }

  async listTimeline(from: string | null, to: string | null, offset: number, limit: number): Promise<Page<TimelineEntry>> {
    return (await this.readOne<Page<TimelineEntry>>(this.q.timeline, { from, to, offset: int(offset), limit: int(limit) }))!;
  }

  /** `luceneQuery` must already be escaped (see lib/search-query.ts). */
  async searchEntities(luceneQuery: string, offset: number, limit: number): Promise<Page<SearchHit>> {
    return (await this.readOne<Page<SearchHit>>(this.q.search, { query: luceneQuery, offset: int(offset), limit: int(limit) }))!;
  }

  /** The path, null when both entities exist but nothing connects them that day. */
  async findPath(from: string, to: string, asOf: string): Promise<Path | null> {
    const row = await this.readOne<{ nodes: Path['nodes'] | null; edges: Path['edges'] | null }>(this.q.path, { from, to, asOf });
    if (!row?.nodes || !row.edges) return null;
    return { from, to, length: row.edges.length, nodes: row.nodes, edges: row.edges };
  }

  /** Which of the ids name no entity. */
  async findUnknownIds(ids: string[]): Promise<string[]> {
    const row = await this.readOne<{ found: string[] }>(this.q.entityIds, { ids });
    const found = new Set(row?.found ?? []);
    return ids.filter((id) => !found.has(id));
  }
}
