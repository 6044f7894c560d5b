import { z } from 'zod';
import { IdSchema, PageMetaSchema, SourcesFieldSchema } from './common.js';

export const PlatformSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    aliases: z.array(z.string()),
    use: z.string().nullable(),
    usedBy: z.array(z.object({ id: IdSchema, name: z.string() })).describe('Plans built on this platform'),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'Platform', description: 'A common vehicle platform' });

export const PlatformListSchema = z
  .object({ ...PageMetaSchema, items: z.array(PlatformSchema) })
  .meta({ id: 'PlatformList', description: 'A page of platforms, by name' });
