import type { Page } from '../db/page.js';
import { listChangeEvents, listChanges, listChangesOfEntity, listMembersBetween } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { Change } from '../schemas/changes.js';
import { ReadRepository } from './read-repository.js';

export interface ChangeEventRow {
  id: string;
  name: string;
  kind: string;
  occurredOn: string;
  changes: string[];
  sources: string[];
  involves: string[];
}

/** The raw material of GET /v1/changes: the changes, and the events behind them. */
export class ChangeRepository extends ReadRepository {
  /** One page of the changes between two days (by day, then id) and their total, worked out in the database. */
  listChanges(from: string, to: string, types: string[], entity: string | null, offset: number, limit: number): Promise<Page<Omit<Change, 'events'>>> {
    // Two queries, not one with `$entity IS NULL OR …`: that form cannot start from the entity's index entry
    // and scans every relationship of the graph.
    return entity === null
      ? this.page(listChanges, { from, to, types, offset, limit })
      : this.page(listChangesOfEntity, { from, to, types, entity, offset, limit });
  }

  async listChangeEvents(dates: string[], statements: string[]): Promise<ChangeEventRow[]> {
    return (await this.db.read(listChangeEvents, { dates, statements })).map((r) => shaped<ChangeEventRow>(r.event));
  }

  async listMembersBetween(before: string, after: string): Promise<string[]> {
    return (await this.db.read(listMembersBetween, { before, after })).map((r) => r.id);
  }
}
