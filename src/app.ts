import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FrontCache } from './lib/front-cache.js';
import { currentDay } from './lib/dates.js';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { compiledSerializerCompiler } from './lib/compiled-serializer.js';
import type { AppConfig } from './config.js';
import { MAX_ID_LENGTH } from './schemas/dataset.js';
import { API_VERSION, CYPHER_SCHEMA_DIR } from './project-files.js';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandling } from './plugins/error-handling.js';
import metricsPlugin from './plugins/metrics.js';
import sharedPortPlugin from './plugins/shared-port.js';
import routePolicyPlugin from './plugins/route-policy.js';
import bodyTimeoutPlugin, { DEFAULT_BODY_READ_TIMEOUT_MS } from './plugins/body-timeout.js';
import { POOL_SIZE } from './db/driver.js';
import adminRoutes from './routes/admin.js';
import dbPlugin from './plugins/db.js';
import compressPlugin from './plugins/external/compress.js';
import corsPlugin from './plugins/external/cors.js';
import helmetPlugin from './plugins/external/helmet.js';
import rateLimitPlugin from './plugins/external/rate-limit.js';
import underPressurePlugin from './plugins/external/under-pressure.js';
import repositoriesPlugin from './plugins/repositories.js';
import researchPlugin from './plugins/research.js';
import swaggerPlugin from './plugins/swagger.js';
import datasetVersionPlugin from './plugins/dataset-version.js';
import admissionPlugin, { DEFAULT_MAX_IN_FLIGHT } from './plugins/admission.js';
import httpCachingPlugin, { MAX_BYTES } from './plugins/http-caching.js';
import expensiveGetsPlugin from './plugins/expensive-gets.js';
import embedRoutes from './routes/embed.js';
import explorerRoutes from './routes/explorer.js';
import cypherRoutes from './routes/cypher.js';
import exportRoutes from './routes/export.js';
import healthRoutes from './routes/health.js';
import landingRoutes from './routes/landing.js';
import queryRoutes from './routes/queries.js';
import reconcileRoutes from './routes/reconcile.js';
import mcpRoutes from './routes/mcp.js';
import operationRoutes from './routes/operations.js';
import { createUseCaseDeps } from './use-cases/deps.js';

export interface BuildOptions {
  /** Where logs go (tests capture them); standard output by default. */
  logStream?: { write(line: string): void };
  /** The dataset folder POST /v1/admin/reload loads (tests point it elsewhere). */
  dataDir?: string;
  /** Apply cypher/schema when the app is ready (and retry in the background until it succeeds). */
  applySchemaOnStart?: boolean;
  /** Where the schema's Cypher lives; tests point this elsewhere to prove a missing index is reported. */
  schemaDir?: string;
  /** Called before the app is ready, for hooks that look at it from outside (a test comparing serialisers). */
  beforeReady?: (app: FastifyInstance) => void;
  /** How often the dataset version is read in the background (plugins/dataset-version.ts); 5 s by default. */
  datasetVersionRefreshMs?: number;
}

const SCHEMA_RETRY_MS = 5_000;
/**
 * Sockets on the API's port where it can be shared (plugins/shared-port.ts): 1,024 clients connecting at once
 * to a saturated API are accepted in about 8 turns of the loop. Measured at 1,024 connections (p99 of served
 * answers, the first second included): 16 sockets 2.5 s, 64 1.3–1.4 s, 128 1.2 s, 256 1.1 s. Each is one
 * file descriptor.
 */
