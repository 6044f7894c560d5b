import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem } from '../lib/problem.js';
import { IdParamsSchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import { CypherResultSchema, NamedQueryDetailSchema, NamedQueryRunSchema } from '../schemas/research.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { researchPreflight, researchRouteOptions } from '../lib/research-routes.js';

const queries: FastifyPluginAsyncZod<{ limits: import('../config.js').CypherLimits; deps: UseCaseDeps }> = async (app, { limits, deps }) => {
  const catalogue = deps.namedQueries;
  const params = IdParamsSchema.extend({ name: IdParamsSchema.shape.id.describe('The query’s name (its file name)') }).omit({ id: true });

  app.get(
    '/v1/queries/:name',
    {
      config: { policy: { admission: false, cache: true } },
      schema: {
        tags: ['research'],
        summary: 'One named query, with its exact Cypher text',
        params,
        response: { 200: NamedQueryDetailSchema, ...problemResponses(400, 404, 414) },
      },
    },
    async (request) => {
      const query = catalogue.findQuery(request.params.name);
      if (!query) throw new HttpProblem(404, `No query named "${request.params.name}"`);
      return query;
    },
  );

  app.post(
    '/v1/queries/:name',
    {
      ...researchRouteOptions(limits),
      schema: {
        tags: ['research'],
        summary: 'Run a named read query with parameters checked against its header',
        params,
        body: NamedQueryRunSchema,
        response: { 200: CypherResultSchema, ...problemResponses(400, 403, 404, 413, 414, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const door = app.research.door;
      const answer = await catalogue.runNamedQuery(request.params.name, request.body.params, (text, params) =>
        door.run(text, params, { client: request.ip, trusted: true }),
      );
      reply.headers(await door.budget.headers(request.ip));
      if (!answer) throw new HttpProblem(404, `No query named "${request.params.name}"`);
      return answer;
    },
  );
  // Preflights for POST are checked against the allowed origins; those for the GET above keep the API's CORS.
  app.options('/v1/queries/:name', researchPreflight(['POST']));
};

export default queries;
