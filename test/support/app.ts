import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/app.js';
import { DEFAULT_CYPHER_LIMITS, DEFAULT_EXPENSIVE_GET_RATE_LIMIT, type AppConfig } from '../../src/config.js';

/** The app's configuration for tests: the suite's real Neo4j, quiet logs. */
export function testConfig(overrides: Partial<AppConfig['neo4j']> = {}, cypher: Partial<AppConfig['cypher']> = {}): AppConfig {
  const neo4j = inject('neo4j');
  return {
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    cypher: { ...DEFAULT_CYPHER_LIMITS, ...cypher },
    responseCache: true,
    adminApiKey: null,
    // Test files ask the expensive GETs many times from one address; the limit itself is tested on its own.
    expensiveGetRateLimit: 100 * DEFAULT_EXPENSIVE_GET_RATE_LIMIT,
    // The suite shares a 2-core box with its own Neo4j and builds an app per file (compiling every route's serializer
    // blocks the loop for a while): shedding load after such a pause is not what these tests are about.
    eventLoopDelayLimitMs: 30_000,
    neo4j: { uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: neo4j.database, managedLocally: false, ...overrides },
  };
}

export function buildTestApp(
  overrides: Partial<AppConfig['neo4j']> = {},
  options: BuildOptions = {},
  cypher: Partial<AppConfig['cypher']> = {},
): Promise<FastifyInstance> {
  return buildApp(testConfig(overrides, cypher), options);
}
