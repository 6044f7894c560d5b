import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listPage } from '../services/answers/dated-answer.js';
import { HttpProblem } from '../lib/problem.js';
import { problemResponses } from '../schemas/problem.js';
import { TimelineQuerySchema, TimelineSchema } from '../schemas/timeline.js';

const timeline: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/timeline',
    {
      schema: {
        tags: ['timeline'],
        summary: 'Dated entries: founding, members joining, stake and brand changes, plan announcement, target years',
        querystring: TimelineQuerySchema,
        response: { 200: TimelineSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const from = request.query.from ?? null;
      const to = request.query.to ?? null;
      if (from && to && from > to) {
        throw new HttpProblem(400, `from ${from} is after to ${to}`, {
          errors: [{ location: 'querystring', path: 'from', message: 'must not be after to' }],
        });
      }
      return listPage(request.query, app.repositories.sources, (offset, limit) => app.repositories.timeline.listTimeline(from, to, offset, limit, request.query.alliance ?? null), { from, to, alliance: request.query.alliance });
    },
  );
};

export default timeline;
