import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TEXT_LIMITS } from '../services/research/cypher-guard.js';
import { EXPRESSION_LIMITS as L } from '../services/research/cypher-parse.js';
import { problemResponses } from '../schemas/problem.js';
import { CypherRequestSchema, CypherResultSchema } from '../schemas/research.js';
import { researchCors, researchPreflight, researchRouteOptions } from '../lib/research-routes.js';

const cypher: FastifyPluginAsyncZod<{ limits: import('../config.js').CypherLimits }> = async (app, { limits }) => {
  app.post(
    '/v1/cypher',
    {
      ...researchRouteOptions(limits),
      schema: {
        tags: ['research'],
        summary: 'Run one read-only Cypher statement',
        description:
          "Decided by what Neo4j would execute, in layers: a textual fast filter; Neo4j's own grammar (one statement; reading " +
          'clauses only; no LOAD CSV, USE, SHOW/TERMINATE, administration, schema commands or IN TRANSACTIONS; procedures on an allow-list; ' +
          `no reduce(); range() of at most ${L.rangeElements} elements (all ranges multiplied; ${L.unwoundRangeElements} when UNWIND ` +
          `takes it directly); comprehensions nested at most ` +
          `${L.comprehensionDepth} deep; at most ${L.plusOperators} + operators; strings of at most ${L.stringLength} characters; ` +
          `one replace() with a literal replacement of at most ${L.replacementLength}; regular expressions with at most ` +
          `${L.regexUnboundedQuantifiers} unbounded quantifiers that cannot backtrack catastrophically, on strings the query does not ` +
          `build; variable-length patterns of at most ${L.maxHops} hops; UNIONs of at most ${TEXT_LIMITS.unionBranches} branches); ` +
          'the EXPLAIN plan (read-only, every operator on the read allow-list); then a READ transaction that is rolled back, tagged, ' +
          `and terminated by id if it outlives its ${limits.timeoutMs / 1000} s timeout (422), capped at ${limits.maxRows} rows and ` +
          `${Math.round(limits.maxBytes / 1024)} KiB (truncated). Served only while Neo4j limits each transaction's memory (503 otherwise). ` +
          `Each client may spend ${limits.budgetSecondsPerMinute} s of query time a minute (RateLimit headers; 429 with Retry-After), ` +
          `and make ${limits.rateLimitPerMinute} requests a minute; ${limits.concurrency} research queries run at once with ${limits.queue} ` +
          'waiting, past that 429 with Retry-After. Browsers may call it only from origins the operator allows (403). Bodies up to 32 KiB; ' +
          'parameters nested at most 32 deep.',
        body: CypherRequestSchema,
        response: { 200: CypherResultSchema, ...problemResponses(400, 403, 413, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const { query, params, profile } = request.body;
      const door = app.research.door;
      try {
        return await door.run(query, params, { client: request.ip, profile });
      } finally {
        reply.headers(await door.budget.headers(request.ip));
      }
    },
  );
  app.options('/v1/cypher', researchPreflight(['POST'], researchCors(limits.corsOrigins)));
};

export default cypher;
