import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem, RETRY_AFTER_UNAVAILABLE_SECONDS } from '../lib/problem.js';
import { isNeo4jUnavailable } from '../db/errors.js';
import { LivenessSchema, ReadinessSchema } from '../schemas/health.js';
import { problemResponses } from '../schemas/problem.js';
import { checkGraphReadiness } from '../use-cases/pages.js';
import type { UseCaseDeps } from '../use-cases/deps.js';

const health: FastifyPluginAsyncZod<{ deps: UseCaseDeps }> = async (app, { deps }) => {
  app.get(
    '/health/live',
    {
      config: { policy: { httpCaching: 'no-store' } },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process is up',
        response: { 200: LivenessSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { policy: { httpCaching: 'no-store' } },
      schema: {
        tags: ['health'],
        summary: 'Readiness: Neo4j reachable over Bolt and the schema applied; whether researchers’ Cypher is on, and why',
        response: { 200: ReadinessSchema, ...problemResponses(503) },
      },
    },
    async () => {
      try {
        const { info, missing, schemaObjects } = await checkGraphReadiness(deps);
        const gate = app.research.door.gate;
        // Reported, never awaited: the typed API is ready whether or not researchers' own database is.
        const database = app.research.database();
        if (missing.length > 0) {
          throw new HttpProblem(503, `The schema is not applied yet (missing: ${missing.join(', ')})`, {
            retryAfterSeconds: RETRY_AFTER_UNAVAILABLE_SECONDS,
          });
        }
        return {
          status: 'ready' as const,
          neo4j: { version: info.version, edition: info.edition },
          schema: { constraintsAndIndexes: schemaObjects },
          research: {
            cypher: gate.open ? ('on' as const) : ('off' as const),
            reason: gate.reason,
            transactionMemoryMax: gate.transactionMemoryMax,
            database: { state: database.state, reason: database.reason, datasetVersion: database.datasetVersion, checkedAt: database.checkedAt },
          },
        };
      } catch (error) {
        if (error instanceof HttpProblem) throw error;
        // Any failure to read the server's state means "not ready", never a 500.
        app.log.warn({ err: error, unavailable: isNeo4jUnavailable(error) }, 'readiness check failed');
        throw new HttpProblem(503, 'Neo4j is not reachable', { retryAfterSeconds: RETRY_AFTER_UNAVAILABLE_SECONDS });
      }
    },
  );
};

export default health;
