import type { Page } from '../db/page.js';
import { getBrand, listBrands } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { Brand, BrandSummary } from '../schemas/brands.js';
import type { StoredNames } from './name-repository.js';
import { ReadRepository } from './read-repository.js';

export interface BrandFilters {
  owner?: string | undefined;
  status?: BrandSummary['status'] | undefined;
  alliance?: string | undefined;
}

type Chain = {
  owner: { id: string; name: string; country: string };
  via: string | null;
  since: string | null;
  until: string | null;
  sources: string[];
  alliances: { alliance: { id: string; name: string }; role: string; since: string | null; sources: string[] }[];
};

type BrandRow = {
  brand: Omit<Brand, 'status' | 'ownerChain' | 'ownerChainSources' | 'ownership' | 'renames'>;
  chains: Chain[];
  ownership: Brand['ownership'];
  renames: Brand['renames'];
};

export class BrandRepository extends ReadRepository {
  listBrands(filters: BrandFilters, asOf: string, offset: number, limit: number): Promise<Page<BrandSummary>> {
    const { owner = null, status = null, alliance = null } = filters;
    return this.page(listBrands, { owner, status, alliance, asOf, offset, limit });
  }

  /** The brand as of a day, with its names as stored, in one query. */
  async findBrand(id: string, asOf: string): Promise<{ brand: Brand; names: StoredNames } | null> {
    const found = await this.db.readOne(getBrand, { id, asOf });
    if (!found) return null;
    return { brand: brandOf(shaped<BrandRow>(found), asOf), names: found.names as unknown as StoredNames };
  }
}

function brandOf(row: BrandRow, asOf: string): Brand {
  const chain = row.chains[0];
  const status: Brand['status'] = chain ? 'active' : row.ownership.some((o) => o.validTo !== null && o.validTo <= asOf) ? 'former' : 'future';
  const ownerChain = chain
    ? [
        { id: row.brand.id, type: 'Brand', name: row.brand.name },
        { id: chain.owner.id, type: 'Company', name: chain.owner.name },
        ...chain.alliances.map((a) => ({ id: a.alliance.id, type: 'Alliance', name: a.alliance.name })),
      ]
    : [{ id: row.brand.id, type: 'Brand', name: row.brand.name }];
  const chainSources = chain ? [...new Set([...chain.sources, ...chain.alliances.flatMap((a) => a.sources)])] : [];
  return {
    ...row.brand,
    status,
    ownerChain,
    ...(chainSources.length > 0 ? { ownerChainSources: chainSources } : {}),
    ownership: row.ownership,
    renames: row.renames,
  };
}
