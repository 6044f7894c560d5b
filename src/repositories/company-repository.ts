import type { Page } from '../db/page.js';
import { getCompany, listCompanies, listCompanyBrands } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import { segmentIndexOn, votingPercentAt, type StoredLedger } from '../lib/ledger-segments.js';
import type { AllianceBrand } from '../schemas/alliances.js';
import type { Company, CompanySummary } from '../schemas/companies.js';
import type { StoredNames } from './name-repository.js';
import { ReadRepository } from './read-repository.js';

export interface CompanyFilters {
  country?: string | undefined;
  alliance?: string | undefined;
}

type Stake = Company['stakesHeld'][number];
type StoredStake = Stake & StoredLedger & { ledgerSharesIssued?: number[] | null; ledgerCapital?: string[] | null };

/** A stake as answered: its stored ledger lists become the one derived figure in force on the asked day. */
function withDerived(stake: StoredStake, asOf: string): Stake {
  const { ledgerFrom, ledgerTo, ledgerIssuedPercent, ledgerVotingPercent, ledgerSharesIssued, ledgerCapital, ...rest } = stake;
  const i = segmentIndexOn(stake, asOf);
  const to = i < 0 ? '' : (ledgerTo?.[i] ?? '');
  const derived: Stake['derived'] =
    i < 0
      ? null
      : {
          issuedPercent: Number(ledgerIssuedPercent![i]),
          votingPercent: votingPercentAt(stake, i),
          sharesIssued: Number(ledgerSharesIssued![i]),
          capital: ledgerCapital![i]!,
          from: ledgerFrom![i]!,
          to: to === '' ? null : to,
        };
  return { ...rest, derived };
}

/** The company's share capital records, stored whole as one JSON property. */
function capitalRecords(json: string | null | undefined): Company['shareCapital'] {
  if (!json) return [];
  return (JSON.parse(json) as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    validFrom: r.validFrom as string,
    validTo: (r.validTo as string | null) ?? null,
    sharesIssued: r.sharesIssued as number,
    treasuryShares: (r.treasuryShares as number | undefined) ?? null,
    votingRights: (r.votingRights as number | undefined) ?? null,
    change: (r.change as string | undefined) ?? null,
    sharesChanged: (r.sharesChanged as number | undefined) ?? null,
    note: (r.note as string | undefined) ?? null,
    sources: r.sources as string[],
    citations: (r.citations as { id: string; quote: string; readOn?: string }[] | undefined) ?? [],
  }));
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
    const shapedCompany = shaped<Company & { shareCapital: string | null; stakesHeld: StoredStake[]; stakesIn: StoredStake[] }>({ ...company, ...parts });
    return {
      company: {
        ...shapedCompany,
        stakesHeld: shapedCompany.stakesHeld.map((s) => withDerived(s, asOf)),
        stakesIn: shapedCompany.stakesIn.map((s) => withDerived(s, asOf)),
        shareCapital: capitalRecords(shapedCompany.shareCapital),
      },
      names: names as unknown as StoredNames,
    };
  }

  findCompanyBrands(id: string, asOf: string, offset: number, limit: number): Promise<Page<AllianceBrand> | null> {
    return this.pageOf(listCompanyBrands, { id, asOf, offset, limit });
  }
}
