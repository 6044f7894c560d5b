import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { includeSources } from '../services/answers/expand-sources.js';
import { today } from '../lib/dates.js';
import { HttpProblem } from '../lib/problem.js';
import { PathQuerySchema, PathSchema } from '../schemas/paths.js';
import { problemResponses } from '../schemas/problem.js';

const paths: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/path',
    {
      schema: {
        tags: ['graph'],
        summary: 'The shortest path between any two entities, as nodes and edges valid on a date',
        querystring: PathQuerySchema,
        response: { 200: PathSchema, ...problemResponses(400, 404, 429, 503) },
      },
    },
    async (request) => {
      const { from, to, include } = request.query;
      const asOf = request.query.asOf ?? today();
      const graph = app.repositories.paths;
      const path = await graph.findPath(from, to, asOf);
      if (!path) {
        const unknown = await graph.findUnknownIds([...new Set([from, to])]);
        if (unknown.length > 0) throw new HttpProblem(404, `No entity with id ${unknown.map((id) => `"${id}"`).join(' or ')}`);
        throw new HttpProblem(404, `No path between "${from}" and "${to}" over relationships valid on ${asOf} (up to 8 hops)`);
      }
      return includeSources({ asOf, ...path }, include, app.repositories.sources);
    },
  );
};

export default paths;
