import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { AllianceBrand } from '../schemas/alliances.js';
import type { Company, CompanySummary } from '../schemas/companies.js';
import type { Page } from './alliance-repository.js';
import { int, ReadRepository } from './read-repository.js';

export interface CompanyFilters {
  country?: string | undefined;
  alliance?: string | undefined;
}

export class CompanyRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = {
      list: queries.take('list-companies'),
      get: queries.take('get-company'),
      brands: queries.take('list-company-brands'),
    };
  }

  async listCompanies(filters: CompanyFilters, asOf: string, offset: number, limit: number): Promise<Page<CompanySummary>> {
    const params = { country: filters.country ?? null, alliance: filters.alliance ?? null, asOf, offset: int(offset), limit: int(limit) };
    return (await this.readOne<Page<CompanySummary>>(this.q.list, params))!;
  }

  async findCompany(id: string, asOf: string): Promise<Company | null> {
    type Parts = 'brands' | 'stakesHeld' | 'stakesIn' | 'memberships' | 'roles';
    const row = await this.readOne<{ company: Omit<Company, Parts> } & Pick<Company, Parts>>(this.q.get, { id, asOf });
    return row && { ...row.company, brands: row.brands, stakesHeld: row.stakesHeld, stakesIn: row.stakesIn, memberships: row.memberships, roles: row.roles };
  }

  findCompanyBrands(id: string, asOf: string, offset: number, limit: number): Promise<Page<AllianceBrand> | null> {
    return this.readOne<Page<AllianceBrand>>(this.q.brands, { id, asOf, offset: int(offset), limit: int(limit) });
  }
}
