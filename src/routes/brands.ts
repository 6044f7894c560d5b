import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../lib/problem.js';
import { brandWithNames } from '../services/names/entity-names.js';
import { BrandListQuerySchema, BrandListSchema, BrandSchema } from '../schemas/brands.js';
import { AsOfQuerySchema, ListQuerySchema } from '../schemas/common.js';
import { getDatedItem, getDatedList } from './dated-routes.js';

const brands: FastifyPluginAsync = async (app) => {
  const repository = app.repositories.brands;
  const tag = 'brands';

  getDatedList(app, {
    url: '/v1/brands',
    tag,
    summary: 'List brands with their owner and status as of a date',
    querystring: ListQuerySchema.extend(BrandListQuerySchema.shape),
    response: BrandListSchema,
    load: ({ owner, status, alliance }, asOf, offset, limit) => repository.listBrands({ owner, status, alliance }, asOf, offset, limit),
  });

  getDatedItem(app, {
    url: '/v1/brands/:id',
    tag,
    summary: 'One brand as of a date, with its owner chain up to the alliance and its history',
    querystring: AsOfQuerySchema,
    response: BrandSchema,
    load: async (id, asOf) => brandWithNames(await repository.findBrand(id, asOf)),
    missing: (id) => notFound('brand', id),
  });
};

export default brands;
