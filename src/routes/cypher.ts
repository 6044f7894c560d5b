import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../schemas/problem.js';
import { CypherRequestSchema, CypherResultSchema } from '../schemas/research.js';

const cypher: FastifyPluginAsyncZod<{ limits: import('../config.js').CypherLimits }> = async (app, { limits }) => {
  app.post(
    '/v1/cypher',
    {
      bodyLimit: 32 * 1024,
      config: { rateLimit: { max: limits.rateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['research'],
        summary: 'Run one read-only Cypher statement',
        description:
          'Read-only in layers: refused outright are several statements, LOAD CSV, USE, SHOW, administration and schema commands, ' +
          'CALL { … } IN TRANSACTIONS and procedures outside an allow-list; EXPLAIN must plan the query as read-only; it runs in a READ ' +
          `transaction that is rolled back, with a ${limits.timeoutMs / 1000} s timeout (422) and a ${limits.maxRows}-row cap (truncated). ` +
          `At most ${limits.rateLimitPerMinute} requests a minute per client (429 with Retry-After); bodies up to 32 KiB.`,
        body: CypherRequestSchema,
        response: { 200: CypherResultSchema, ...problemResponses(400, 413, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const { query, params, profile } = request.body;
      const door = app.research.door;
      try {
        return await door.run(query, params, { client: request.ip, profile });
      } finally {
        reply.headers(door.budget.headers(request.ip));
      }
    },
  );
};

export default cypher;
