import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { API_VERSION } from '../../project-files.js';
import { DEFAULT_MCP_LIMITS, type CypherLimits, type McpLimits } from '../../config.js';
import { collectSourceIds } from '../answers/expand-sources.js';
import { today } from '../../lib/dates.js';
import { decodeCursor, pageMeta } from '../../lib/paging.js';
import { HttpProblem } from '../../lib/problem.js';
import { isNeo4jUnavailable } from '../../db/errors.js';
import { brandWithNames, companyWithNames, namesOf } from '../names/entity-names.js';
import { NameSearch } from '../names/name-search.js';
import { findChanges } from '../changes/changes-service.js';
import { computeEffectiveOwnership, explainEffectiveOwnership, findUltimateController, findUltimateOwners } from '../ownership/ownership-service.js';
import { OwnershipCycleError } from '../ownership/look-through.js';
import type { Repositories } from '../../repositories/index.js';
import type { NamedQueryService } from '../research/named-queries.js';
import type { ResearchDoor } from '../research/run-cypher.js';
import { AsOfQuerySchema, IdParamsSchema } from '../../schemas/common.js';
import { ChangesQuerySchema } from '../../schemas/changes.js';
import { ControllerQuerySchema, EffectiveOwnershipQuerySchema, ExplainQuerySchema, OwnershipGraphQuerySchema, UltimateOwnersQuerySchema } from '../../schemas/ownership.js';
import { IdentifierParamsSchema } from '../../schemas/names.js';
import { CypherRequestSchema, NamedQueryRunSchema } from '../../schemas/research.js';
import { SearchQuerySchema } from '../../schemas/search.js';
import { TimelineQuerySchema } from '../../schemas/timeline.js';
import { graphSchema } from './graph-schema.js';
import { capAnswerText, type ToolAnswer } from './answer.js';

/** What the tools need: the repositories the HTTP routes use, the dataset version, and the same limits. */
export interface McpContext {
  repositories: Repositories;
  namedQueries: NamedQueryService;
  /** The researchers' door: the same guard, pool, bulkhead and budgets as POST /v1/cypher. */
  door: ResearchDoor;
  /** Who pays the query-time budget: the HTTP client's address, or the stdio process. */
  client: string;
  datasetVersion: () => string | null;
  cypher: CypherLimits;
  mcp?: McpLimits;
  /**
   * The HTTP API's own limits for the typed tools, as for their routes: admission control in front of the
   * pool, the per-client limit of expensive requests, and an answer cache. Absent over stdio (one local client).
   */
  gate?: McpGate;
  /** Where an unexpected error of a tool is logged (its text never reaches the client). */
  log?: (error: unknown, message: string) => void;
}

export interface McpGate {
  /** A slot of admission control: its release, or null when the API is saturated. */
  admit(): (() => void) | null;
  /** Charges one expensive call to the client: null when allowed, else the seconds to wait. */
  chargeExpensive(): Promise<number | null>;
  readonly expensivePerMinute: number;
  cache?: { get(key: string): CallToolResult | undefined; set(key: string, value: CallToolResult): void };
}

/** What a tool call costs, as its HTTP route's cost class: research runs through the Cypher door and its budgets. */
export type ToolCost = 'research' | 'cheap' | 'expensive';

export function toolCost(name: string, args: Record<string, unknown>): ToolCost {
  switch (name) {
    case 'read_cypher':
    case 'run_named_query':
      return 'research';
    case 'look_through':
    case 'explain_look_through':
    case 'controller':
    case 'changes_between':
    case 'ultimate_owners':
      return 'expensive';
    case 'ownership_graph':
      return !(Number(args.depth ?? 2) < 4) ? 'expensive' : 'cheap';
    default:
      return 'cheap';
  }
}

/** A tool error: the problem as JSON, without any text of the driver or the server. */
const toolError = (status: number, detail: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text: JSON.stringify({ status, detail }) }] });

/** Arguments in a fixed order, for the cache key. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

/** Source ids in the `sources` column of a Cypher answer. */
function cypherSourceIds(data: unknown): string[] {
  const answer = data as { columns?: unknown; rows?: unknown } | null;
  if (!answer || !Array.isArray(answer.columns) || !Array.isArray(answer.rows)) return [];
  const column = answer.columns.indexOf('sources');
  if (column < 0) return [];
  return answer.rows.flatMap((row) => (Array.isArray(row) && Array.isArray(row[column]) ? (row[column] as unknown[]).filter((x): x is string => typeof x === 'string') : []));
}

