import { getRelationshipSources } from '../db/queries.generated.js';
import { ReadRepository } from './read-repository.js';

/** Which sources back computed answers (look-through, control), which name the relationships they used. */
export class ProvenanceRepository extends ReadRepository {
  async findRelationshipSources(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.read(getRelationshipSources, { ids });
    return [...new Set(rows.flatMap((r) => r.sources))].sort();
  }
}
