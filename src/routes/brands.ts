import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../lib/problem.js';
import { datedItem, datedPage } from '../services/answers/dated-answer.js';
import { BrandListQuerySchema, BrandListSchema, BrandSchema } from '../schemas/brands.js';
import { AsOfQuerySchema, IdParamsSchema, ListQuerySchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import { namesOf } from '../services/names/entity-names.js';

const brands: FastifyPluginAsyncZod = async (app) => {
  const repository = app.repositories.brands;
  const sources = app.repositories.sources;

  app.get(
    '/v1/brands',
    {
      schema: {
        tags: ['brands'],
        summary: 'List brands with their owner and status as of a date',
        querystring: ListQuerySchema.extend(BrandListQuerySchema.shape),
        response: { 200: BrandListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { owner, status, alliance } = request.query;
      return datedPage(request.query, sources, (asOf, offset, limit) => repository.listBrands({ owner, status, alliance }, asOf, offset, limit));
    },
  );

  app.get(
    '/v1/brands/:id',
    {
      schema: {
        tags: ['brands'],
        summary: 'One brand as of a date, with its owner chain up to the alliance and its history',
        params: IdParamsSchema,
        querystring: AsOfQuerySchema,
        response: { 200: BrandSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) =>
      datedItem(
        request.query,
        sources,
        async (asOf) => {
          const [brand, stored] = await Promise.all([repository.findBrand(request.params.id, asOf), app.repositories.names.findNames([request.params.id])]);
          return brand && { ...brand, names: namesOf(stored[0]).names };
        },
        () => notFound('brand', request.params.id),
      ),
  );
};

export default brands;
