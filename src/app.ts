import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.js';
import { API_VERSION, CYPHER_QUERIES_DIR, CYPHER_SCHEMA_DIR } from './paths.js';
import rateLimit from '@fastify/rate-limit';
import { frameworkErrorHandler, installErrorHandling } from './plugins/error-handling.js';
import neo4jPlugin from './plugins/neo4j.js';
import repositoriesPlugin from './plugins/repositories.js';
import swaggerPlugin from './plugins/swagger.js';
import datasetVersionPlugin from './plugins/dataset-version.js';
import httpCachingPlugin from './plugins/http-caching.js';
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
      redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'], censor: '[redacted]' },
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 64 * 1024,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Fixed order: database, documentation, repositories, HTTP caching, routes.
  await app.register(neo4jPlugin, { config: config.neo4j });
  await app.register(swaggerPlugin, { version: API_VERSION });
  await app.register(repositoriesPlugin, options.paths ?? { queriesDir: CYPHER_QUERIES_DIR, schemaDir: CYPHER_SCHEMA_DIR });
  await app.register(datasetVersionPlugin);
  await app.register(httpCachingPlugin, { responseCache: config.responseCache });
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
