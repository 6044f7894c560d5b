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
import type { Repositories } from '../repositories/index.js';
import type { Page } from '../services/answers/dated-answer.js';
import type { UseCaseDeps } from './deps.js';

/** The catalogue of the graph: alliances, companies, brands, people, plans, platforms, technologies, sources. */

type Id = z.infer<typeof IdParamsSchema>;
type DatedId = Id & z.infer<typeof AsOfQuerySchema>;
type DatedList = z.infer<typeof ListQuerySchema>;
type DatedSubList = Id & DatedList;
type PagedInclude = z.infer<typeof PagedIncludeQuerySchema>;

/** One entity's dated list (members, brands…), 404 when the entity itself is unknown. */
const listOfEntity =
  <T>(kind: string, load: (r: Repositories, id: string, asOf: string, offset: number, limit: number) => Promise<Page<T> | null>) =>
  ({ repositories: r }: UseCaseDeps, input: DatedSubList) =>
    datedPage(
      input,
      r.sources,
      (asOf, offset, limit) => load(r, input.id, asOf, offset, limit),
      () => notFound(kind, input.id),
    );

/** One entity as of a day, 404 when it is unknown or did not exist then. */
const datedEntity =
  <T extends object>(kind: string, load: (r: Repositories, id: string, asOf: string) => Promise<T | null>) =>
  ({ repositories: r }: UseCaseDeps, input: DatedId) =>
    datedItem(
      input,
      r.sources,
      (asOf) => load(r, input.id, asOf),
      () => notFound(kind, input.id),
    );

/** One undated entity (a person, a plan), its sources expanded on request. */
const undatedEntity =
  <T>(kind: string, load: (r: Repositories, id: string) => Promise<T | null>) =>
  async ({ repositories: r }: UseCaseDeps, input: Id & z.infer<typeof IncludeQuerySchema>) => {
    const found = await load(r, input.id);
    if (!found) throw notFound(kind, input.id);
    return includeSources(found, input.include, r.sources);
  };

export const listAlliances = ({ repositories: r }: UseCaseDeps, input: DatedList & z.infer<typeof AllianceListQuerySchema>) =>
  datedPage(input, r.sources, (asOf, offset, limit) => r.alliances.listAlliances({ kind: input.kind, country: input.country }, asOf, offset, limit));

export const getAlliance = datedEntity('alliance', (r, id, asOf) => r.alliances.findAlliance(id, asOf));

export const listAllianceMembers = listOfEntity('alliance', (r, id, asOf, offset, limit) => r.alliances.findMembers(id, asOf, offset, limit));

export const listAllianceBrands = listOfEntity('alliance', (r, id, asOf, offset, limit) => r.alliances.findBrands(id, asOf, offset, limit));

export const listCompanies = ({ repositories: r }: UseCaseDeps, input: DatedList & z.infer<typeof CompanyListQuerySchema>) =>
  datedPage(input, r.sources, (asOf, offset, limit) => r.companies.listCompanies({ country: input.country, alliance: input.alliance }, asOf, offset, limit));

export const getCompany = datedEntity('company', async (r, id, asOf) => companyWithNames(await r.companies.findCompany(id, asOf)));

export const listCompanyBrands = listOfEntity('company', (r, id, asOf, offset, limit) => r.companies.findCompanyBrands(id, asOf, offset, limit));

export const listBrands = ({ repositories: r }: UseCaseDeps, input: DatedList & z.infer<typeof BrandListQuerySchema>) =>
  datedPage(input, r.sources, (asOf, offset, limit) =>
    r.brands.listBrands({ owner: input.owner, status: input.status, alliance: input.alliance }, asOf, offset, limit),
  );

export const getBrand = datedEntity('brand', async (r, id, asOf) => brandWithNames(await r.brands.findBrand(id, asOf)));

export const listPeople = ({ repositories: r }: UseCaseDeps, input: DatedList & z.infer<typeof PersonListQuerySchema>) =>
  datedPage(input, r.sources, (asOf, offset, limit) => r.people.listPeople(input.organisation, asOf, offset, limit));

export const getPerson = undatedEntity('person', (r, id) => r.people.findPerson(id));

export const listPlans = ({ repositories: r }: UseCaseDeps, input: PagedInclude) =>
  listPage(input, r.sources, (offset, limit) => r.plans.listPlans(offset, limit));

export const getPlan = undatedEntity('plan', (r, id) => r.plans.findPlan(id));

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
