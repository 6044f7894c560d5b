import { z } from 'zod';

export const LivenessSchema = z
  .object({ status: z.literal('ok') })
  .meta({ id: 'Liveness', description: 'The process is up and serving', example: { status: 'ok' } });

export const ReadinessSchema = z
  .object({
    status: z.literal('ready'),
    neo4j: z.object({
      version: z.string().describe('Version of the Neo4j server'),
      edition: z.string().describe('community or enterprise'),
    }),
    schema: z.object({
      constraintsAndIndexes: z.number().int().describe('How many declared constraints and indexes are online'),
    }),
    research: z
      .object({
        cypher: z.enum(['on', 'off']).describe('Whether POST /v1/cypher and the named-query runs are served'),
        reason: z.string().describe('Why: the per-transaction memory limit Neo4j enforces, or what is missing'),
        transactionMemoryMax: z.string().nullable().describe("Neo4j's db.memory.transaction.max, as the server reports it"),
        database: z
          .object({
            state: z
              .enum(['shared', 'starting', 'unreachable', 'loading', 'behind', 'ready'])
              .describe('shared: researchers use the main Neo4j; ready: their own answers at the API’s dataset version; otherwise why they wait'),
            reason: z.string(),
            datasetVersion: z.string().nullable().describe('The dataset version researchers’ own database holds'),
            checkedAt: z.string().nullable(),
          })
          .describe('Researchers’ own Neo4j (RESEARCH_NEO4J_URI, or the second local instance of npm start); the API is ready whatever its state'),
      })
      .describe('Researchers’ Cypher is served only when Neo4j limits each transaction’s memory'),
  })
  .meta({
    id: 'Readiness',
    description: 'Neo4j answers over Bolt and every declared constraint and index is online',
    example: {
      status: 'ready',
      neo4j: { version: '5.26.30', edition: 'community' },
      schema: { constraintsAndIndexes: 14 },
      research: {
        cypher: 'on',
        reason: "Each research transaction may use at most 64.00MiB of Neo4j's memory",
        transactionMemoryMax: '64.00MiB',
        database: {
          state: 'ready',
          reason: 'Researchers’ queries run on a database of their own, at dataset 3f2a9c0d1b7e',
          datasetVersion: '3f2a9c0d1b7e',
          checkedAt: '2026-01-01T00:00:00.000Z',
        },
      },
    },
  });

export type Readiness = z.infer<typeof ReadinessSchema>;