export const LISTEN_SOCKETS = 128;
const REQUEST_TIMEOUT_MS = 30_000;
const CONNECTION_TIMEOUT_MS = 60_000;
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  // Repeated GETs are answered in front of fastify (lib/front-cache.ts); the caching plugin fills the table
  // once the app is ready, so the dataset version is there by the time it is read.
  const front = new FrontCache({ version: () => app.datasetVersion.current(), day: currentDay, requestId: randomUUID, maxBytes: MAX_BYTES / 4 });
  const app = Fastify({
    // The server fastify would make, with the front cache's table looked at first.
    serverFactory: (handler) => {
      const server = createServer((request: IncomingMessage, response: ServerResponse) => {
        if (!front.serve(request, response)) handler(request, response);
      });
      server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
      server.requestTimeout = REQUEST_TIMEOUT_MS;
      server.setTimeout(CONNECTION_TIMEOUT_MS);
      return server;
    },
    logger: {
      level: config.logLevel,
      // Secrets never reach a log line, whatever logs a request or its headers.
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'headers.authorization', 'headers["x-api-key"]', '*.password'],
        censor: '[redacted]',
      },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // Slow or stalled clients cannot hold sockets for ever.
    // Path parameters as long as the longest id; longer ones are refused by the router (414).
    routerOptions: { maxParamLength: MAX_ID_LENGTH },
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 64 * 1024,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializerCompiler);
  installErrorHandling(app);
  // While closing, answers in flight tell keep-alive clients to hang up, so the drain ends with them.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    front.enabled = false;
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  // Fixed order: listening sockets, protection, database, documentation, repositories, HTTP caching, routes.
  await app.register(sharedPortPlugin, { sockets: LISTEN_SOCKETS });
  await app.register(helmetPlugin);
  // Before every other policy and every route: each route gets its policies, and non-canonical paths a 400.
  await app.register(routePolicyPlugin);
  await app.register(bodyTimeoutPlugin, { timeoutMs: config.bodyReadTimeoutMs ?? DEFAULT_BODY_READ_TIMEOUT_MS });
  await app.register(underPressurePlugin, { maxEventLoopDelayMs: config.eventLoopDelayLimitMs });
  // Before the research door, whose query-time budgets are counted in the same store, and before every route.
  await app.register(rateLimitPlugin, config.rateLimitStoreUrl === undefined ? {} : { storeUrl: config.rateLimitStoreUrl });
  // Before CORS: the research routes refuse browsers' preflights from origins the operator has not allowed.
  // Researchers' queries run on their own Neo4j when RESEARCH_NEO4J_URI says so (the rest of the API never does).
  const researchUri = config.neo4j.researchUri ?? config.neo4j.uri;
  await app.register(researchPlugin, { config: { ...config.neo4j, uri: researchUri }, limits: config.cypher, ownDatabase: researchUri !== config.neo4j.uri });
  await app.register(corsPlugin);
  await app.register(compressPlugin);
  await app.register(dbPlugin, { config: config.neo4j });
  await app.register(swaggerPlugin, { version: API_VERSION });
  await app.register(repositoriesPlugin, { schemaDir: options.schemaDir ?? CYPHER_SCHEMA_DIR });
  await app.register(datasetVersionPlugin, options.datasetVersionRefreshMs === undefined ? {} : { refreshMs: options.datasetVersionRefreshMs });
  await app.register(httpCachingPlugin, { responseCache: config.responseCache, warmPaths: config.cacheWarmPaths ?? [], front });
  await app.register(admissionPlugin, {
    maxInFlight: config.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    ...(config.admissionQueueMax === undefined ? {} : { maxQueue: config.admissionQueueMax }),
    ...(config.admissionDeadlineMs === undefined ? {} : { deadlineMs: config.admissionDeadlineMs }),
  });
  await app.register(expensiveGetsPlugin, { perMinute: config.expensiveGetRateLimit });
  await app.register(metricsPlugin, { poolSize: POOL_SIZE });
  // The doors get the use cases as an option, a typed container the dependency rules can see.
  const deps = createUseCaseDeps(app.repositories);
  await app.register(healthRoutes, { deps });
  await app.register(operationRoutes, { deps });
  await app.register(exportRoutes, { deps });
  await app.register(embedRoutes, { deps });
  await app.register(explorerRoutes, { deps });
  await app.register(landingRoutes, { deps });
  await app.register(reconcileRoutes, { deps });
  await app.register(cypherRoutes, { limits: config.cypher });
  await app.register(queryRoutes, { limits: config.cypher, deps });
  await app.register(mcpRoutes, { deps, cypher: config.cypher, ...(config.mcp ? { mcp: config.mcp } : {}) });
  const dataDir = options.dataDir ?? config.dataDir;
  if (config.adminApiKey) await app.register(adminRoutes, { deps, apiKey: config.adminApiKey, ...(dataDir ? { dataDir } : {}) });

  // Answers the front cache gives are counted and logged as fastify's own are.
  const logAnswers = ['trace', 'debug', 'info'].includes(config.logLevel);
  front.onAnswer = (request, route, status, startedAt, requestId) => {
    const responseTime = performance.now() - startedAt;
    app.metrics.observe('GET', route, status, responseTime);
    if (logAnswers) {
      app.log.info(
        { reqId: requestId, req: { method: 'GET', url: request.url }, res: { statusCode: status }, responseTime, cache: 'front' },
        'request completed',
      );
    }
  };

  if (options.applySchemaOnStart ?? true) scheduleSchema(app);

  options.beforeReady?.(app);
  await app.ready();
  return app;
}

/**
 * Applies the schema once the app is ready. Neo4j may be down at start-up; the API still starts,
 * answers /health/ready with 503, and keeps trying in the background.
 */
function scheduleSchema(app: FastifyInstance): void {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const attempt = async (): Promise<void> => {
    try {
      const result = await app.repositories.system.applySchema();
      app.log.info(result, 'schema applied');
    } catch (error) {
      if (closed) return;
      app.log.warn({ err: error }, `schema not applied; retrying in ${SCHEMA_RETRY_MS / 1000} s`);
      timer = setTimeout(() => void attempt(), SCHEMA_RETRY_MS);
      timer.unref();
    }
  };
  app.addHook('onReady', async () => {
    void attempt();
  });
  app.addHook('onClose', async () => {
    closed = true;
    if (timer) clearTimeout(timer);
  });
}
