import { z } from 'zod';
import { graphCost } from '../lib/cost-class.js';
import { AllianceBrandListSchema, AllianceListQuerySchema, AllianceListSchema, AllianceSchema, MemberListSchema } from '../schemas/alliances.js';
import { BrandListQuerySchema, BrandListSchema, BrandSchema } from '../schemas/brands.js';
import { ChangesQuerySchema, ChangesSchema } from '../schemas/changes.js';
import { AsOfQuerySchema, IdParamsSchema, IncludeQuerySchema, ListQuerySchema, PagedIncludeQuerySchema, PagingQuerySchema } from '../schemas/common.js';
import { CompanyBrandListSchema, CompanyListQuerySchema, CompanyListSchema, CompanySchema } from '../schemas/companies.js';
import { IdentifierLookupSchema, IdentifierParamsSchema, SuggestQuerySchema, SuggestResultSchema } from '../schemas/names.js';
import {
  ControllerQuerySchema,
  ControllerSchema,
  CytoscapeGraphSchema,
  EffectiveOwnershipQuerySchema,
  EffectiveOwnershipSchema,
  ExplainQuerySchema,
  ExplainSchema,
  OwnershipGraphQuerySchema,
  OwnershipGraphSchema,
  UltimateOwnersQuerySchema,
  UltimateOwnersSchema,
} from '../schemas/ownership.js';
import { PathQuerySchema, PathSchema } from '../schemas/paths.js';
import { PersonListQuerySchema, PersonListSchema, PersonSchema } from '../schemas/people.js';
import { PlanListSchema, PlanSchema } from '../schemas/plans.js';
import { PlatformListSchema } from '../schemas/platforms.js';
import { NamedQueryListSchema } from '../schemas/research.js';
import { SearchQuerySchema, SearchResultSchema } from '../schemas/search.js';
import { SourceDetailSchema, SourceListSchema } from '../schemas/sources.js';
import { TargetListQuerySchema, TargetListSchema } from '../schemas/targets.js';
import { TechnologyListSchema } from '../schemas/technologies.js';
import { TimelineQuerySchema, TimelineSchema } from '../schemas/timeline.js';
import { VersionDiffParamsSchema, VersionDiffSchema, VersionsQuerySchema, VersionsSchema } from '../schemas/versions.js';
import * as catalogue from '../use-cases/catalogue.js';
import * as history from '../use-cases/history.js';
import * as ownership from '../use-cases/ownership.js';
import * as search from '../use-cases/search.js';
import { defineOperation, type Operation } from './operation.js';

const NoQuery = z.object({});
const LIST = [400, 503] as const;
const ITEM = [400, 404, 414, 503] as const;

/**
 * The table of operations: every typed question the graph answers, each served as `GET path` by
 * routes/operations.ts and as an MCP tool by mcp/server.ts, from the same schemas and the same use case.
 */
