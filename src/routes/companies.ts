import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../lib/problem.js';
import { datedItem, datedPage } from '../services/answers/dated-answer.js';
import { namesOf } from '../services/names/entity-names.js';
import { AsOfQuerySchema, IdParamsSchema, ListQuerySchema } from '../schemas/common.js';
import { CompanyBrandListSchema, CompanyListQuerySchema, CompanyListSchema, CompanySchema } from '../schemas/companies.js';
import { problemResponses } from '../schemas/problem.js';

const companies: FastifyPluginAsyncZod = async (app) => {
  const repository = app.repositories.companies;
  const sources = app.repositories.sources;

  app.get(
    '/v1/companies',
    {
      schema: {
        tags: ['companies'],
        summary: 'List companies, by country or by alliance membership as of a date',
        querystring: ListQuerySchema.extend(CompanyListQuerySchema.shape),
        response: { 200: CompanyListSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { country, alliance } = request.query;
      return datedPage(request.query, sources, (asOf, offset, limit) => repository.listCompanies({ country, alliance }, asOf, offset, limit));
    },
  );

  app.get(
    '/v1/companies/:id',
    {
      schema: {
        tags: ['companies'],
        summary: 'One company as of a date: brands, stakes held and stakes in it, memberships',
        params: IdParamsSchema,
        querystring: AsOfQuerySchema,
        response: { 200: CompanySchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) =>
      datedItem(
        request.query,
        sources,
        async (asOf) => {
          const [company, stored] = await Promise.all([repository.findCompany(request.params.id, asOf), app.repositories.names.findNames([request.params.id])]);
          return company && { ...company, ...namesOf(stored[0]) };
        },
        () => notFound('company', request.params.id),
      ),
  );

  app.get(
    '/v1/companies/:id/brands',
    {
      schema: {
        tags: ['companies'],
        summary: 'The brands a company owns as of a date',
        params: IdParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: CompanyBrandListSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) =>
      datedPage(
        request.query,
        sources,
        (asOf, offset, limit) => repository.findCompanyBrands(request.params.id, asOf, offset, limit),
        () => notFound('company', request.params.id),
      ),
  );
};

export default companies;
