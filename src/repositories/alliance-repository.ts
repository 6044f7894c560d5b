import type { Page } from '../db/page.js';
import { getAlliance, listAllianceBrands, listAllianceMembers, listAlliances } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { Alliance, AllianceBrand, AllianceSummary, Headcount, Membership, PlanRef } from '../schemas/alliances.js';
import { ReadRepository } from './read-repository.js';

type AllianceFields = Omit<Alliance, 'members' | 'brandCount' | 'latestHeadcount' | 'headcountClaims' | 'plans'>;

export class AllianceRepository extends ReadRepository {
  listAlliances(
    filters: { kind?: string | undefined; country?: string | undefined },
    asOf: string,
    offset: number,
    limit: number,
  ): Promise<Page<AllianceSummary>> {
    return this.page(listAlliances, { kind: filters.kind ?? null, country: filters.country ?? null, asOf, offset, limit });
  }

  async findAlliance(id: string, asOf: string): Promise<Alliance | null> {
    const row = await this.db.readOne(getAlliance, { id, asOf });
    if (!row) return null;
    const headcounts = shaped<Headcount[]>(row.headcounts);
    return {
      ...shaped<AllianceFields>(row.alliance),
      members: shaped<Membership[]>(row.members),
      brandCount: row.brandCount,
      latestHeadcount: headcounts.find((h) => h.observedOn !== null) ?? null,
      headcountClaims: headcounts,
      plans: shaped<PlanRef[]>(row.plans),
    };
  }

  /** Null when the alliance is unknown; an empty page when it had no members that day. */
  findMembers(id: string, asOf: string, offset: number, limit: number): Promise<Page<Membership> | null> {
    return this.pageOf(listAllianceMembers, { id, asOf, offset, limit });
  }

  findBrands(id: string, asOf: string, offset: number, limit: number): Promise<Page<AllianceBrand> | null> {
    return this.pageOf(listAllianceBrands, { id, asOf, offset, limit });
  }
}
