import { z } from 'zod';
import { PageMetaSchema, SourceSchema } from './common.js';

export const SourceListSchema = z
  .object({ ...PageMetaSchema, items: z.array(SourceSchema) })
  .meta({ id: 'SourceList', description: 'A page of sources, ordered by id' });

export const SourceDetailSchema = z
  .object({
    source: SourceSchema,
    cites: z.object({ nodes: z.number().int(), relationships: z.number().int() }).describe('How many nodes and relationships name this source'),
  })
  .meta({ id: 'SourceDetail', description: 'A source and how many facts cite it' });
