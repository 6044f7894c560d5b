import { z } from 'zod';
import { AsOfMetaSchema, AsOfQuerySchema, EntityRefSchema, IdSchema, SourcesFieldSchema, ValiditySchema } from './common.js';

export const PathQuerySchema = AsOfQuerySchema.extend({
  from: IdSchema.describe('Id of the first entity'),
  to: IdSchema.describe('Id of the last entity'),
});

export const PathEdgeSchema = z
  .object({
    id: IdSchema,
    type: z.string().describe('Relationship type, e.g. OWNS_BRAND'),
    from: IdSchema.describe('Where the relationship starts (it may point against the path)'),
    to: IdSchema,
    ...ValiditySchema,
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'PathEdge' });

export const PathSchema = z
  .object({
    ...AsOfMetaSchema,
    from: IdSchema,
    to: IdSchema,
    length: z.number().int().describe('Number of edges'),
    nodes: z.array(EntityRefSchema).describe('From the first entity to the last'),
    edges: z.array(PathEdgeSchema),
  })
  .meta({ id: 'Path', description: 'A shortest path between two entities over relationships valid on the asOf day' });
