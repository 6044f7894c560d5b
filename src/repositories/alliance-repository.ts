import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { Alliance, AllianceBrand, AllianceSummary, Headcount, Membership, PlanRef } from '../schemas/alliances.js';
import { int, ReadRepository } from './read-repository.js';

export interface Page<T> {
  total: number;
  items: T[];
}

type AllianceRow = {
  alliance: Omit<Alliance, 'members' | 'brandCount' | 'latestHeadcount' | 'headcountClaims' | 'plans'>;
  members: Membership[];
  brandCount: number;
  headcounts: Headcount[];
  plans: PlanRef[];
};

export class AllianceRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = {
      list: queries.take('list-alliances'),
      get: queries.take('get-alliance'),
      members: queries.take('list-alliance-members'),
      brands: queries.take('list-alliance-brands'),
    };
  }

  async listAlliances(asOf: string, offset: number, limit: number): Promise<Page<AllianceSummary>> {
    return (await this.readOne<Page<AllianceSummary>>(this.q.list, { asOf, offset: int(offset), limit: int(limit) }))!;
  }

  async findAlliance(id: string, asOf: string): Promise<Alliance | null> {
    const row = await this.readOne<AllianceRow>(this.q.get, { id, asOf });
    if (!row) return null;
    const dated = row.headcounts.filter((h) => h.observedOn !== null);
    return {
      ...row.alliance,
      members: row.members,
      brandCount: row.brandCount,
      latestHeadcount: dated[0] ?? null,
      headcountClaims: row.headcounts,
      plans: row.plans,
    };
  }

  /** Null when the alliance is unknown; an empty page when it had no members that day. */
  findMembers(id: string, asOf: string, offset: number, limit: number): Promise<Page<Membership> | null> {
    return this.readOne<Page<Membership>>(this.q.members, { id, asOf, offset: int(offset), limit: int(limit) });
  }

  findBrands(id: string, asOf: string, offset: number, limit: number): Promise<Page<AllianceBrand> | null> {
    return this.readOne<Page<AllianceBrand>>(this.q.brands, { id, asOf, offset: int(offset), limit: int(limit) });
  }
}
