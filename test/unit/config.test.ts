import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_NEO4J_URI, DEV_NEO4J_PASSWORD, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
      neo4j: { uri: DEFAULT_NEO4J_URI, user: 'neo4j', password: DEV_NEO4J_PASSWORD, database: 'neo4j', managedLocally: true },
      research: { isolation: 'own', localBoltPort: 7689, localHttpPort: 7476 },
      cypher: {
        timeoutMs: 5000,
        maxRows: 10000,
        rateLimitPerMinute: 60,
        maxBytes: 4 * 1024 * 1024,
        concurrency: 1,
        queue: 4,
        budgetSecondsPerMinute: 20,
        corsOrigins: [],
      },
      responseCache: true,
      cacheWarmPaths: ['/v1/alliances', '/v1/companies', '/v1/brands', '/v1/people'],
      adminApiKey: null,
      mcp: { maxAnswerBytes: 65_536 },
      expensiveGetRateLimit: 60,
      eventLoopDelayLimitMs: 1_000,
    });
    expect(loadConfig({ MCP_MAX_ANSWER_BYTES: '4096' }).mcp).toEqual({ maxAnswerBytes: 4096 });
    expect(() => loadConfig({ MCP_MAX_ANSWER_BYTES: '10' })).toThrow(/MCP_MAX_ANSWER_BYTES/);
  });

  it('takes every variable, and an explicit NEO4J_URI is never managed locally', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://abcd1234.databases.neo4j.io',
      NEO4J_USER: 'reader',
      NEO4J_PASSWORD: 's3cret-password',
      NEO4J_DATABASE: 'alliance',
      HOST: '0.0.0.0',
      PORT: '8080',
      LOG_LEVEL: 'warn',
    });
    expect(config.neo4j).toEqual({
      uri: 'neo4j+s://abcd1234.databases.neo4j.io',
      user: 'reader',
      password: 's3cret-password',
      database: 'alliance',
      managedLocally: false,
    });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.logLevel).toBe('warn');
  });

  it('gives researchers a Neo4j of their own unless RESEARCH_ISOLATION=shared, and refuses shared with another RESEARCH_NEO4J_URI', () => {
    expect(loadConfig({ RESEARCH_ISOLATION: 'shared', RESEARCH_NEO4J_BOLT_PORT: '7790', RESEARCH_NEO4J_HTTP_PORT: '7791' }).research).toEqual({
      isolation: 'shared',
      localBoltPort: 7790,
      localHttpPort: 7791,
    });
    expect(() => loadConfig({ RESEARCH_ISOLATION: 'private' })).toThrow(/RESEARCH_ISOLATION/);
    expect(() => loadConfig({ RESEARCH_ISOLATION: 'shared', RESEARCH_NEO4J_URI: 'bolt://replica:7687' })).toThrow(/RESEARCH_ISOLATION: shared/);
    // Shared and a research URI that is the main one say the same thing.
    expect(loadConfig({ RESEARCH_ISOLATION: 'shared', RESEARCH_NEO4J_URI: DEFAULT_NEO4J_URI }).neo4j.researchUri).toBe(DEFAULT_NEO4J_URI);
    expect(() => loadConfig({ RESEARCH_NEO4J_BOLT_PORT: '7700', RESEARCH_NEO4J_HTTP_PORT: '7700' })).toThrow(/RESEARCH_NEO4J_HTTP_PORT/);
  });

  it('takes the dataset folder of reloads from DATASET_DIR, made absolute; none by default', () => {
    expect(loadConfig({ DATASET_DIR: '/srv/alliance-data' }).dataDir).toBe('/srv/alliance-data');
    expect(loadConfig({ DATASET_DIR: 'relative/data' }).dataDir).toBe(resolve('relative/data'));
    expect(loadConfig({ DATASET_DIR: '' }).dataDir).toBeUndefined();
  });

  it('counts limits in the store RATE_LIMIT_STORE_URL names, none by default', () => {
    expect(loadConfig({ RATE_LIMIT_STORE_URL: 'redis://limits.internal:6379/2' }).rateLimitStoreUrl).toBe('redis://limits.internal:6379/2');
    expect(loadConfig({ RATE_LIMIT_STORE_URL: 'rediss://user:secret-password@limits.internal:6380' }).rateLimitStoreUrl).toMatch(/^rediss:/);
    expect(loadConfig({}).rateLimitStoreUrl).toBeUndefined();
  });

  it('turns the cache warm-up off with CACHE_WARM=off', () => {
    expect(loadConfig({ CACHE_WARM: 'off' }).cacheWarmPaths).toEqual([]);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', NEO4J_URI: '' }).port).toBe(3000);
    expect(loadConfig({ NEO4J_URI: '' }).neo4j.managedLocally).toBe(true);
  });

  it.each([
    ['PORT', 'eighty', /^Invalid environment variable PORT: /],
    ['PORT', '70000', /^Invalid environment variable PORT: /],
    ['PORT', '-1', /^Invalid environment variable PORT: /],
    ['NEO4J_URI', 'http://127.0.0.1:7474', /^Invalid environment variable NEO4J_URI: must be a neo4j/],
    ['NEO4J_URI', 'bolt://host with space', /^Invalid environment variable NEO4J_URI: /],
    ['LOG_LEVEL', 'loud', /^Invalid environment variable LOG_LEVEL: /],
    ['NEO4J_DATABASE', 'Bad Name!', /^Invalid environment variable NEO4J_DATABASE: /],
    ['CYPHER_TIMEOUT_MS', '10', /^Invalid environment variable CYPHER_TIMEOUT_MS: /],
    ['CYPHER_MAX_ROWS', 'many', /^Invalid environment variable CYPHER_MAX_ROWS: /],
    ['RATE_LIMIT_STORE_URL', 'http://limits.internal:6379', /^Invalid environment variable RATE_LIMIT_STORE_URL: must be a redis:\/\/ or rediss:\/\/ URL$/],
    ['NEO4J_PASSWORD', 'short', /^Invalid environment variable NEO4J_PASSWORD: must be at least 8 characters$/],
  ])('refuses %s=%s with one line naming the variable', (name, value, message) => {
    let thrown: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const text = (thrown as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('never echoes a password in its message', () => {
    expect(() => loadConfig({ NEO4J_PASSWORD: 'abc12' })).toThrow(ConfigError);
    try {
      loadConfig({ NEO4J_PASSWORD: 'abc12' });
    } catch (error) {
      expect((error as Error).message).not.toContain('abc12');
    }
  });
});
