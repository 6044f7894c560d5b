import type { Page } from '../db/page.js';
import { getCompany, listCompanies, listCompanyBrands } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { AllianceBrand } from '../schemas/alliances.js';
import type { Company, CompanySummary } from '../schemas/companies.js';
import type { StoredNames } from './name-repository.js';
import { ReadRepository } from './read-repository.js';

export interface CompanyFilters {
  country?: string | undefined;
  alliance?: string | undefined;
}

export class CompanyRepository extends ReadRepository {
  listCompanies(filters: CompanyFilters, asOf: string, offset: number, limit: number): Promise<Page<CompanySummary>> {
    return this.page(listCompanies, { country: filters.country ?? null, alliance: filters.alliance ?? null, asOf, offset, limit });
  }

  /** The company as of a day, with its names and identifiers as stored, in one query. */
  async findCompany(id: string, asOf: string): Promise<{ company: Company; names: StoredNames } | null> {
    const row = await this.db.readOne(getCompany, { id, asOf });
    if (!row) return null;
    const { company, names, ...parts } = row;
    return { company: shaped<Company>({ ...company, ...parts }), names: names as unknown as StoredNames };
  }

  findCompanyBrands(id: string, asOf: string, offset: number, limit: number): Promise<Page<AllianceBrand> | null> {
    return this.pageOf(listCompanyBrands, { id, asOf, offset, limit });
  }
}
