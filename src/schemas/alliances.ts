import { z } from 'zod';
import { AsOfMetaSchema, IdSchema, IsoDate, PageMetaSchema, SourcesFieldSchema, ValiditySchema } from './common.js';

/** What the list and the single answer both say of an alliance. */
const AllianceFields = {
  id: IdSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  kind: z.string(),
  nationality: z.string().nullable(),
  foundedOn: IsoDate,
};

export const AllianceSummarySchema = z
  .object({
    ...AllianceFields,
    memberCount: z.number().int().describe('Members on the asOf day'),
    ...ValiditySchema,
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'AllianceSummary' });

export const ALLIANCE_KINDS = ['strategic alliance', 'capital alliance', 'group', 'joint venture'] as const;

export const AllianceListQuerySchema = z.object({
  kind: z.enum(ALLIANCE_KINDS).optional().describe('Only alliances of this kind: a strategic or capital alliance, a company group, a joint venture'),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR or JP')
    .optional()
    .describe('Only alliances with a member from this country on the asOf day'),
});

export const AllianceListSchema = z
  .object({ ...AsOfMetaSchema, ...PageMetaSchema, items: z.array(AllianceSummarySchema) })
  .meta({ id: 'AllianceList', description: 'A page of alliances, ordered by id' });

export const MembershipSchema = z
  .object({
    id: IdSchema.describe('The member company'),
    name: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2'),
    role: z.enum(['founding-member', 'member', 'parent', 'subsidiary', 'affiliate', 'partner']),
    since: IsoDate.nullable(),
    until: IsoDate.nullable(),
    sources: SourcesFieldSchema,
  })
  .meta({
    id: 'Membership',
    description: 'A company’s membership of an alliance, with its period and sources',
    example: { id: 'renault', name: 'Renault', country: 'FR', role: 'founding-member', since: '1999-03-27', until: null, sources: ['autotrendy-2022-02-08'] },
  });

export const HeadcountSchema = z
  .object({
    id: IdSchema,
    value: z.number(),
    unit: z.string().nullable(),
    precision: z.string().nullable().describe('exact, about, around, more-than …'),
    observedOn: IsoDate.nullable().describe('When the figure was reported; null for undated claims'),
    note: z.string().nullable(),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'Headcount', description: 'A reported headcount; claims that disagree stand side by side' });

export const PlanRefSchema = z.object({ id: IdSchema, name: z.string(), announcedOn: IsoDate, horizonYear: z.number().int() }).meta({ id: 'PlanRef' });

export const AllianceSchema = z
  .object({
    ...AsOfMetaSchema,
    ...AllianceFields,
    description: z.string().nullable(),
    ...ValiditySchema,
    sources: SourcesFieldSchema,
    members: z.array(MembershipSchema).describe('Members on the asOf day, in order of joining'),
    brandCount: z.number().int().describe('Brands the members own on the asOf day'),
    latestHeadcount: HeadcountSchema.nullable().describe('The most recent dated headcount reported on or before asOf'),
    headcountClaims: z.array(HeadcountSchema).describe('Every headcount reported on or before asOf (and undated ones), newest first'),
    plans: z.array(PlanRefSchema),
  })
  .meta({
    id: 'Alliance',
    description: 'An alliance as it stood on the asOf day',
  });

export const MemberListSchema = z
  .object({ ...AsOfMetaSchema, ...PageMetaSchema, items: z.array(MembershipSchema) })
  .meta({ id: 'MemberList', description: 'A page of an alliance’s members, in order of joining' });

export const AllianceBrandSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    aliases: z.array(z.string()),
    owner: z.object({ id: IdSchema, name: z.string() }).describe('The member company that owns the brand'),
    via: z.string().nullable().describe('The operating company, where the owner holds the brand through one'),
    since: IsoDate.nullable(),
    sincePrecision: z.enum(['day', 'month', 'year']).nullable(),
    until: IsoDate.nullable(),
    sources: SourcesFieldSchema,
  })
  .meta({
    id: 'OwnedBrand',
    description: 'A brand with its owning company and the period of ownership',
    example: {
      id: 'lada',
      name: 'Lada',
      aliases: ['AvtoVAZ'],
      owner: { id: 'renault', name: 'Renault' },
      via: 'AvtoVAZ',
      since: '2014-06-18',
      sincePrecision: null,
      until: '2022-05-16',
      sources: ['autotrendy-2022-02-08', 'autonews-2022-05-16-avtovaz'],
    },
  });

export const AllianceBrandListSchema = z
  .object({ ...AsOfMetaSchema, ...PageMetaSchema, items: z.array(AllianceBrandSchema) })
  .meta({ id: 'AllianceBrandList', description: 'A page of the brands an alliance’s members own, by name' });

export type AllianceSummary = z.infer<typeof AllianceSummarySchema>;
export type Membership = z.infer<typeof MembershipSchema>;
export type Headcount = z.infer<typeof HeadcountSchema>;
export type PlanRef = z.infer<typeof PlanRefSchema>;
export type AllianceBrand = z.infer<typeof AllianceBrandSchema>;
export type Alliance = Omit<z.infer<typeof AllianceSchema>, 'asOf'>;
