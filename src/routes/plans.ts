import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../lib/problem.js';
import { includeSources } from '../services/answers/expand-sources.js';
import { listPage } from '../services/answers/dated-answer.js';
import { IdParamsSchema, IncludeQuerySchema, PagedIncludeQuerySchema } from '../schemas/common.js';
import { PlanListSchema, PlanSchema } from '../schemas/plans.js';
import { problemResponses } from '../schemas/problem.js';

const plans: FastifyPluginAsyncZod = async (app) => {
  const repository = app.repositories.plans;
  const sources = app.repositories.sources;

  app.get(
    '/v1/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'List plans with their investment and horizon',
        querystring: PagedIncludeQuerySchema,
        response: { 200: PlanListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => listPage(request.query, sources, (offset, limit) => repository.listPlans(offset, limit)),
  );

  app.get(
    '/v1/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'One plan: investment (amount + currency), horizon, targets, platforms, technologies',
        params: IdParamsSchema,
        querystring: IncludeQuerySchema,
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