export const OPERATIONS: readonly Operation<any, any>[] = [
  // The catalogue.
  defineOperation({
    name: 'list_alliances', title: 'List alliances', tag: 'alliances', path: '/v1/alliances',
    summary: 'List alliances, groups and joint ventures, by kind and by the countries of their members',
    query: ListQuerySchema.extend(AllianceListQuerySchema.shape), output: AllianceListSchema, problems: LIST,
    run: catalogue.listAlliances,
  }),
  defineOperation({
    name: 'get_alliance', title: 'Get an alliance', tag: 'alliances', path: '/v1/alliances/:id',
    summary: 'One alliance as of a date: members, brand count, headcount, plans',
    params: IdParamsSchema, query: AsOfQuerySchema, output: AllianceSchema, problems: ITEM,
    run: catalogue.getAlliance,
  }),
  defineOperation({
    name: 'list_alliance_members', title: 'Members of an alliance', tag: 'alliances', path: '/v1/alliances/:id/members',
    summary: 'The members of an alliance as of a date, with since and role',
    params: IdParamsSchema, query: ListQuerySchema, output: MemberListSchema, problems: ITEM,
    run: catalogue.listAllianceMembers,
  }),
  defineOperation({
    name: 'list_alliance_brands', title: 'Brands of an alliance', tag: 'alliances', path: '/v1/alliances/:id/brands',
    summary: 'The brands an alliance’s members own as of a date, each with its owning company',
    params: IdParamsSchema, query: ListQuerySchema, output: AllianceBrandListSchema, problems: ITEM,
    run: catalogue.listAllianceBrands,
  }),
  defineOperation({
    name: 'list_companies', title: 'List companies', tag: 'companies', path: '/v1/companies',
    summary: 'List companies, by country or by alliance membership as of a date',
    query: ListQuerySchema.extend(CompanyListQuerySchema.shape), output: CompanyListSchema, problems: LIST,
    run: catalogue.listCompanies,
  }),
  defineOperation({
    name: 'get_company', title: 'Get a company', tag: 'companies', path: '/v1/companies/:id',
    summary: 'One company as of a date: brands, stakes held and stakes in it, memberships',
    details: 'With its identifiers, its names in other languages and scripts, and its share capital.',
    params: IdParamsSchema, query: AsOfQuerySchema, output: CompanySchema, problems: ITEM,
    run: catalogue.getCompany,
  }),
  defineOperation({
    name: 'list_company_brands', title: 'Brands of a company', tag: 'companies', path: '/v1/companies/:id/brands',
    summary: 'The brands a company owns as of a date',
    params: IdParamsSchema, query: ListQuerySchema, output: CompanyBrandListSchema, problems: ITEM,
    run: catalogue.listCompanyBrands,
  }),
  defineOperation({
    name: 'list_brands', title: 'List brands', tag: 'brands', path: '/v1/brands',
    summary: 'List brands with their owner and status as of a date',
    query: ListQuerySchema.extend(BrandListQuerySchema.shape), output: BrandListSchema, problems: LIST,
    run: catalogue.listBrands,
  }),
  defineOperation({
    name: 'get_brand', title: 'Get a brand', tag: 'brands', path: '/v1/brands/:id',
    summary: 'One brand as of a date, with its owner chain up to the alliance and its history',
    params: IdParamsSchema, query: AsOfQuerySchema, output: BrandSchema, problems: ITEM,
    run: catalogue.getBrand,
  }),
  defineOperation({
    name: 'list_people', title: 'List people', tag: 'people', path: '/v1/people',
    summary: 'List people with the roles they hold on a date, optionally only those at one company or alliance',
    query: ListQuerySchema.extend(PersonListQuerySchema.shape), output: PersonListSchema, problems: LIST,
    run: catalogue.listPeople,
  }),
  defineOperation({
    name: 'get_person', title: 'Get a person', tag: 'people', path: '/v1/people/:id',
    summary: 'One person and every role they held, with dates and sources',
    params: IdParamsSchema, query: IncludeQuerySchema, output: PersonSchema, problems: ITEM,
    run: catalogue.getPerson,
  }),
  defineOperation({
    name: 'list_plans', title: 'List plans', tag: 'plans', path: '/v1/plans',
    summary: 'List plans with their investment and horizon',
    query: PagedIncludeQuerySchema, output: PlanListSchema, problems: LIST,
    run: catalogue.listPlans,
  }),
  defineOperation({
    name: 'get_plan', title: 'Get a plan', tag: 'plans', path: '/v1/plans/:id',
    summary: 'One plan: investment (amount + currency), horizon, targets, platforms, technologies',
    params: IdParamsSchema, query: IncludeQuerySchema, output: PlanSchema, problems: ITEM,
    run: catalogue.getPlan,
  }),
  defineOperation({
    name: 'list_targets', title: 'List targets', tag: 'plans', path: '/v1/targets',
    summary: 'List targets by year, filtered by year range, kind and subject',
    query: PagedIncludeQuerySchema.extend(TargetListQuerySchema.shape), output: TargetListSchema, problems: LIST,
    run: history.listTargets,
  }),
  defineOperation({
    name: 'list_platforms', title: 'List platforms', tag: 'plans', path: '/v1/platforms',
    summary: 'List the common vehicle platforms, with the plans built on them',
    query: PagedIncludeQuerySchema, output: PlatformListSchema, problems: LIST,
    run: catalogue.listPlatforms,
  }),
  defineOperation({
    name: 'list_technologies', title: 'List technologies', tag: 'plans', path: '/v1/technologies',
    summary: 'List technologies, who develops them and which plans and targets concern them',
    query: PagedIncludeQuerySchema, output: TechnologyListSchema, problems: LIST,
    run: catalogue.listTechnologies,
  }),
  defineOperation({
    name: 'list_sources', title: 'List sources', tag: 'sources', path: '/v1/sources',
    summary: 'List the sources of the graph’s facts',
    query: PagingQuerySchema, output: SourceListSchema, problems: LIST,
    run: catalogue.listSources,
  }),
  defineOperation({
    name: 'get_source', title: 'Get a source', tag: 'sources', path: '/v1/sources/:id',
    summary: 'One source, and how many facts cite it',
    params: IdParamsSchema, query: NoQuery, output: SourceDetailSchema, problems: ITEM,
    run: catalogue.getSource,
  }),

  // Finding things.
  defineOperation({
    name: 'search_entities', title: 'Search entities by name', tag: 'search', path: '/v1/search',
    summary: 'Search the names of every entity in any script and through typos, ranked exact > alias > partial > fuzzy',
    details: 'Companies, brands, alliances, plans, platforms and technologies by name in any script (日産, Лада, 르노코리아), through typos ("renualt").',
    query: SearchQuerySchema, output: SearchResultSchema, problems: LIST,
    run: search.searchEntities,
  }),
  defineOperation({
    name: 'suggest_names', title: 'Type-ahead', tag: 'search', path: '/v1/suggest',
    summary: 'Type-ahead: entities whose names (in any language) start with the prefix',
    query: SuggestQuerySchema, output: SuggestResultSchema, problems: LIST,
    run: search.suggestNames,
  }),
  defineOperation({
    name: 'lookup_identifier', title: 'Find an entity by identifier', tag: 'search', path: '/v1/identifiers/:scheme/:value',
    summary: 'The entity an identifier (ISIN, ticker, LEI, Wikidata id …) belongs to',
    params: IdentifierParamsSchema, query: IncludeQuerySchema, output: IdentifierLookupSchema, problems: ITEM,
    run: search.lookupIdentifier,
  }),
  defineOperation({
    name: 'find_path', title: 'Shortest path', tag: 'graph', path: '/v1/path',
    summary: 'The shortest path between any two entities, as nodes and edges valid on a date',
    query: PathQuerySchema, output: PathSchema, problems: [400, 404, 429, 503], cost: 'expensive',
    run: ownership.findPathBetween,
  }),

  // Ownership.
  defineOperation({
    name: 'ownership_graph', title: 'Ownership graph', tag: 'ownership', path: '/v1/graph/ownership',
    summary: 'The ownership graph around a company, brand or alliance, as JSON, Cytoscape.js, GraphML, DOT, SVG or PNG',
    details: 'Nodes and edges: stakes, brand ownership, memberships. Agents get JSON or Cytoscape.js elements; the pictures are for HTTP clients.',
    query: OwnershipGraphQuerySchema, output: z.union([OwnershipGraphSchema, CytoscapeGraphSchema]), problems: [400, 404, 429, 503], cost: graphCost,
    httpOnly: ['format'],
    run: ownership.findGraphAround,
  }),
  defineOperation({
    name: 'look_through', title: 'Look-through ownership', tag: 'ownership', path: '/v1/ownership/effective',
    summary: 'Look-through ownership: the share a holder owns of every company, directly and through all chains',
    details: 'netPercent (net of the holder’s self-ownership, never above 100%) and integratedPercent (T = (I − A)⁻¹ A).',
    query: EffectiveOwnershipQuerySchema, output: EffectiveOwnershipSchema, problems: [400, 404, 422, 429, 503], cost: 'expensive',
    restsOn: (answer: { stakes: string[] }) => answer.stakes,
    run: ownership.lookThrough,
  }),
  defineOperation({
    name: 'explain_look_through', title: 'Look-through explained', tag: 'ownership', path: '/v1/ownership/effective/explain',
    summary: 'Why a look-through share is what it is: its split into ownership chains and cycles, largest first',
    details: 'Each chain and each cycle’s geometric tail with the stakes along it; the parts add up to the share.',
    query: ExplainQuerySchema, output: ExplainSchema, problems: [400, 404, 422, 429, 503], cost: 'expensive',
    restsOn: (answer: { parts: { stakes: string[] }[] }) => answer.parts.flatMap((part) => part.stakes),
    run: ownership.explainLookThrough,
  }),
  defineOperation({
    name: 'controller', title: 'Ultimate controller', tag: 'ownership', path: '/v1/ownership/controller',
    summary: 'The ultimate controller of a company by voting rights, or none with the reason',
    query: ControllerQuerySchema, output: ControllerSchema, problems: [400, 404, 422, 429, 503], cost: 'expensive',
    restsOn: (answer: { votingHolders: { stake: string }[] }) => answer.votingHolders.map((holder) => holder.stake),
    run: ownership.findController,
  }),
  defineOperation({
    name: 'ultimate_owners', title: 'Ultimate owners', tag: 'ownership', path: '/v1/ownership/ultimate',
    summary: 'The ultimate owners of a company (holders no one in the graph holds) and the unrecorded remainder, adding up to 100%',
    query: UltimateOwnersQuerySchema, output: UltimateOwnersSchema, problems: [400, 404, 422, 429, 503], cost: 'expensive',
    restsOn: (answer: { stakes: string[] }) => answer.stakes,
    run: ownership.findOwnersAtTheTop,
  }),

  // History.
  defineOperation({
    name: 'timeline', title: 'Timeline', tag: 'timeline', path: '/v1/timeline',
    summary: 'Dated entries: founding, members joining, stake and brand changes, plan announcement, target years',
    query: TimelineQuerySchema, output: TimelineSchema, problems: LIST,
    run: history.listTimeline,
  }),
  defineOperation({
    name: 'changes_between', title: 'What changed between two days', tag: 'timeline', path: '/v1/changes',
    summary: 'What changed between two days: stakes, brand ownership, memberships, roles, plans and targets, before and after, with the events behind them and the derived look-through and control',
    query: ChangesQuerySchema, output: ChangesSchema, problems: [400, 422, 429, 503], cost: 'expensive',
    run: history.findChangesBetween,
  }),
  defineOperation({
    name: 'list_versions', title: 'Dataset versions', tag: 'versions', path: '/v1/versions',
    summary: 'The dataset versions: every load of data/ that changed the graph, newest first',
    query: VersionsQuerySchema, output: VersionsSchema, problems: LIST,
    run: history.listVersions,
  }),
  defineOperation({
    name: 'diff_versions', title: 'Corrections between versions', tag: 'versions', path: '/v1/versions/:a/diff/:b',
    summary: 'What the corrections between two dataset versions changed: statements added, corrected (before and after) and removed',
    params: VersionDiffParamsSchema, query: NoQuery, output: VersionDiffSchema, problems: [400, 404, 414, 429, 503], cost: 'expensive',
    run: history.diffDatasetVersions,
  }),

  // Research's catalogue (running a query goes through the Cypher door, not this table).
  defineOperation({
    name: 'list_named_queries', title: 'List named queries', tag: 'research', path: '/v1/queries',
    summary: 'The catalogue of named Cypher queries: every query behind the endpoints, and research queries',
    query: NoQuery, output: NamedQueryListSchema, problems: [400], admission: false,
    run: search.listNamedQueries,
  }),
];
