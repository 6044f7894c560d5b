import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../lib/problem.js';
import { companyWithNames } from '../services/names/entity-names.js';
import { AsOfQuerySchema, ListQuerySchema } from '../schemas/common.js';
import { CompanyBrandListSchema, CompanyListQuerySchema, CompanyListSchema, CompanySchema } from '../schemas/companies.js';
import { getDatedItem, getDatedList, getDatedSubList } from './dated-routes.js';

const companies: FastifyPluginAsync = async (app) => {
  const repository = app.repositories.companies;
  const tag = 'companies';

  getDatedList(app, {
    url: '/v1/companies',
    tag,
    summary: 'List companies, by country or by alliance membership as of a date',
    querystring: ListQuerySchema.extend(CompanyListQuerySchema.shape),
    response: CompanyListSchema,
    load: ({ country, alliance }, asOf, offset, limit) => repository.listCompanies({ country, alliance }, asOf, offset, limit),
  });

  getDatedItem(app, {
    url: '/v1/companies/:id',
    tag,
    summary: 'One company as of a date: brands, stakes held and stakes in it, memberships',
    querystring: AsOfQuerySchema,
    response: CompanySchema,
    load: async (id, asOf) => companyWithNames(await repository.findCompany(id, asOf)),
    missing: (id) => notFound('company', id),
  });

  getDatedSubList(app, {
    url: '/v1/companies/:id/brands',
    tag,
    summary: 'The brands a company owns as of a date',
    querystring: ListQuerySchema,
    response: CompanyBrandListSchema,
    load: (id, asOf, offset, limit) => repository.findCompanyBrands(id, asOf, offset, limit),
    missing: (id) => notFound('company', id),
  });
};

export default companies;
