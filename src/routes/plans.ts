import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { includeSources } from '../lib/expand-sources.js';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { notFound } from '../lib/problem.js';
import { IdParamsSchema, PagingQuerySchema } from '../schemas/common.js';
import { PlanListSchema, PlanSchema } from '../schemas/plans.js';
import { problemResponses } from '../schemas/problem.js';

const IncludeQuery = z.object({ include: z.enum(['sources']).optional().describe('"sources" expands source ids inline') });

const plans: FastifyPluginAsyncZod = async (app) => {
  const repository = app.repositories.plans;
  const sources = app.repositories.sources;

  app.get(
    '/v1/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'List plans with their investment and horizon',
        querystring: PagingQuerySchema.extend(IncludeQuery.shape),
        response: { 200: PlanListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { limit, cursor, include } = request.query;
      const offset = decodeCursor(cursor);
      const { total, items } = await repository.listPlans(offset, limit);
      return includeSources({ ...pageMeta(total, offset, limit), items }, include, sources);
    },
  );

  app.get(
    '/v1/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'One plan: investment (amount + currency), horizon, targets, platforms, technologies',
        params: IdParamsSchema,
        querystring: IncludeQuery,
        response: { 200: PlanSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) => {
      const plan = await repository.findPlan(request.params.id);
      if (!plan) throw notFound('plan', request.params.id);
      return includeSources(plan, request.query.include, sources);
    },
  );
};

export default plans;
