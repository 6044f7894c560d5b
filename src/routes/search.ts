import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { NameSearch } from '../services/names/name-search.js';
import { problemResponses } from '../schemas/problem.js';
import { SearchQuerySchema, SearchResultSchema } from '../schemas/search.js';

/** Candidates ranked per query; the graph's names are few, so every relevant hit fits. */
const SEARCH_CANDIDATES = 500;

const search: FastifyPluginAsyncZod = async (app) => {
  const names = new NameSearch(app.repositories.names);
  app.get(
    '/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search the names of every entity in any script and through typos, ranked exact > alias > partial > fuzzy',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { q, limit, cursor } = request.query;
      const offset = decodeCursor(cursor);
      const ranked = await names.search(q, { candidates: SEARCH_CANDIDATES });
      const items = ranked.slice(offset, offset + limit).map(({ id, type, name, aliases, score, match, matchedName }) => ({ id, type, name, aliases, score, match, matchedName }));
      return { q, ...pageMeta(ranked.length, offset, limit), items };
    },
  );
};

export default search;
