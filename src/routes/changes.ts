import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { HttpProblem } from '../lib/problem.js';
import { includeSources } from '../services/answers/expand-sources.js';
import { findChanges } from '../services/changes/changes-service.js';
import { OwnershipCycleError } from '../services/ownership/look-through.js';
import { versionRef } from '../services/versions/versions.js';
import { ChangesQuerySchema, ChangesSchema } from '../schemas/changes.js';
import { problemResponses } from '../schemas/problem.js';

const changes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/changes',
    {
      schema: {
        tags: ['timeline'],
        summary: 'What changed between two days: stakes, brand ownership, memberships, roles, plans and targets, before and after, with the events behind them and the derived look-through and control',
        querystring: ChangesQuerySchema,
        response: { 200: ChangesSchema, ...problemResponses(400, 422, 503) },
      },
    },
    async (request) => {
      const { from, to, limit, include } = request.query;
      if (from > to) {
        throw new HttpProblem(400, `from ${from} is after to ${to}`, {
          errors: [{ location: 'querystring', path: 'from', message: 'must not be after to' }],
        });
      }
      const entity = request.query.entity ?? null;
      const kind = request.query.kind ?? null;
      const offset = decodeCursor(request.query.cursor);
      try {
        const [answer, versions] = await Promise.all([
          findChanges(app.repositories.changes, app.repositories.ownership, { from, to, entity, kind, offset, limit }),
          app.repositories.versions.listVersions(),
        ]);
        const dataVersion = versions[0] ? versionRef(versions[0]) : null;
        return includeSources({ from, to, dataVersion, entity, kind, ...pageMeta(answer.total, offset, limit), items: answer.items, derived: answer.derived }, include, app.repositories.sources);
      } catch (error) {
        if (error instanceof OwnershipCycleError) throw new HttpProblem(422, error.message);
        throw error;
      }
    },
  );
};

export default changes;
