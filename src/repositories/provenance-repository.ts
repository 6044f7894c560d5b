import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import { ReadRepository } from './read-repository.js';

/** Which sources back computed answers (look-through, control), which name the relationships they used. */
export class ProvenanceRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = { relationshipSources: queries.take('get-relationship-sources') };
  }

  async findRelationshipSources(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.readAll<{ id: string; sources: string[] }>(this.q.relationshipSources, { ids });
    return [...new Set(rows.flatMap((r) => r.sources))].sort();
  }
}
