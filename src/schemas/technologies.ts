import { z } from 'zod';
import { EntityRefSchema, IdSchema, PageMetaSchema, SourcesFieldSchema } from './common.js';

export const TechnologySchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    aliases: z.array(z.string()),
    category: z.string(),
    developedBy: z.array(z.object({ id: IdSchema, name: z.string(), stage: z.string(), sources: SourcesFieldSchema })),
    concernedBy: z.array(EntityRefSchema).describe('Plans and targets that concern this technology'),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'Technology', description: 'A technology the alliance develops or targets' });

export const TechnologyListSchema = z
  .object({ ...PageMetaSchema, items: z.array(TechnologySchema) })
  .meta({ id: 'TechnologyList', description: 'A page of technologies, by name' });
