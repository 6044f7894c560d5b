import { resolve } from 'node:path';
import { z } from 'zod';

/** The development password of the project's own local Neo4j; documented in docs/operators.md and docs/researchers.md. */
export const DEV_NEO4J_PASSWORD = 'alliance-dev-password';
export const DEFAULT_NEO4J_URI = 'bolt://127.0.0.1:7687';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI')
    .optional(),
  /**
   * The Neo4j researchers' queries run on (POST /v1/cypher, the named-query runs, MCP's read_cypher and
   * run_named_query), for defence in depth: a read replica holding the same data in production. The
   * typed API, health and MCP's typed tools never use it. NEO4J_URI when absent.
   */
  RESEARCH_NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI')
    .optional(),
  /**
   * own (default): researchers' queries never run on the main Neo4j; with no NEO4J_URI and no
   * RESEARCH_NEO4J_URI, `npm start` starts a second local instance for them. shared: they run on the main
   * Neo4j, for machines too small for two (as RESEARCH_NEO4J_URI equal to NEO4J_URI does).
   */
  RESEARCH_ISOLATION: z.enum(['own', 'shared']).default('own'),
  // Ports of that second local instance (7688/7475 are the benchmark's second instance, see bench/scale).
  RESEARCH_NEO4J_BOLT_PORT: z.coerce.number().int().min(1).max(65535).default(7689),
  RESEARCH_NEO4J_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(7476),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  // Neo4j itself refuses passwords shorter than 8 characters.
  NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters').default(DEV_NEO4J_PASSWORD),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,62}$/, 'must be a Neo4j database name (lower case letters, digits, dots, dashes)')
    .default('neo4j'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: LogLevel.default('info'),
  CYPHER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  CYPHER_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  CYPHER_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  CYPHER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(256 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  CYPHER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  CYPHER_QUEUE: z.coerce.number().int().min(0).max(1_000).default(4),
  CYPHER_BUDGET_SECONDS: z.coerce.number().min(1).max(3_600).default(20),
  // Origins whose pages may POST to the research routes (comma-separated); none by default.
  CYPHER_CORS_ORIGINS: z
    .string()
    .regex(/^\s*https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*\s*$/, 'must be a comma-separated list of http(s) origins')
    .optional(),
  EXPENSIVE_GET_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  // A Redis or Valkey server every replica counts its limits and query-time budgets in; unset, each process counts alone.
  RATE_LIMIT_STORE_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  EVENT_LOOP_DELAY_LIMIT_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  // Ask the hot list answers for every time interval in the background at start and after a reload.
  CACHE_WARM: z.enum(['on', 'off']).default('on'),
  // Uncached data requests worked on at once; one more gets a fast 503 with Retry-After (unset: twice the pool).
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).optional(),
  // Past MAX_IN_FLIGHT, requests wait in a FIFO of this many at most (unset: 2,048) for at most ADMISSION_DEADLINE_MS
  // (unset: 1 s); 503 with Retry-After only when the queue is full or the expected wait and query pass the deadline.
  ADMISSION_QUEUE_MAX: z.coerce.number().int().min(0).max(1_000_000).optional(),
  ADMISSION_DEADLINE_MS: z.coerce.number().int().min(1).max(60_000).optional(),
  // Largest MCP tool answer, in bytes of JSON; longer lists are cut and the answer says truncated.
  MCP_MAX_ANSWER_BYTES: z.coerce.number().int().min(1_024).max(10_000_000).default(65_536),
  // Turns on POST /v1/admin/reload and GET /metrics; unset, both routes do not exist.
  ADMIN_API_KEY: z.string().min(24, 'must be at least 24 characters').max(512).optional(),
  // The dataset folder a reload (and npm start on an empty graph) loads; the project's data/ when unset.
  // Replicas that reload from a mounted or edited copy of the dataset point every process at it.
  DATASET_DIR: z.string().min(1).max(4_096).optional(),
});

export type Env = z.input<typeof EnvSchema>;

