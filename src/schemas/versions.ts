import { z } from 'zod';
import { PageMetaSchema, PagingQuerySchema } from './common.js';

export const VersionRefSchema = z
  .object({
    number: z.number().int().describe('1 for the first recorded load, then 2, 3, …'),
    hash: z.string().describe('The content hash of data/ at that load (sha256)'),
    loadedAt: z.string().describe('When it was loaded (ISO timestamp)'),
  })
  .meta({ id: 'DataVersionRef', description: 'A dataset version: one load of data/ that changed the graph' });

const Counts = z.object({ created: z.number().int(), corrected: z.number().int(), removed: z.number().int() });

export const VersionSchema = VersionRefSchema.extend({
  message: z.string().nullable().describe('What the load was for, as given to the seed'),
  files: z.array(z.string()),
  nodeCount: z.number().int().describe('Entities and sources in the dataset'),
  relationshipCount: z.number().int(),
  nodes: Counts.describe('What this load did to nodes'),
  relationships: Counts.describe('What this load did to relationships'),
}).meta({ id: 'DataVersion' });

export const VersionsQuerySchema = PagingQuerySchema;

export const VersionsSchema = z
  .object({
    current: VersionRefSchema.nullable().describe('The version the graph holds now (null: none recorded)'),
    ...PageMetaSchema,
    items: z.array(VersionSchema).describe('Newest first'),
  })
  .meta({ id: 'DataVersions', description: 'Every recorded load of data/' });

export const VersionDiffParamsSchema = z.object({
  a: z.string().regex(/^\d+$/, 'must be a version number').describe('The earlier version number'),
  b: z.string().regex(/^\d+$/, 'must be a version number').describe('The later version number'),
});

const StatementState = z.object({
  type: z.string().describe('The relationship type or node label'),
  from: z.string().nullable(),
  to: z.string().nullable(),
  props: z.record(z.string(), z.unknown()),
});

export const VersionDiffSchema = z
  .object({
    from: VersionRefSchema,
    to: VersionRefSchema,
    items: z.array(
      z.object({
        kind: z.enum(['node', 'relationship']),
        id: z.string(),
        change: z.enum(['added', 'corrected', 'removed']),
        before: StatementState.nullable().describe('The statement as version a held it (null: none)'),
        after: StatementState.nullable().describe('The statement as version b holds it (null: none)'),
      }),
    ),
  })
  .meta({ id: 'DataVersionDiff', description: 'What the loads between two versions added, corrected and removed' });

/** Added to the structure endpoints: answer as the data stood at an earlier load. */
export const KnownAtQuerySchema = z.object({
  knownAt: z
    .string()
    .max(64)
    .optional()
    .describe(
      'Answer as the data stood at a dataset version: its number, its content hash, or a date or ISO timestamp (the latest version loaded by then). Default: the current data',
    ),
});

export const DataVersionFieldSchema = VersionRefSchema.nullable().describe('The dataset version the answer comes from (null: none recorded)');
