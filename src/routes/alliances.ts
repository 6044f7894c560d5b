import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Page } from '../db/page.js';
import { notFound } from '../lib/problem.js';
import { datedItem, datedPage } from '../services/answers/dated-answer.js';
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
    async (request) =>
      datedItem(
        request.query,
        sources,
        (asOf) => repository.findAlliance(request.params.id, asOf),
        () => notFound('alliance', request.params.id),
      ),
  );

  // The dated sub-lists of one alliance: 404 when the alliance is unknown, an empty page when it had none that day.
  const subLists = [
    { path: 'members', summary: 'The members of an alliance as of a date, with since and role', schema: MemberListSchema, load: (id: string, asOf: string, offset: number, limit: number): Promise<Page<unknown> | null> => repository.findMembers(id, asOf, offset, limit) },
    {
      path: 'brands',
      summary: 'The brands an alliance’s members own as of a date, each with its owning company',
      schema: AllianceBrandListSchema,
      load: (id: string, asOf: string, offset: number, limit: number): Promise<Page<unknown> | null> => repository.findBrands(id, asOf, offset, limit),
    },
  ] as const;
  for (const list of subLists) {
    app.get(
      `/v1/alliances/:id/${list.path}`,
      {
        schema: {
          tags: ['alliances'],
          summary: list.summary,
          params: IdParamsSchema,
          querystring: ListQuerySchema,
          response: { 200: list.schema, ...problemResponses(400, 404, 414, 503) },
        },
      },
      // Each list's response schema checks its own items on the way out.
      async (request) =>
        datedPage(
          request.query,
          sources,
          (asOf, offset, limit) => list.load(request.params.id, asOf, offset, limit),
          () => notFound('alliance', request.params.id),
        ) as never,
    );
  }
};

export default alliances;
