import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listPage } from '../services/answers/dated-answer.js';
import { notFound } from '../lib/problem.js';
import { IdParamsSchema, PagingQuerySchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import { SourceDetailSchema, SourceListSchema } from '../schemas/sources.js';

const sources: FastifyPluginAsyncZod = async (app) => {
  const repository = app.repositories.sources;

  app.get(
    '/v1/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'List the sources of the graph’s facts',
        querystring: PagingQuerySchema,
        response: { 200: SourceListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      return listPage(request.query, repository, (offset, limit) => repository.listSources(offset, limit));
    },
  );

  app.get(
    '/v1/sources/:id',
    {
      schema: {
        tags: ['sources'],
        summary: 'One source, and how many facts cite it',
        params: IdParamsSchema,
        response: { 200: SourceDetailSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) => {
      const found = await repository.findSource(request.params.id);
      if (!found) throw notFound('source', request.params.id);
      return found;
    },
  );
};

export default sources;
