import { z } from 'zod';
import { AllianceBrandSchema } from './alliances.js';
import { AsOfMetaSchema, IdSchema, IsoDate, PageMetaSchema, SourcesFieldSchema, ValiditySchema } from './common.js';
import { NamesAndIdentifiersFields } from './names.js';

const CompanyFields = {
  id: IdSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  country: z.string().describe('ISO 3166-1 alpha-2'),
  kind: z.string().describe('automaker, trust, holding …'),
  description: z.string().nullable(),
  ...ValiditySchema,
  sources: SourcesFieldSchema,
};

export const CompanySummarySchema = z.object(CompanyFields).meta({ id: 'CompanySummary' });

export const CompanyListQuerySchema = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR or JP')
    .optional(),
  alliance: IdSchema.optional().describe('Only members of this alliance on the asOf day'),
});

export const CompanyListSchema = z
  .object({ ...AsOfMetaSchema, ...PageMetaSchema, items: z.array(CompanySummarySchema) })
  .meta({ id: 'CompanyList', description: 'A page of companies, ordered by id' });

const PartyRef = z.object({ id: IdSchema, name: z.string() });

export const DerivedStakeSchema = z
  .object({
    issuedPercent: z.number().describe('Shares held / shares issued that day, in percent'),
    votingPercent: z
      .number()
      .nullable()
      .describe(
        'Votes held (double voting rights included; 0 if neutralised; capped where a cap applies) / exercisable votes that day, in percent; null where the share capital that day gives neither the exercisable votes nor the treasury shares',
      ),
    sharesIssued: z.number().int(),
    capital: IdSchema.describe('The share-capital record in force that day'),
    from: IsoDate.describe('The day this figure took effect (the later of the stake’s start and the capital change)'),
    to: IsoDate.nullable(),
  })
  .meta({ id: 'DerivedStake' });

export const ShareCapitalRecordSchema = z
  .object({
    id: IdSchema,
    validFrom: IsoDate,
    validTo: IsoDate.nullable(),
    sharesIssued: z.number().int(),
    treasuryShares: z.number().int().nullable(),
    votingRights: z.number().int().nullable().describe('Exercisable voting rights in all, where the company publishes them'),
    change: z.string().nullable().describe('initial, issue, cancellation, buyback, split, merger or report'),
    sharesChanged: z.number().int().nullable(),
    note: z.string().nullable(),
    sources: SourcesFieldSchema,
    citations: z.array(z.object({ id: IdSchema, quote: z.string(), readOn: IsoDate.optional() })).describe('Verbatim quotes from the sources'),
  })
  .meta({ id: 'ShareCapitalRecord', description: 'A company’s share capital over a period: the share ledger the holders’ percentages derive from' });

export const StakeSchema = z
  .object({
    id: IdSchema,
    holder: PartyRef,
    company: PartyRef.describe('The company the stake is in'),
    equityPercent: z.number().describe('Share of the capital, in percent'),
    equityPrecision: z.string().nullable(),
    votingPercent: z.number().nullable().describe('Share of the voting rights, in percent; null where no source gives it'),
    carriesVotes: z.boolean(),
    economicBeneficiary: IdSchema.nullable().describe('Who receives the economic rights, where not the holder'),
    note: z.string().nullable(),
    ...ValiditySchema,
    sources: SourcesFieldSchema,
    shares: z.number().int().nullable().optional().describe('Shares held, where a source gives the count'),
    votes: z.number().int().nullable().optional().describe('Voting rights held, where they differ from the shares (double voting rights)'),
    statedBasis: z.enum(['issued', 'voting']).nullable().optional().describe('What equityPercent, as the source states it, is a share of (default issued)'),
    statedOn: IsoDate.nullable().optional().describe('The day the stated percentage describes, where not validFrom'),
    derived: DerivedStakeSchema.nullable()
      .optional()
      .describe('The percentages the share ledger derives for the asOf day from the share counts; null without a count or a share capital that day'),
  })
  .meta({
    id: 'Stake',
    description: 'A dated, sourced shareholding; equity and votes kept apart',
    example: {
      id: 'nissan-stake-renault-2002',
      holder: { id: 'nissan', name: 'Nissan' },
      company: { id: 'renault', name: 'Renault' },
      equityPercent: 15,
      equityPrecision: null,
      votingPercent: 0,
      carriesVotes: false,
      economicBeneficiary: null,
      note: 'Without voting rights under French law.',
      validFrom: '2002-03-28',
      validTo: '2023-11-08',
      sources: ['afp-2005-04-29'],
    },
  });

export const CompanyBrandSchema = AllianceBrandSchema.omit({ aliases: true, owner: true }).meta({ id: 'CompanyBrand' });

export const CompanyMembershipSchema = z
  .object({ alliance: PartyRef, role: z.string(), since: IsoDate.nullable(), until: IsoDate.nullable(), sources: SourcesFieldSchema })
  .meta({ id: 'CompanyMembership' });

export const CompanyRoleSchema = z
  .object({
    id: IdSchema,
    person: PartyRef,
    title: z.string(),
    ...ValiditySchema,
    note: z.string().nullable(),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'CompanyRole', description: 'A person’s dated role at this company' });

export const CompanySchema = z
  .object({
    ...AsOfMetaSchema,
    ...CompanyFields,
    brands: z.array(CompanyBrandSchema),
    stakesHeld: z.array(StakeSchema),
    stakesIn: z.array(StakeSchema).describe('Stakes other companies hold in this one'),
    memberships: z.array(CompanyMembershipSchema),
    ...NamesAndIdentifiersFields,
    roles: z.array(CompanyRoleSchema).describe('The people holding a role here on the asOf day (chair, chief executive)'),
    shareCapital: z.array(ShareCapitalRecordSchema).describe('The company’s dated share capital, every period (empty where no source gives counts)'),
  })
  .meta({ id: 'Company', description: 'A company as it stood on the asOf day' });

export const CompanyBrandListSchema = z
  .object({ ...AsOfMetaSchema, ...PageMetaSchema, items: z.array(AllianceBrandSchema) })
  .meta({ id: 'CompanyBrandList', description: 'A page of the brands a company owns, by name' });

export type CompanySummary = z.infer<typeof CompanySummarySchema>;
/** What the company repository reads; names and identifiers come from the name repository. */
export type Company = Omit<z.infer<typeof CompanySchema>, 'asOf' | 'names' | 'identifiers'>;
