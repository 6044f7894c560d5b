import { z } from 'zod';
import { IdSchema } from './common.js';

export const CypherRequestSchema = z
  .object({
    query: z.string().min(1).max(20_000).describe('One read-only Cypher statement'),
    params: z.record(z.string().max(100), z.unknown()).default({}).describe('Parameters, referenced as $name'),
    profile: z.boolean().default(false).describe('Run with PROFILE and report the total db hits'),
  })
  .strict()
  .meta({
    id: 'CypherRequest',
    example: { query: 'MATCH (c:Company {country: $country}) RETURN c.name AS name ORDER BY name', params: { country: 'JP' } },
  });

export const CypherResultSchema = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(z.array(z.unknown())).describe('One array per record, in column order; nodes, relationships and paths as objects'),
    truncated: z.boolean().describe('True when the row cap or the byte cap cut the result'),
    summary: z.object({
      queryType: z.string().describe('"r": read-only (the only kind that runs)'),
      resultAvailableAfterMs: z.number().nullable(),
      resultConsumedAfterMs: z.number().nullable(),
      dbHits: z.number().optional().describe('With profile: the db hits of the whole plan'),
    }),
  })
  .meta({
    id: 'CypherResult',
    description: 'The records of a read-only query, as plain JSON',
    example: {
      columns: ['name'],
      rows: [['Mitsubishi Motors'], ['Nissan']],
      truncated: false,
      summary: { queryType: 'r', resultAvailableAfterMs: 2, resultConsumedAfterMs: 1 },
    },
  });

export const QueryParamSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'date', 'integer', 'number', 'boolean', 'string[]', 'map[]']),
  optional: z.boolean(),
  description: z.string(),
});

export const NamedQuerySchema = z
  .object({
    name: IdSchema,
    file: z.string().describe('Path under cypher/queries/'),
    description: z.string(),
    params: z.array(QueryParamSchema),
    mode: z.enum(['read', 'write', 'research']).describe('read: behind an endpoint; research: for researchers; write: used by the loader'),
    usedBy: z.string().nullable().describe('The endpoint or command that runs it'),
    runnable: z.boolean().describe('Whether POST /v1/queries/{name} runs it (read-only and through the Cypher door)'),
  })
  .meta({ id: 'NamedQuery', description: 'A Cypher file of the catalogue' });

export const NamedQueryListSchema = z
  .object({ total: z.number().int(), items: z.array(NamedQuerySchema) })
  .meta({ id: 'NamedQueryList', description: 'Every Cypher file the API runs, by name' });

export const NamedQueryDetailSchema = NamedQuerySchema.extend({ text: z.string().describe('The exact Cypher, header included') }).meta({
  id: 'NamedQueryDetail',
  description: 'A Cypher file of the catalogue, with its text',
});

export const NamedQueryRunSchema = z
  .object({ params: z.record(z.string(), z.unknown()).default({}) })
  .strict()
  .meta({ id: 'NamedQueryRun', example: { params: { asOf: '2022-02-08' } } });
