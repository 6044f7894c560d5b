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
  })
  .meta({
    id: 'Readiness',
    description: 'Neo4j answers over Bolt and every declared constraint and index is online',
    example: { status: 'ready', neo4j: { version: '5.26.30', edition: 'community' }, schema: { constraintsAndIndexes: 14 } },
  });

export type Readiness = z.infer<typeof ReadinessSchema>;
