import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { API_VERSION } from '../project-files.js';
import { DEFAULT_MCP_LIMITS, type CypherLimits, type McpLimits } from '../config.js';
import { costFor } from '../lib/cost-class.js';
import { today } from '../lib/dates.js';
import { HttpProblem, queryLimitProblem } from '../lib/problem.js';
import { isNeo4jUnavailable, queryLimitOf } from '../db/errors.js';
import { OPERATIONS } from '../operations/table.js';
import { askedDay, type Operation } from '../operations/operation.js';
import { collectSourceIds } from '../services/answers/expand-sources.js';
import type { ResearchDoor } from '../services/research/run-cypher.js';
import { IdParamsSchema, IsoDate } from '../schemas/common.js';
import { CypherRequestSchema, CypherResultSchema, NamedQueryRunSchema } from '../schemas/research.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { graphSchema } from './graph-schema.js';
import { capAnswerText, type ToolAnswer } from './answer.js';

/** What the tools need: the use cases the HTTP routes answer with, the dataset version, and the same limits. */
export interface McpContext {
  deps: UseCaseDeps;
  /** The researchers' door: the same guard, pool, bulkhead and budgets as POST /v1/cypher. */
  door: ResearchDoor;
  /** Who pays the query-time budget: the HTTP client's address, or the stdio process. */
  client: string;
  datasetVersion: () => string | null;
  /**
   * The version an answer's data comes from: read again first when a read has come back from a database
   * state the version was not read in (another process's reload). The transport writes MCP answers itself,
   * so the HTTP hook that does this for the other routes does not see them.
   */
  settledDatasetVersion?: () => Promise<string | null>;
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

const BY_NAME = new Map(OPERATIONS.map((operation) => [operation.name, operation]));
const RESEARCH_TOOLS = new Set(['read_cypher', 'run_named_query']);

export function toolCost(name: string, args: Record<string, unknown>): ToolCost {
  if (RESEARCH_TOOLS.has(name)) return 'research';
  const operation = BY_NAME.get(name);
  return operation ? costFor(operation.cost, args) : 'cheap';
}

/** A tool's input: the operation's path parameters and query as one object, without what only HTTP sends. */
export function toolInputOf(operation: Operation): z.ZodObject<z.ZodRawShape> {
  const input = operation.params ? operation.params.extend(operation.query.shape) : operation.query;
  return operation.httpOnly?.length ? input.omit(Object.fromEntries(operation.httpOnly.map((key) => [key, true]))) : input;
}

const ToolSourceSchema = z.object({ id: z.string(), title: z.string(), publisher: z.string(), url: z.string().nullable() });

/** The envelope every tool answers in, around its data (or a note when even cut lists do not fit the cap). */
export const toolOutputOf = (data: z.ZodType) =>
  z.object({
    asOf: IsoDate.describe('The day the answer is for (today for questions that are not dated)'),
    dataVersion: z.string().nullable().describe('The content hash of the loaded dataset'),
    truncated: z.boolean().describe('True when lists were cut to fit the size cap'),
    sources: z.array(ToolSourceSchema).describe('The sources the answer cites, with their URLs'),
    data: z.union([data, z.object({ note: z.string() })]),
  });

/**
 * Every tool's schemas, built once per process: the HTTP door is stateless and builds a server per request,
 * which would otherwise extend and wrap 35 zod schemas each time.
 */
const OPERATION_TOOLS = OPERATIONS.map((operation) => ({ operation, input: toolInputOf(operation), output: toolOutputOf(operation.output) }));
const CYPHER_OUTPUT = toolOutputOf(CypherResultSchema);
const GRAPH_SCHEMA_OUTPUT = toolOutputOf(z.record(z.string(), z.unknown()));

/** A tool error: the problem as JSON, without any text of the driver or the server. */
const toolError = (status: number, detail: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: JSON.stringify({ status, detail }) }],
});

/** Arguments in a fixed order, for the cache key. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

/** Source ids in the `sources` column of a Cypher answer. */
function cypherSourceIds(data: unknown): string[] {
  const answer = data as { columns?: unknown; rows?: unknown } | null;
  if (!answer || !Array.isArray(answer.columns) || !Array.isArray(answer.rows)) return [];
  const column = answer.columns.indexOf('sources');
  if (column < 0) return [];
  return answer.rows.flatMap((row) =>
    Array.isArray(row) && Array.isArray(row[column]) ? (row[column] as unknown[]).filter((x): x is string => typeof x === 'string') : [],
  );
}

