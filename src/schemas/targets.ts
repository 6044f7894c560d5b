import { z } from 'zod';
import { IdSchema, PageMetaSchema } from './common.js';
import { TargetSchema } from './plans.js';

const Year = z.coerce.number().int().min(1900).max(2200);

export const TargetListQuerySchema = z.object({
  fromYear: Year.optional().describe('Only targets due in or after this year'),
  toYear: Year.optional().describe('Only targets due in or before this year'),
  kind: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .describe('e.g. ev-models, battery, carbon-neutrality'),
  subject: IdSchema.optional().describe('Only targets held by, or concerning, this entity (a plan, alliance, platform or technology)'),
});

export const TargetListSchema = z
  .object({ ...PageMetaSchema, items: z.array(TargetSchema) })
  .meta({ id: 'TargetList', description: 'A page of targets, by year' });
