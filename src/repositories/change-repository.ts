import { listChangedFacts, listChangedFactsOfEntity, listChangeEvents, listMembersBetween } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import { ReadRepository } from './read-repository.js';

/** One dated statement of a fact (a relationship between two nodes). */
export interface FactStatement {
  id: string;
  type: string;
  from: string;
  fromName: string | null;
  to: string;
  toName: string | null;
  equityPercent: number | null;
  votingPercent: number | null;
  carriesVotes: boolean | null;
  economicBeneficiary: string | null;
  role: string | null;
  title: string | null;
  via: string | null;
  validFrom: string | null;
  validTo: string | null;
  sources: string[];
}

export interface ChangeEventRow {
  id: string;
  name: string;
  kind: string;
  occurredOn: string;
  changes: string[];
  sources: string[];
  involves: string[];
}

/** The raw material of GET /v1/changes: statements around the changes, and the events behind them. */
export class ChangeRepository extends ReadRepository {
  async listChangedFacts(from: string, to: string, types: string[], entity: string | null): Promise<FactStatement[]> {
    // Two queries, not one with `$entity IS NULL OR …`: that form cannot start from the entity's index entry
    // and scans every relationship of the graph.
    const rows =
      entity === null ? await this.db.read(listChangedFacts, { from, to, types }) : await this.db.read(listChangedFactsOfEntity, { from, to, types, entity });
    return rows.map((r) => shaped<FactStatement>(r.statement));
  }

  async listChangeEvents(dates: string[], statements: string[]): Promise<ChangeEventRow[]> {
    return (await this.db.read(listChangeEvents, { dates, statements })).map((r) => shaped<ChangeEventRow>(r.event));
  }

  async listMembersBetween(before: string, after: string): Promise<string[]> {
    return (await this.db.read(listMembersBetween, { before, after })).map((r) => r.id);
  }
}
