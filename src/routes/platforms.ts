import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { includeSources } from '../lib/expand-sources.js';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { PagingQuerySchema } from '../schemas/common.js';
import { PlatformListSchema } from '../schemas/platforms.js';
import { problemResponses } from '../schemas/problem.js';

const platforms: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/platforms',
    {
      schema: {
        tags: ['plans'],
        summary: 'List the common vehicle platforms, with the plans built on them',
        querystring: PagingQuerySchema.extend({ include: z.enum(['sources']).optional() }),
        response: { 200: PlatformListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { limit, cursor, include } = request.query;
      const offset = decodeCursor(cursor);
      const { total, items } = await app.repositories.catalogue.listPlatforms(offset, limit);
      return includeSources({ ...pageMeta(total, offset, limit), items }, include, app.repositories.sources);
    },
  );
};

export default platforms;
