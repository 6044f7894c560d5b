import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listPage } from '../services/answers/dated-answer.js';
import { toLuceneQuery } from '../lib/search-query.js';
import { problemResponses } from '../schemas/problem.js';
import { SearchQuerySchema, SearchResultSchema } from '../schemas/search.js';

const search: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Full-text search over the names and aliases of every entity, ranked',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { q } = request.query;
      const lucene = toLuceneQuery(q);
      const search = app.repositories.search;
      return listPage(request.query, app.repositories.sources, (offset, limit) => (lucene ? search.searchEntities(lucene, offset, limit) : Promise.resolve({ total: 0, items: [] })), { q });
    },
  );
};

export default search;
