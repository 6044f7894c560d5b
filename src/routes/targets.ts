import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listPage } from '../services/answers/dated-answer.js';
import { HttpProblem } from '../lib/problem.js';
import { PagedIncludeQuerySchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import { TargetListQuerySchema, TargetListSchema } from '../schemas/targets.js';

const targets: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/targets',
    {
      schema: {
        tags: ['plans'],
        summary: 'List targets by year, filtered by year range, kind and subject',
        querystring: PagedIncludeQuerySchema.extend(TargetListQuerySchema.shape),
        response: { 200: TargetListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { fromYear, toYear, kind, subject } = request.query;
      if (fromYear !== undefined && toYear !== undefined && fromYear > toYear) {
        throw new HttpProblem(400, `fromYear ${fromYear} is after toYear ${toYear}`, {
          errors: [{ location: 'querystring', path: 'fromYear', message: 'must not be after toYear' }],
        });
      }
      return listPage(request.query, app.repositories.sources, (offset, limit) => app.repositories.targets.listTargets({ fromYear, toYear, kind, subject }, offset, limit));
    },
  );
};

export default targets;
