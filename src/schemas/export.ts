import { z } from 'zod';
import { IdSchema } from './common.js';

export const ExportQuerySchema = z.object({
  format: z.enum(['json', 'csv', 'bods']).default('json').describe('json: the whole dataset; csv: one table (see part); bods: BODS 0.4 statements'),
  part: z.enum(['relationships', 'nodes', 'sources']).default('relationships').describe('Which table format=csv returns'),
});

export const ExportSchema = z
  .object({
    version: z.string().nullable().describe('The dataset version (content hash) loaded in the graph'),
    sources: z.array(z.record(z.string(), z.unknown())),
    nodes: z.array(z.object({ id: IdSchema, label: z.string() }).catchall(z.unknown())),
    relationships: z.array(z.object({ id: IdSchema, type: z.string(), from: IdSchema, to: IdSchema }).catchall(z.unknown())),
  })
  .meta({ id: 'DatasetExport', description: 'Every node, relationship and source of the graph, with all their properties' });
