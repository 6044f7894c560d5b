import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../lib/problem.js';
import { AllianceBrandListSchema, AllianceListQuerySchema, AllianceListSchema, AllianceSchema, MemberListSchema } from '../schemas/alliances.js';
import { AsOfQuerySchema, ListQuerySchema } from '../schemas/common.js';
import { getDatedItem, getDatedList, getDatedSubList } from './dated-routes.js';

const alliances: FastifyPluginAsync = async (app) => {
  const repository = app.repositories.alliances;
  const tag = 'alliances';
  const missing = (id: string) => notFound('alliance', id);

  getDatedList(app, {
    url: '/v1/alliances',
    tag,
    summary: 'List alliances, groups and joint ventures, by kind and by the countries of their members',
    querystring: ListQuerySchema.extend(AllianceListQuerySchema.shape),
    response: AllianceListSchema,
    load: (query, asOf, offset, limit) => repository.listAlliances({ kind: query.kind, country: query.country }, asOf, offset, limit),
  });

  getDatedItem(app, {
    url: '/v1/alliances/:id',
    tag,
    summary: 'One alliance as of a date: members, brand count, headcount, plans',
    querystring: AsOfQuerySchema,
    response: AllianceSchema,
    load: (id, asOf) => repository.findAlliance(id, asOf),
    missing,
  });

  // The dated sub-lists: 404 when the alliance is unknown, an empty page when it had none that day.
  getDatedSubList(app, {
    url: '/v1/alliances/:id/members',
    tag,
    summary: 'The members of an alliance as of a date, with since and role',
    querystring: ListQuerySchema,
    response: MemberListSchema,
    load: (id, asOf, offset, limit) => repository.findMembers(id, asOf, offset, limit),
    missing,
  });

  getDatedSubList(app, {
    url: '/v1/alliances/:id/brands',
    tag,
    summary: 'The brands an alliance’s members own as of a date, each with its owning company',
    querystring: ListQuerySchema,
    response: AllianceBrandListSchema,
    load: (id, asOf, offset, limit) => repository.findBrands(id, asOf, offset, limit),
    missing,
  });
};

export default alliances;
