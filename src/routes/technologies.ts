import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { includeSources } from '../lib/expand-sources.js';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { PagingQuerySchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import { TechnologyListSchema } from '../schemas/technologies.js';

const technologies: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/technologies',
    {
      schema: {
        tags: ['plans'],
        summary: 'List technologies, who develops them and which plans and targets concern them',
        querystring: PagingQuerySchema.extend({ include: z.enum(['sources']).optional() }),
        response: { 200: TechnologyListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { limit, cursor, include } = request.query;
      const offset = decodeCursor(cursor);
      const { total, items } = await app.repositories.catalogue.listTechnologies(offset, limit);
      return includeSources({ ...pageMeta(total, offset, limit), items }, include, app.repositories.sources);
    },
  );
};

export default technologies;
