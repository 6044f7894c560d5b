import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { includeSources } from '../lib/expand-sources.js';
import { datedPage } from '../lib/list-answer.js';
import { today } from '../lib/paging.js';
import { notFound } from '../lib/problem.js';
import { AllianceBrandListSchema, AllianceListSchema, AllianceSchema, MemberListSchema } from '../schemas/alliances.js';
import { AsOfQuerySchema, IdParamsSchema, ListQuerySchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';

const alliances: FastifyPluginAsyncZod = async (app) => {
  const repository = app.repositories.alliances;
  const sources = app.repositories.sources;

  app.get(
    '/v1/alliances',
    {
      schema: {
        tags: ['alliances'],
        summary: 'List alliances',
        querystring: ListQuerySchema,
        response: { 200: AllianceListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => datedPage(request.query, sources, (asOf, offset, limit) => repository.listAlliances(asOf, offset, limit)),
  );

  app.get(
    '/v1/alliances/:id',
    {
      schema: {
        tags: ['alliances'],
        summary: 'One alliance as of a date: members, brand count, headcount, plans',
        params: IdParamsSchema,
        querystring: AsOfQuerySchema,
        response: { 200: AllianceSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? today();
      const alliance = await repository.findAlliance(request.params.id, asOf);
      if (!alliance) throw notFound('alliance', request.params.id);
      return includeSources({ asOf, ...alliance }, request.query.include, sources);
    },
  );

  app.get(
    '/v1/alliances/:id/members',
    {
      schema: {
        tags: ['alliances'],
        summary: 'The members of an alliance as of a date, with since and role',
        params: IdParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: MemberListSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) =>
      datedPage(
        request.query,
        sources,
        (asOf, offset, limit) => repository.findMembers(request.params.id, asOf, offset, limit),
        () => notFound('alliance', request.params.id),
      ),
  );

  app.get(
    '/v1/alliances/:id/brands',
    {
      schema: {
        tags: ['alliances'],
        summary: 'The brands an alliance’s members own as of a date, each with its owning company',
        params: IdParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: AllianceBrandListSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) =>
      datedPage(
        request.query,
        sources,
        (asOf, offset, limit) => repository.findBrands(request.params.id, asOf, offset, limit),
        () => notFound('alliance', request.params.id),
      ),
  );
};

export default alliances;
