import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { includeSources } from '../lib/expand-sources.js';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { HttpProblem } from '../lib/problem.js';
import { PagingQuerySchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import { TargetListQuerySchema, TargetListSchema } from '../schemas/targets.js';
import { z } from 'zod';

const targets: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/targets',
    {
      schema: {
        tags: ['plans'],
        summary: 'List targets by year, filtered by year range, kind and subject',
        querystring: PagingQuerySchema.extend(TargetListQuerySchema.shape).extend({ include: z.enum(['sources']).optional() }),
        response: { 200: TargetListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { limit, cursor, include, fromYear, toYear, kind, subject } = request.query;
      if (fromYear !== undefined && toYear !== undefined && fromYear > toYear) {
        throw new HttpProblem(400, `fromYear ${fromYear} is after toYear ${toYear}`, {
          errors: [{ location: 'querystring', path: 'fromYear', message: 'must not be after toYear' }],
        });
      }
      const offset = decodeCursor(cursor);
      const { total, items } = await app.repositories.targets.listTargets({ fromYear, toYear, kind, subject }, offset, limit);
      return includeSources({ ...pageMeta(total, offset, limit), items }, include, app.repositories.sources);
    },
  );
};

export default targets;
