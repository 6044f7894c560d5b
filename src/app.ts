import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.js';
import { API_VERSION, CYPHER_QUERIES_DIR, CYPHER_SCHEMA_DIR } from './paths.js';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import { frameworkErrorHandler, installErrorHandling, RETRY_AFTER_UNAVAILABLE_SECONDS } from './plugins/error-handling.js';
import metricsPlugin from './plugins/metrics.js';
import { POOL_SIZE } from './plugins/neo4j.js';
import { problemBody, sendProblem } from './lib/problem.js';
import adminRoutes from './routes/admin.js';
import neo4jPlugin from './plugins/neo4j.js';
import repositoriesPlugin from './plugins/repositories.js';
import researchPlugin from './plugins/research.js';
import swaggerPlugin from './plugins/swagger.js';
import datasetVersionPlugin from './plugins/dataset-version.js';
import httpCachingPlugin from './plugins/http-caching.js';
import expensiveGetsPlugin from './plugins/expensive-gets.js';
import allianceRoutes from './routes/alliances.js';
import brandRoutes from './routes/brands.js';
import companyRoutes from './routes/companies.js';
import embedRoutes from './routes/embed.js';
import cypherRoutes from './routes/cypher.js';
import exportRoutes from './routes/export.js';
import healthRoutes from './routes/health.js';
import ownershipRoutes from './routes/ownership.js';
import pathRoutes from './routes/paths.js';
import planRoutes from './routes/plans.js';
import queryRoutes from './routes/queries.js';
import platformRoutes from './routes/platforms.js';
import searchRoutes from './routes/search.js';
import sourceRoutes from './routes/sources.js';
import targetRoutes from './routes/targets.js';
import technologyRoutes from './routes/technologies.js';
import timelineRoutes from './routes/timeline.js';

export interface BuildOptions {
  /** Where logs go (tests capture them); standard output by default. */
  logStream?: { write(line: string): void };
  /** The dataset folder POST /v1/admin/reload loads (tests point it elsewhere). */
  dataDir?: string;
  /** Apply cypher/schema when the app is ready (and retry in the background until it succeeds). */
  applySchemaOnStart?: boolean;
  /** Where the Cypher lives; tests point this elsewhere to prove a missing file fails. */
  paths?: { queriesDir: string; schemaDir: string };
}

const SCHEMA_RETRY_MS = 5_000;

export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
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
    // Path parameters as long as the longest id (IdSchema allows 120); longer ones are refused by the router (414).
    routerOptions: { maxParamLength: 120 },
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 72_000,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 64 * 1024,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // While closing, answers in flight tell keep-alive clients to hang up, so the drain ends with them.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  // Fixed order: protection, database, documentation, repositories, HTTP caching, routes.
  await app.register(helmet, {
    // The JSON needs no CSP, /docs needs inline scripts, and /embed sets its own; apps frame /embed and read JSON
    // cross-origin. Headers that only concern HTML in old browsers, or TLS (set HSTS at the TLS terminator), stay off:
    // every header is paid for on every answer.
    contentSecurityPolicy: false,
    frameguard: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    hsts: false,
    dnsPrefetchControl: false,
    ieNoOpen: false,
    originAgentCluster: false,
    permittedCrossDomainPolicies: false,
    xssFilter: false,
  });
  await app.register(underPressure, {
    maxEventLoopDelay: 1_000,
    retryAfter: RETRY_AFTER_UNAVAILABLE_SECONDS,
    exposeStatusRoute: false,
    pressureHandler: (request, reply) => {
      void sendProblem(reply, problemBody(request, 503, 'The server is overloaded; try again shortly'), RETRY_AFTER_UNAVAILABLE_SECONDS);
    },
  });
  await app.register(neo4jPlugin, { config: config.neo4j });
  await app.register(researchPlugin, { config: config.neo4j, limits: config.cypher });
  await app.register(swaggerPlugin, { version: API_VERSION });
  await app.register(repositoriesPlugin, options.paths ?? { queriesDir: CYPHER_QUERIES_DIR, schemaDir: CYPHER_SCHEMA_DIR });
  await app.register(datasetVersionPlugin);
  await app.register(httpCachingPlugin, { responseCache: config.responseCache });
  await app.register(expensiveGetsPlugin, { perMinute: config.expensiveGetRateLimit });
  await app.register(metricsPlugin, { poolSize: POOL_SIZE });
  // Off by default; the expensive routes (researchers' Cypher) opt in with their own limits.
  await app.register(rateLimit, { global: false });
  await app.register(healthRoutes);
  for (const routes of [
    allianceRoutes,
    companyRoutes,
    brandRoutes,
    planRoutes,
    targetRoutes,
    platformRoutes,
    technologyRoutes,
    timelineRoutes,
    searchRoutes,
    pathRoutes,
    ownershipRoutes,
    exportRoutes,
    embedRoutes,
    sourceRoutes,
  ]) {
    await app.register(routes);
  }
  await app.register(cypherRoutes, { limits: config.cypher });
  await app.register(queryRoutes, { limits: config.cypher });
  if (config.adminApiKey) await app.register(adminRoutes, { apiKey: config.adminApiKey, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });

  if (options.applySchemaOnStart ?? true) scheduleSchema(app);

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
