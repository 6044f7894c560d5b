import { z } from 'zod';
import { AsOfMetaSchema, EntityRefSchema, IdSchema, IsoDate, PageMetaSchema, SourcesFieldSchema, ValiditySchema } from './common.js';
import { NamesAndIdentifiersFields } from './names.js';

export const BrandStatusSchema = z
  .enum(['active', 'former', 'future'])
  .describe('active: owned on the asOf day; former: every ownership had ended by then; future: none had started');

export const BrandListQuerySchema = z.object({
  owner: IdSchema.optional().describe('Only brands this company owns on the asOf day'),
  status: BrandStatusSchema.optional(),
  alliance: IdSchema.optional().describe('Only brands owned by members of this alliance on the asOf day'),
});

const BrandFields = {
  id: IdSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  segment: z.string().nullable(),
  ...ValiditySchema,
  sources: SourcesFieldSchema,
};

export const BrandSummarySchema = z
  .object({
    ...BrandFields,
    status: BrandStatusSchema,
    owner: z.object({ id: IdSchema, name: z.string() }).nullable(),
    via: z.string().nullable(),
  })
  .meta({ id: 'BrandSummary' });

export const BrandListSchema = z
  .object({ ...AsOfMetaSchema, ...PageMetaSchema, items: z.array(BrandSummarySchema) })
  .meta({ id: 'BrandList', description: 'A page of brands, by name' });

export const BrandOwnershipSchema = z
  .object({
    owner: z.object({ id: IdSchema, name: z.string() }),
    via: z.string().nullable(),
    ...ValiditySchema,
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'BrandOwnership' });

export const BrandSchema = z
  .object({
    ...AsOfMetaSchema,
    ...BrandFields,
    status: BrandStatusSchema,
    ownerChain: z.array(EntityRefSchema).describe('From the brand up to the alliance on the asOf day: brand, owning company, alliance(s)'),
    ownerChainSources: SourcesFieldSchema.optional().describe('Sources of the ownership and membership links of the chain'),
    ownership: z.array(BrandOwnershipSchema).describe('Every dated ownership of the brand, oldest first'),
    renames: z.array(
      z.object({
        direction: z.enum(['renamed-to', 'renamed-from']),
        brand: z.object({ id: IdSchema, name: z.string() }),
        on: IsoDate.nullable(),
        sources: SourcesFieldSchema,
      }),
    ),
    names: NamesAndIdentifiersFields.names,
  })
  .meta({ id: 'Brand', description: 'A brand as it stood on the asOf day, with its owner chain and history' });

export type BrandSummary = z.infer<typeof BrandSummarySchema>;
/** What the brand repository reads; names in other languages come from the name repository. */
export type Brand = Omit<z.infer<typeof BrandSchema>, 'asOf' | 'names'>;