/** The variables the API reads, for docs and for the docker-compose check. */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as (keyof Env)[];

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database: string;
  /**
   * True when NEO4J_URI was not given: the project's own local Neo4j is meant, and `npm start`
   * may start it. An explicit URI is someone else's server and is never started or stopped by us.
   */
  managedLocally: boolean;
  /** Where researchers' queries run (RESEARCH_NEO4J_URI); `uri` when absent. Same user, password and database. */
  researchUri?: string;
}

export interface CypherLimits {
  /** Transaction timeout of researchers' queries. */
  timeoutMs: number;
  /** Rows returned at most; the answer says `truncated`. */
  maxRows: number;
  /** Requests per minute and client to the Cypher and named-query routes. */
  rateLimitPerMinute: number;
  /** Bytes of rows returned at most (JSON); the answer says `truncated`. */
  maxBytes: number;
  /** Research queries running at once (the research driver's pool is this plus one). */
  concurrency: number;
  /** Research queries waiting for a slot; past it, 429 at once. */
  queue: number;
  /** Seconds of query time each client may use per minute on the research routes. */
  budgetSecondsPerMinute: number;
  /** Origins whose pages may POST to the research routes; empty: none. */
  corsOrigins: string[];
}

/** Where researchers' queries run when RESEARCH_NEO4J_URI does not say. */
export interface ResearchIsolation {
  /** own: never on the main Neo4j (npm start starts a second local one); shared: on the main Neo4j. */
  isolation: 'own' | 'shared';
  /** Ports of the second local instance npm start runs for research. */
  localBoltPort: number;
  localHttpPort: number;
}

/** The list answers most clients start from: warmed for every time interval at start. */
export const DEFAULT_CACHE_WARM_PATHS: readonly string[] = ['/v1/alliances', '/v1/companies', '/v1/brands', '/v1/people'];

export interface AppConfig {
  host: string;
  port: number;
  logLevel: z.infer<typeof LogLevel>;
  neo4j: Neo4jConfig;
  /** Read by npm start only; the app follows neo4j.researchUri. */
  research?: ResearchIsolation;
  cypher: CypherLimits;
  /** The in-memory response cache (on by default; the benchmark turns it off to measure Neo4j's path). */
  responseCache: boolean;
  /** GET paths the response cache asks for every time interval in the background (none when absent). */
  cacheWarmPaths?: readonly string[];
  /** Uncached data requests admitted at once (default: twice the driver pool). */
  maxInFlight?: number;
  /** How long a request body may take to arrive after its headers (408 past it); 5 s by default. */
  bodyReadTimeoutMs?: number;
  /** Requests waiting for an admission slot at most, and the longest wait (ms); the admission plugin's defaults when absent. */
  admissionQueueMax?: number;
  admissionDeadlineMs?: number;
  /** Key for the admin routes (reload, metrics); null turns them off. */
  adminApiKey: string | null;
  /** The dataset folder a reload loads (absolute); the project's data/ when absent. */
  dataDir?: string;
  /** The MCP server (/mcp and npm run mcp); DEFAULT_MCP_LIMITS when absent. */
  mcp?: McpLimits;
  /** Requests per minute and client to the expensive GETs (deep graphs, look-through, export, path). */
  expensiveGetRateLimit: number;
  /**
   * The Redis (or Valkey) server the rate limits and query-time budgets are counted in, so that they hold
   * across replicas; absent, each process counts alone and N replicas allow N times each limit.
   */
  rateLimitStoreUrl?: string;
  /** Event-loop lag past which requests are shed with 503 (@fastify/under-pressure); 1 s when absent. */
  eventLoopDelayLimitMs?: number;
}

