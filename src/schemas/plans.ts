import { z } from 'zod';
import { EntityRefSchema, IdSchema, IsoDate, PageMetaSchema, SourcesFieldSchema, ValiditySchema } from './common.js';

export const MoneySchema = z
  .object({
    amount: z.number().describe('In units of the currency (23000000000 = 23 billion)'),
    currency: z.string().describe('ISO 4217'),
    precision: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Money', example: { amount: 23000000000, currency: 'EUR', precision: 'exact', note: null } });

export const QuantitySchema = z
  .object({ count: z.number().int(), unit: z.string(), precision: z.string().nullable() })
  .meta({ id: 'Quantity', example: { count: 35, unit: 'EV models', precision: 'exact' } });

export const TargetSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    kind: z.string(),
    year: z.number().int().nullable(),
    quantity: QuantitySchema.nullable(),
    description: z.string().nullable(),
    heldBy: z.array(EntityRefSchema).optional(),
    concerns: z.array(EntityRefSchema).describe('Platforms and technologies the target concerns'),
    sources: SourcesFieldSchema,
  })
  .meta({
    id: 'Target',
    description: 'A dated goal',
    example: {
      id: 'ev-models-35-by-2030',
      name: '35 new EV models by 2030',
      kind: 'ev-models',
      year: 2030,
      quantity: { count: 35, unit: 'EV models', precision: 'exact' },
      description: null,
      concerns: [{ id: 'electrification', type: 'Technology', name: 'Electrification' }],
      sources: ['autotrendy-2022-02-08'],
    },
  });

const PlanFields = {
  id: IdSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  announcedOn: IsoDate,
  horizonYear: z.number().int(),
  investment: MoneySchema.nullable(),
  pillars: z.array(z.string()),
  description: z.string().nullable(),
  holder: z.object({ id: IdSchema, name: z.string() }).nullable(),
  ...ValiditySchema,
  sources: SourcesFieldSchema,
};

export const PlanSummarySchema = z.object(PlanFields).meta({ id: 'PlanSummary' });

export const PlanListSchema = z
  .object({ ...PageMetaSchema, items: z.array(PlanSummarySchema) })
  .meta({ id: 'PlanList', description: 'A page of plans, by announcement date' });

export const PlatformRefSchema = z.object({ id: IdSchema, name: z.string(), use: z.string().nullable(), sources: SourcesFieldSchema });
export const TechnologyRefSchema = z.object({ id: IdSchema, name: z.string(), category: z.string(), sources: SourcesFieldSchema });

export const PlanSchema = z
  .object({
    ...PlanFields,
    targets: z.array(TargetSchema),
    platforms: z.array(PlatformRefSchema),
    technologies: z.array(TechnologyRefSchema),
  })
  .meta({ id: 'Plan', description: 'A plan with its investment, horizon, targets, platforms and technologies' });

export type PlanSummary = z.infer<typeof PlanSummarySchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type Target = z.infer<typeof TargetSchema>;