/** Every tool only reads; clients may call them without asking the user. */
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/**
 * The MCP server: a tool for every operation of the table (the same schemas and use case as its HTTP route),
 * the research tools over the Cypher door, and the dataset's sources as resources. One server per connection
 * (stdio) or per request (stateless HTTP).
 */
export function createMcpServer(ctx: McpContext): McpServer {
  const limits = ctx.mcp ?? DEFAULT_MCP_LIMITS;
  const r = ctx.deps.repositories;
  const server = new McpServer(
    { name: 'alliance-knowledge-graph', version: API_VERSION },
    {
      instructions:
        'Automotive alliances as a knowledge graph: companies, brands, stakes, plans, people, with sources and dates. ' +
        'Find ids with search_entities (any script, typos allowed), then ask the other tools. Every answer carries asOf, ' +
        'dataVersion, the sources with their URLs, and truncated; its data is what the HTTP route of the same name answers. Everything is read-only.',
    },
  );

  /**
   * Runs a tool: wraps its data with the day, the version and the sources it cites (any `sources` list in it,
   * a `sources` column of Cypher rows, and those of the relationships a computation rests on), caps the size,
   * and turns problems into tool errors.
   */
  const answer = async (asOf: string | null, produce: () => Promise<unknown>, restsOn: (data: never) => string[] = () => []): Promise<CallToolResult> => {
    try {
      const data = await produce();
      const ids = [...new Set([...collectSourceIds(data), ...cypherSourceIds(data), ...(await r.provenance.findRelationshipSources(restsOn(data as never)))])];
      const found = ids.length > 0 ? await r.sources.findSourcesByIds(ids) : new Map();
      const sources = ids
        .filter((id) => found.has(id))
        .sort()
        .map((id) => {
          const s = found.get(id)!;
          return { id, title: s.title, publisher: s.publisher, url: s.url ?? null };
        });
      const dataVersion = ctx.settledDatasetVersion ? await ctx.settledDatasetVersion() : ctx.datasetVersion();
      const body: ToolAnswer = { asOf: asOf ?? today(), dataVersion, truncated: false, sources, data };
      const { answer: capped, text } = capAnswerText(body, limits.maxAnswerBytes);
      return { content: [{ type: 'text', text }], structuredContent: capped as unknown as Record<string, unknown> };
    } catch (thrown) {
      const limit = queryLimitOf(thrown);
      if (limit) ctx.log?.(thrown, 'MCP tool stopped by a Neo4j limit');
      const error = limit ? queryLimitProblem(limit) : thrown;
      if (error instanceof HttpProblem) {
        return {
          isError: true,
          content: [
            {
              type: 'text',
              text: JSON.stringify({ status: error.status, detail: error.message, ...(error.extra.errors ? { errors: error.extra.errors } : {}) }),
            },
          ],
        };
      }
      // The driver's words (pool status, addresses, server text) stay in the log.
      ctx.log?.(error, 'MCP tool failed');
      if (isNeo4jUnavailable(error) || (error instanceof Error && error.name === 'Neo4jError')) {
        return toolError(503, 'The graph database is busy or unavailable; try again shortly');
      }
      return toolError(500, 'An unexpected error occurred; it has been logged');
    }
  };

  /**
   * A typed tool call passes the HTTP API's limits, as its route would: a cached answer is free; otherwise
   * an expensive call is charged to the client's limit of expensive requests and every call takes an
   * admission slot while it runs. Research tools pass the Cypher door's own bulkhead and budgets instead.
   */
  const gated = async (name: string, args: Record<string, unknown>, run: () => Promise<CallToolResult>): Promise<CallToolResult> => {
    const gate = ctx.gate;
    const cost = toolCost(name, args);
    if (!gate || cost === 'research') return run();
    const version = ctx.datasetVersion();
    const key = `${version ?? 'none'}\u0000${today()}\u0000${name}\u0000${canonical(args)}`;
    const hit = gate.cache?.get(key);
    if (hit) return hit;
    if (cost === 'expensive') {
      const wait = await gate.chargeExpensive();
      if (wait !== null) {
        return toolError(
          429,
          `At most ${gate.expensivePerMinute} deep-graph, look-through, control, changes and path requests a minute per client; try again in ${wait} s`,
        );
      }
    }
    const release = gate.admit();
    if (!release) return toolError(503, 'The graph database is saturated; try again shortly');
    try {
      const result = await run();
      // An answer whose data turned out newer than the version its key was made for is not kept under that key.
      if (!result.isError && ctx.datasetVersion() === version) gate.cache?.set(key, result);
      return result;
    } finally {
      release();
    }
  };

  for (const { operation, input, output } of OPERATION_TOOLS) {
    server.registerTool(
      operation.name,
      {
        title: operation.title,
        description: `${operation.summary}.${operation.details ? ` ${operation.details}` : ''} Same as GET ${operation.path.replace(/:(\w+)/g, '{$1}')}.`,
        inputSchema: input.shape,
        outputSchema: output.shape,
        annotations: READ_ONLY,
      },
      // The SDK hands over the arguments as the input schema parsed them, defaults filled in, as the HTTP door gets them.
      (async (args: Record<string, unknown>) =>
        gated(operation.name, args, () => answer(askedDay(args), () => operation.run(ctx.deps, args as never, {}), operation.restsOn))) as never,
    );
  }

  server.registerTool(
    'run_named_query',
    {
      title: 'Run a named query',
      description:
        'Run a read query of the catalogue by name, its parameters checked against its header, through the read-only Cypher door. Same as POST /v1/queries/{name}.',
      inputSchema: { name: IdParamsSchema.shape.id.describe('The query’s name'), ...NamedQueryRunSchema.shape },
      outputSchema: CYPHER_OUTPUT.shape,
      annotations: READ_ONLY,
    },
    async ({ name, params }) =>
      answer(null, async () => {
        const result = await ctx.deps.namedQueries.runNamedQuery(name, params, (text, p) =>
          ctx.door.run(text, p, { client: ctx.client, trusted: true, maxBytes: limits.maxAnswerBytes }),
        );
        if (!result) throw new HttpProblem(404, `No query named "${name}"`);
        return result;
      }),
  );

  server.registerTool(
    'read_cypher',
    {
      title: 'Run read-only Cypher',
      description:
        `One read-only Cypher statement through the same guarded door as POST /v1/cypher: writes, administration, LOAD CSV and ` +
        `unknown procedures are refused; EXPLAIN must plan it read-only; it runs in a READ transaction that is rolled back, with a ` +
        `${ctx.cypher.timeoutMs / 1000} s timeout and a ${ctx.cypher.maxRows}-row cap. Call get_graph_schema first.`,
      inputSchema: CypherRequestSchema.shape,
      outputSchema: CYPHER_OUTPUT.shape,
      annotations: READ_ONLY,
    },
    async ({ query, params, profile }) =>
      answer(null, async () => ctx.door.run(query, params, { client: ctx.client, profile, maxBytes: limits.maxAnswerBytes })),
  );

  server.registerTool(
    'get_graph_schema',
    {
      title: 'Graph schema',
      description:
        'Node labels with their properties, relationship types with their endpoints and properties, full-text indexes, and the dating rules, for writing Cypher.',
      outputSchema: GRAPH_SCHEMA_OUTPUT.shape,
      annotations: READ_ONLY,
    },
    async () => answer(null, async () => graphSchema()),
  );

  server.registerResource(
    'sources',
    new ResourceTemplate('alliance://sources/{id}', {
      list: async () => {
        const { items } = await r.sources.listSources(0, 10_000);
        return {
          resources: items.map((s) => ({
            uri: `alliance://sources/${s.id}`,
            name: s.id,
            title: s.title,
            description: `${s.publisher}${s.url ? ` — ${s.url}` : ''}`,
            mimeType: 'application/json',
          })),
        };
      },
    }),
    {
      title: 'A source of the dataset',
      description: 'Every fact of the graph cites sources: articles, press releases, filings, reference works',
      mimeType: 'application/json',
    },
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