export interface McpLimits {
  /** Largest tool answer in bytes of JSON; lists are cut to fit and the answer says truncated. */
  maxAnswerBytes: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function cypherLimitsOf(e: z.infer<typeof EnvSchema>): CypherLimits {
  return {
    timeoutMs: e.CYPHER_TIMEOUT_MS,
    maxRows: e.CYPHER_MAX_ROWS,
    rateLimitPerMinute: e.CYPHER_RATE_LIMIT,
    maxBytes: e.CYPHER_MAX_BYTES,
    concurrency: e.CYPHER_CONCURRENCY,
    queue: e.CYPHER_QUEUE,
    budgetSecondsPerMinute: e.CYPHER_BUDGET_SECONDS,
    corsOrigins: (e.CYPHER_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter((o) => o.length > 0),
  };
}

const mcpLimitsOf = (e: z.infer<typeof EnvSchema>): McpLimits => ({ maxAnswerBytes: e.MCP_MAX_ANSWER_BYTES });

/** The limits when no variable sets them: the environment schema's defaults, stated once there. */
const ENV_DEFAULTS = EnvSchema.parse({});
export const DEFAULT_CYPHER_LIMITS: CypherLimits = cypherLimitsOf(ENV_DEFAULTS);
export const DEFAULT_MCP_LIMITS: McpLimits = mcpLimitsOf(ENV_DEFAULTS);
export const DEFAULT_EXPENSIVE_GET_RATE_LIMIT: number = ENV_DEFAULTS.EXPENSIVE_GET_RATE_LIMIT;

/**
 * Parses the environment once. Every other module takes an AppConfig and never reads process.env,
 * so tests can build any configuration without touching the process.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings mean "unset" so that `PORT= npm start` behaves like no PORT at all.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid environment variable ${variable}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.RESEARCH_ISOLATION === 'shared' && e.RESEARCH_NEO4J_URI !== undefined && e.RESEARCH_NEO4J_URI !== (e.NEO4J_URI ?? DEFAULT_NEO4J_URI)) {
    throw new ConfigError(
      'Invalid environment variable RESEARCH_ISOLATION: shared runs researchers’ queries on NEO4J_URI, but RESEARCH_NEO4J_URI names another Neo4j',
    );
  }
  if (e.RESEARCH_NEO4J_BOLT_PORT === e.RESEARCH_NEO4J_HTTP_PORT) {
    throw new ConfigError('Invalid environment variable RESEARCH_NEO4J_HTTP_PORT: must differ from RESEARCH_NEO4J_BOLT_PORT');
  }
  return {
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI ?? DEFAULT_NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      managedLocally: e.NEO4J_URI === undefined,
      ...(e.RESEARCH_NEO4J_URI === undefined ? {} : { researchUri: e.RESEARCH_NEO4J_URI }),
    },
    research: { isolation: e.RESEARCH_ISOLATION, localBoltPort: e.RESEARCH_NEO4J_BOLT_PORT, localHttpPort: e.RESEARCH_NEO4J_HTTP_PORT },
    cypher: cypherLimitsOf(e),
    responseCache: e.RESPONSE_CACHE === 'on',
    cacheWarmPaths: e.CACHE_WARM === 'on' ? DEFAULT_CACHE_WARM_PATHS : [],
    ...(e.MAX_IN_FLIGHT === undefined ? {} : { maxInFlight: e.MAX_IN_FLIGHT }),
    ...(e.ADMISSION_QUEUE_MAX === undefined ? {} : { admissionQueueMax: e.ADMISSION_QUEUE_MAX }),
    ...(e.ADMISSION_DEADLINE_MS === undefined ? {} : { admissionDeadlineMs: e.ADMISSION_DEADLINE_MS }),
    adminApiKey: e.ADMIN_API_KEY ?? null,
    ...(e.DATASET_DIR === undefined ? {} : { dataDir: resolve(e.DATASET_DIR) }),
    mcp: mcpLimitsOf(e),
    expensiveGetRateLimit: e.EXPENSIVE_GET_RATE_LIMIT,
    ...(e.RATE_LIMIT_STORE_URL === undefined ? {} : { rateLimitStoreUrl: e.RATE_LIMIT_STORE_URL }),
    eventLoopDelayLimitMs: e.EVENT_LOOP_DELAY_LIMIT_MS,
  };
}
