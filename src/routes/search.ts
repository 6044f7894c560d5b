import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decodeCursor, pageMeta } from '../lib/paging.js';
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
      const { q, limit, cursor } = request.query;
      const offset = decodeCursor(cursor);
      const lucene = toLuceneQuery(q);
      const { total, items } = lucene ? await app.repositories.graph.searchEntities(lucene, offset, limit) : { total: 0, items: [] };
      return { q, ...pageMeta(total, offset, limit), items };
    },
  );
};

export default search;
