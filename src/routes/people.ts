import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { includeSources } from '../services/answers/expand-sources.js';
import { notFound } from '../lib/problem.js';
import { IdParamsSchema, ListQuerySchema } from '../schemas/common.js';
import { PersonListQuerySchema, PersonListSchema, PersonSchema } from '../schemas/people.js';
import { problemResponses } from '../schemas/problem.js';
import { getDatedList } from './dated-routes.js';

const people: FastifyPluginAsyncZod = async (app) => {
  const repository = app.repositories.people;
  const sources = app.repositories.sources;

  getDatedList(app, {
    url: '/v1/people',
    tag: 'people',
    summary: 'List people with the roles they hold on a date, optionally only those at one company or alliance',
    querystring: ListQuerySchema.extend(PersonListQuerySchema.shape),
    response: PersonListSchema,
    load: ({ organisation }, asOf, offset, limit) => repository.listPeople(organisation, asOf, offset, limit),
  });

  app.get(
    '/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'One person and every role they held, with dates and sources',
        params: IdParamsSchema,
        querystring: z.object({ include: z.enum(['sources']).optional().describe('"sources" expands source ids into Source objects inline') }),
        response: { 200: PersonSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) => {
      const person = await repository.findPerson(request.params.id);
      if (!person) throw notFound('person', request.params.id);
      return includeSources(person, request.query.include, sources);
    },
  );
};

export default people;
