import type { z } from 'zod';
import { notFound } from '../lib/problem.js';
import { datedItem, datedPage, listPage } from '../services/answers/dated-answer.js';
import { includeSources } from '../services/answers/expand-sources.js';
import { brandWithNames, companyWithNames } from '../services/names/entity-names.js';
import type { AllianceListQuerySchema } from '../schemas/alliances.js';
import type { BrandListQuerySchema } from '../schemas/brands.js';
import type { AsOfQuerySchema, IdParamsSchema, IncludeQuerySchema, ListQuerySchema, PagedIncludeQuerySchema, PagingQuerySchema } from '../schemas/common.js';
import type { CompanyListQuerySchema } from '../schemas/companies.js';
import type { PersonListQuerySchema } from '../schemas/people.js';
import type { UseCaseDeps } from './deps.js';

/** The catalogue of the graph: alliances, companies, brands, people, plans, platforms, technologies, sources. */

type Id = z.infer<typeof IdParamsSchema>;
type DatedId = Id & z.infer<typeof AsOfQuerySchema>;
type DatedList = z.infer<typeof ListQuerySchema>;
type DatedSubList = Id & DatedList;
type PagedInclude = z.infer<typeof PagedIncludeQuerySchema>;

export const listAlliances = ({ repositories: r }: UseCaseDeps, input: DatedList & z.infer<typeof AllianceListQuerySchema>) =>
  datedPage(input, r.sources, (asOf, offset, limit) => r.alliances.listAlliances({ kind: input.kind, country: input.country }, asOf, offset, limit));

export const getAlliance = ({ repositories: r }: UseCaseDeps, input: DatedId) =>
  datedItem(
    input,
    r.sources,
    (asOf) => r.alliances.findAlliance(input.id, asOf),
    () => notFound('alliance', input.id),
  );

export const listAllianceMembers = ({ repositories: r }: UseCaseDeps, input: DatedSubList) =>
  datedPage(
    input,
    r.sources,
    (asOf, offset, limit) => r.alliances.findMembers(input.id, asOf, offset, limit),
    () => notFound('alliance', input.id),
  );

export const listAllianceBrands = ({ repositories: r }: UseCaseDeps, input: DatedSubList) =>
  datedPage(
    input,
    r.sources,
    (asOf, offset, limit) => r.alliances.findBrands(input.id, asOf, offset, limit),
    () => notFound('alliance', input.id),
  );

export const listCompanies = ({ repositories: r }: UseCaseDeps, input: DatedList & z.infer<typeof CompanyListQuerySchema>) =>
  datedPage(input, r.sources, (asOf, offset, limit) => r.companies.listCompanies({ country: input.country, alliance: input.alliance }, asOf, offset, limit));

export const getCompany = ({ repositories: r }: UseCaseDeps, input: DatedId) =>
  datedItem(
    input,
    r.sources,
    async (asOf) => companyWithNames(await r.companies.findCompany(input.id, asOf)),
    () => notFound('company', input.id),
  );

export const listCompanyBrands = ({ repositories: r }: UseCaseDeps, input: DatedSubList) =>
  datedPage(
    input,
    r.sources,
    (asOf, offset, limit) => r.companies.findCompanyBrands(input.id, asOf, offset, limit),
    () => notFound('company', input.id),
  );

export const listBrands = ({ repositories: r }: UseCaseDeps, input: DatedList & z.infer<typeof BrandListQuerySchema>) =>
  datedPage(input, r.sources, (asOf, offset, limit) =>
    r.brands.listBrands({ owner: input.owner, status: input.status, alliance: input.alliance }, asOf, offset, limit),
  );

export const getBrand = ({ repositories: r }: UseCaseDeps, input: DatedId) =>
  datedItem(
    input,
    r.sources,
    async (asOf) => brandWithNames(await r.brands.findBrand(input.id, asOf)),
    () => notFound('brand', input.id),
  );

export const listPeople = ({ repositories: r }: UseCaseDeps, input: DatedList & z.infer<typeof PersonListQuerySchema>) =>
  datedPage(input, r.sources, (asOf, offset, limit) => r.people.listPeople(input.organisation, asOf, offset, limit));

export async function getPerson({ repositories: r }: UseCaseDeps, input: Id & z.infer<typeof IncludeQuerySchema>) {
  const person = await r.people.findPerson(input.id);
  if (!person) throw notFound('person', input.id);
  return includeSources(person, input.include, r.sources);
}

export const listPlans = ({ repositories: r }: UseCaseDeps, input: PagedInclude) =>
  listPage(input, r.sources, (offset, limit) => r.plans.listPlans(offset, limit));

export async function getPlan({ repositories: r }: UseCaseDeps, input: Id & z.infer<typeof IncludeQuerySchema>) {
  const plan = await r.plans.findPlan(input.id);
  if (!plan) throw notFound('plan', input.id);
  return includeSources(plan, input.include, r.sources);
}

export const listPlatforms = ({ repositories: r }: UseCaseDeps, input: PagedInclude) =>
  listPage(input, r.sources, (offset, limit) => r.references.listPlatforms(offset, limit));

export const listTechnologies = ({ repositories: r }: UseCaseDeps, input: PagedInclude) =>
  listPage(input, r.sources, (offset, limit) => r.references.listTechnologies(offset, limit));

export const listSources = ({ repositories: r }: UseCaseDeps, input: z.infer<typeof PagingQuerySchema>) =>
  listPage(input, r.sources, (offset, limit) => r.sources.listSources(offset, limit));

export async function getSource({ repositories: r }: UseCaseDeps, input: Id) {
  const found = await r.sources.findSource(input.id);
  if (!found) throw notFound('source', input.id);
  return found;
}