/** Every tool only reads; clients may call them without asking the user. */
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

const DatedIdInput = IdParamsSchema.extend({ asOf: AsOfQuerySchema.shape.asOf });

/**
 * The MCP server: tools over the same repositories, services and zod schemas as the HTTP API, and the
 * dataset's sources as resources. One server per connection (stdio) or per request (stateless HTTP).
 */
export function createMcpServer(ctx: McpContext): McpServer {
  const limits = ctx.mcp ?? DEFAULT_MCP_LIMITS;
  const r = ctx.repositories;
  const names = new NameSearch(r.names);
  const server = new McpServer(
    { name: 'alliance-knowledge-graph', version: API_VERSION },
    {
      instructions:
        'The Renault–Nissan–Mitsubishi Alliance knowledge graph: companies, brands, stakes, plans, with sources and dates. ' +
        'Find ids with search_entities (any script, typos allowed), then ask the other tools. Every answer carries asOf, ' +
        'dataVersion, the sources with their URLs, and truncated. Everything is read-only.',
    },
  );

  /**
   * Runs a tool: wraps its data with asOf, version and the sources it cites (any `sources` list in it, a `sources`
   * column of Cypher rows, and those of the relationships a computation used), caps the size, and turns problems
   * into tool errors.
   */
  const answer = async (
    asOf: string | null | undefined,
    produce: () => Promise<unknown>,
    usedRelationships: (data: any) => string[] = () => [],
  ): Promise<CallToolResult> => {
    try {
      const data = await produce();
      const ids = [...new Set([...collectSourceIds(data), ...cypherSourceIds(data), ...(await r.provenance.findRelationshipSources(usedRelationships(data)))])];
      const found = ids.length > 0 ? await r.sources.findSourcesByIds(ids) : new Map();
      const sources = ids
        .filter((id) => found.has(id))
        .sort()
        .map((id) => {
          const s = found.get(id)!;
          return { id, title: s.title, publisher: s.publisher, url: s.url ?? null };
        });
      const body: ToolAnswer = { asOf: asOf ?? today(), dataVersion: ctx.datasetVersion(), truncated: false, sources, data };
      const { answer: capped, text } = capAnswerText(body, limits.maxAnswerBytes);
      return { content: [{ type: 'text', text }], structuredContent: capped as unknown as Record<string, unknown> };
    } catch (error) {
      const problem =
        error instanceof HttpProblem
          ? { status: error.status, detail: error.message, ...(error.extra.errors ? { errors: error.extra.errors } : {}) }
          : error instanceof OwnershipCycleError
            ? { status: 422, detail: error.message }
            : null;
      if (problem) return { isError: true, content: [{ type: 'text', text: JSON.stringify(problem) }] };
      // The driver's words (pool status, addresses, server text) stay in the log.
      ctx.log?.(error, 'MCP tool failed');
      if (isNeo4jUnavailable(error) || (error instanceof Error && error.name === 'Neo4jError')) {
        return toolError(503, 'The graph database is busy or unavailable; try again shortly');
      }
      return toolError(500, 'An unexpected error occurred; it has been logged');
    }
  };
  const missing = (what: string, id: string) => new HttpProblem(404, `No ${what} with id "${id}"`);

  /**
   * A typed tool call passes the HTTP API's limits, as its route would: a cached answer is free; otherwise
   * an expensive call is charged to the client's limit of expensive requests and every call takes an
   * admission slot while it runs. Research tools pass the Cypher door's own bulkhead and budgets instead.
   */
  const gated = async (name: string, args: Record<string, unknown>, run: () => Promise<CallToolResult>): Promise<CallToolResult> => {
    const gate = ctx.gate;
    const cost = toolCost(name, args);
    if (!gate || cost === 'research') return run();
    const key = `${ctx.datasetVersion() ?? 'none'}\u0000${today()}\u0000${name}\u0000${canonical(args)}`;
    const hit = gate.cache?.get(key);
    if (hit) return hit;
    if (cost === 'expensive') {
      const wait = await gate.chargeExpensive();
      if (wait !== null) {
        return toolError(429, `At most ${gate.expensivePerMinute} deep-graph, look-through, control, changes and path requests a minute per client; try again in ${wait} s`);
      }
    }
    const release = gate.admit();
    if (!release) return toolError(503, 'The graph database is saturated; try again shortly');
    try {
      const result = await run();
      if (!result.isError) gate.cache?.set(key, result);
      return result;
    } finally {
      release();
    }
  };
  // Every tool is registered through the gate; a tool without input gets no arguments.
  const registerTool = ((name: string, config: { inputSchema?: unknown }, handler: (...a: unknown[]) => Promise<CallToolResult>) =>
    server.registerTool(
      name,
      config as never,
      (async (...a: unknown[]) => gated(name, config.inputSchema ? ((a[0] ?? {}) as Record<string, unknown>) : {}, () => handler(...a))) as never,
    )) as unknown as typeof server.registerTool;

  registerTool(
    'search_entities',
    {
      title: 'Search entities by name',
      description:
        'Find companies, brands, alliances, plans, platforms and technologies by name in any script (日産, Лада, 르노코리아), ' +
        'through typos ("renualt"), ranked exact > alias > partial > fuzzy. Same as GET /v1/search.',
      inputSchema: SearchQuerySchema.shape,
      annotations: READ_ONLY,
    },
    async ({ q, limit, cursor }) =>
      answer(null, async () => {
        const offset = decodeCursor(cursor);
        const ranked = await names.search(q, { candidates: 500 });
        return {
          q,
          ...pageMeta(ranked.length, offset, limit),
          items: ranked.slice(offset, offset + limit).map(({ id, type, name, match, matchedName, score, sources }) => ({ id, type, name, match, matchedName, score, sources })),
        };
      }),
  );

  registerTool(
    'lookup_identifier',
    {
      title: 'Find an entity by identifier',
      description: 'The entity an ISIN, ticker, LEI, Wikidata id, SEC CIK or Japanese corporate number belongs to. Same as GET /v1/identifiers/{scheme}/{value}.',
      inputSchema: IdentifierParamsSchema.shape,
      annotations: READ_ONLY,
    },
    async ({ scheme, value }) =>
      answer(null, async () => {
        const entity = await r.names.findByIdentifier(scheme, value.trim().toUpperCase());
        if (!entity) throw new HttpProblem(404, `No entity has the ${scheme} "${value}"`);
        const [stored] = await r.names.findNames([entity.id]);
        return { entity, ...namesOf(stored) };
      }),
  );

  registerTool(
    'get_company',
    {
      title: 'Get a company',
      description: 'A company as of a date: brands, stakes held and held in it, memberships, identifiers and names in other languages. Same as GET /v1/companies/{id}.',
      inputSchema: DatedIdInput.shape,
      annotations: READ_ONLY,
    },
    async ({ id, asOf }) => {
      const day = asOf ?? today();
      return answer(day, async () => {
        const company = companyWithNames(await r.companies.findCompany(id, day));
        if (!company) throw missing('company', id);
        return company;
      });
    },
  );

  registerTool(
    'get_brand',
    {
      title: 'Get a brand',
      description: 'A brand as of a date: its owner and history. Same as GET /v1/brands/{id}.',
      inputSchema: DatedIdInput.shape,
      annotations: READ_ONLY,
    },
    async ({ id, asOf }) => {
      const day = asOf ?? today();
      return answer(day, async () => {
        const brand = brandWithNames(await r.brands.findBrand(id, day));
        if (!brand) throw missing('brand', id);
        return brand;
      });
    },
  );

  registerTool(
    'get_alliance',
    {
      title: 'Get an alliance',
      description: 'An alliance as of a date: its members and their roles. Same as GET /v1/alliances/{id}.',
      inputSchema: DatedIdInput.shape,
      annotations: READ_ONLY,
    },
    async ({ id, asOf }) => {
      const day = asOf ?? today();
      return answer(day, async () => {
        const alliance = await r.alliances.findAlliance(id, day);
        if (!alliance) throw missing('alliance', id);
        return alliance;
      });
    },
  );

  registerTool(
    'ownership_graph',
    {
      title: 'Ownership graph',
      description: 'Nodes and edges (stakes, brand ownership, memberships) around a company, brand or alliance, as of a date. Same as GET /v1/graph/ownership (JSON).',
      inputSchema: OwnershipGraphQuerySchema.omit({ format: true }).shape,
      annotations: READ_ONLY,
    },
    async ({ root, depth, direction, asOf }) => {
      const day = asOf ?? today();
      return answer(day, async () => {
        const graph = await r.ownership.findOwnershipGraph(root, depth, direction, day);
        if (!graph) throw new HttpProblem(404, `No company, brand or alliance with id "${root}"`);
        return { root, depth, direction, ...graph };
      });
    },
  );

  registerTool(
    'look_through',
    {
      title: 'Look-through ownership',
      description:
        'The share a holder owns of every company, directly and through all chains: netPercent (net of the holder’s self-ownership, never above 100%) and integratedPercent (T = (I − A)⁻¹ A). Same as GET /v1/ownership/effective.',
      inputSchema: EffectiveOwnershipQuerySchema.shape,
      annotations: READ_ONLY,
    },
    async ({ holder, asOf, basis }) => {
      const day = asOf ?? today();
      return answer(day, async () => {
        const result = await computeEffectiveOwnership(r.ownership, holder, day, basis);
        if (!result) throw missing('company', holder);
        return result;
      }, (data) => data.stakes);
    },
  );

  registerTool(
    'explain_look_through',
    {
      title: 'Look-through explained',
      description:
        'Why a holder’s look-through share of a company is what it is: the share split into each ownership chain and each cycle’s geometric tail, largest first, with the stakes along each; the parts add up to the share. Same as GET /v1/ownership/effective/explain.',
      inputSchema: ExplainQuerySchema.omit({ knownAt: true }).shape,
      annotations: READ_ONLY,
    },
    async ({ holder, company, asOf, basis }) => {
      const day = asOf ?? today();
      return answer(day, async () => {
        if (holder === company) throw new HttpProblem(400, 'holder and company must differ');
        const result = await explainEffectiveOwnership(r.ownership, holder, company, day, basis);
        if (!result) throw missing('company', `${holder}" or "${company}`);
        return result;
      }, (data: { parts: { stakes: string[] }[] }) => data.parts.flatMap((part) => part.stakes));
    },
  );

  registerTool(
    'changes_between',
    {
      title: 'What changed between two days',
      description:
        'Every stake, brand ownership, membership, role, plan and target that began, ended or changed value between two days, before and after, with the events behind each; for the member companies, look-through and control before and after. Same as GET /v1/changes.',
      inputSchema: ChangesQuerySchema.omit({ include: true, cursor: true }).shape,
      annotations: READ_ONLY,
    },
    async ({ from, to, entity, kind, limit }) =>
      answer(to, async () => {
        if (from > to) throw new HttpProblem(400, `from ${from} is after to ${to}`);
        const result = await findChanges(r.changes, r.ownership, { from, to, entity: entity ?? null, kind: kind ?? null, offset: 0, limit });
        return { from, to, total: result.total, items: result.items, derived: result.derived };
      }),
  );

  registerTool(
    'controller',
    {
      title: 'Ultimate controller',
      description: 'The ultimate controller of a company by voting rights, or none with the reason. Same as GET /v1/ownership/controller.',
      inputSchema: ControllerQuerySchema.shape,
      annotations: READ_ONLY,
    },
    async ({ company, asOf }) => {
      const day = asOf ?? today();
      return answer(day, async () => {
        const result = await findUltimateController(r.ownership, company, day);
        if (!result) throw missing('company', company);
        return result;
      }, (data) => data.votingHolders.map((v: { stake: string }) => v.stake));
    },
  );

  registerTool(
    'ultimate_owners',
    {
      title: 'Ultimate owners',
      description:
        'Who ultimately owns a company: the holders no one in the graph holds, and the parts held by shareholders the graph does not record, adding up to 100%. Same as GET /v1/ownership/ultimate.',
      inputSchema: UltimateOwnersQuerySchema.omit({ knownAt: true }).shape,
      annotations: READ_ONLY,
    },
    async ({ company, asOf, basis }) => {
      const day = asOf ?? today();
      return answer(day, async () => {
        const result = await findUltimateOwners(r.ownership, company, day, basis);
        if (!result) throw missing('company', company);
        return result;
      }, (data) => data.stakes);
    },
  );

  registerTool(
    'timeline',
    {
      title: 'Timeline',
      description: 'Dated events: founding, members joining, stake changes, brand changes, plans and target years, between two dates. Same as GET /v1/timeline.',
      inputSchema: TimelineQuerySchema.omit({ include: true, cursor: true }).shape,
      annotations: READ_ONLY,
    },
    async ({ from, to, alliance, limit }) => answer(null, async () => r.timeline.listTimeline(from ?? null, to ?? null, 0, limit, alliance ?? null)),
  );

  registerTool(
    'list_named_queries',
    {
      title: 'List named queries',
      description: 'The catalogue of named Cypher queries (the ones behind the endpoints and research queries), with their parameters. Same as GET /v1/queries.',
      annotations: READ_ONLY,
    },
    async () => answer(null, async () => ({ items: ctx.namedQueries.listQueries().map(({ name, description, params, mode, runnable }) => ({ name, description, params, mode, runnable })) })),
  );

  registerTool(
    'run_named_query',
    {
      title: 'Run a named query',
      description: 'Run a read query of the catalogue by name, its parameters checked against its header, through the read-only Cypher door. Same as POST /v1/queries/{name}.',
      inputSchema: { name: IdParamsSchema.shape.id.describe('The query’s name'), ...NamedQueryRunSchema.shape },
      annotations: READ_ONLY,
    },
    async ({ name, params }) =>
      answer(null, async () => {
        const result = await ctx.namedQueries.runNamedQuery(name, params, (text, p) => ctx.door.run(text, p, { client: ctx.client, trusted: true, maxBytes: limits.maxAnswerBytes }));
        if (!result) throw new HttpProblem(404, `No query named "${name}"`);
        return result;
      }),
  );

  registerTool(
    'read_cypher',
    {
      title: 'Run read-only Cypher',
      description:
        `One read-only Cypher statement through the same guarded door as POST /v1/cypher: writes, administration, LOAD CSV and ` +
        `unknown procedures are refused; EXPLAIN must plan it read-only; it runs in a READ transaction that is rolled back, with a ` +
        `${ctx.cypher.timeoutMs / 1000} s timeout and a ${ctx.cypher.maxRows}-row cap. Call get_graph_schema first.`,
      inputSchema: CypherRequestSchema.shape,
      annotations: READ_ONLY,
    },
    async ({ query, params, profile }) => answer(null, async () => ctx.door.run(query, params, { client: ctx.client, profile, maxBytes: limits.maxAnswerBytes })),
  );

  registerTool(
    'get_graph_schema',
    {
      title: 'Graph schema',
      description: 'Node labels with their properties, relationship types with their endpoints and properties, full-text indexes, and the dating rules, for writing Cypher.',
      annotations: READ_ONLY,
    },
    async () => answer(null, async () => graphSchema()),
  );

  server.registerResource(
    'sources',
    new ResourceTemplate('alliance://sources/{id}', {
      list: async () => {
        const { items } = await r.sources.listSources(0, 10_000);
        return { resources: items.map((s) => ({ uri: `alliance://sources/${s.id}`, name: s.id, title: s.title, description: `${s.publisher}${s.url ? ` — ${s.url}` : ''}`, mimeType: 'application/json' })) };
      },
    }),
    { title: 'A source of the dataset', description: 'Every fact of the graph cites sources: articles, press releases, filings, reference works', mimeType: 'application/json' },
    async (uri, { id }) => {
      const detail = await r.sources.findSource(String(id));
      if (!detail) throw new Error(`No source with id "${String(id)}"`);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(detail) }] };
    },
  );

  // Nothing is ever added or removed while a client is connected, and the HTTP server is stateless (no
  // stream to notify on, no subscriptions): the SDK's default `listChanged: true` would promise too much.
  server.server.registerCapabilities({ tools: { listChanged: false }, resources: { listChanged: false, subscribe: false } });
  return server;
}

