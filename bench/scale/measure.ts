/**
 * Latency of the ownership endpoints through the real code paths: the app built by buildApp (routes,
 * validation, repositories, the Cypher in cypher/queries/, look-through in TypeScript, serialisation,
 * ETag), driven with app.inject, against the benchmark's Neo4j.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { DEFAULT_CYPHER_LIMITS, type AppConfig } from '../../src/config.js';

export interface GraphRequest {
  root: string;
  ms: number;
  nodes: number;
  edges: number;
}

export interface LookThroughRequest {
  holder: string;
  ms: number;
  /** Stake statements the answer is computed from: the reachable stake subgraph. */
  stakes: number;
  /** Companies in which the holder has a share. */
  companies: number;
}

export function benchAppConfig(neo4j: { uri: string; user: string; password: string; database: string }): AppConfig {
  // `as AppConfig`: the response cache (if this version of the app has one) is off, so every request
  // reaches Neo4j; every sampled id is asked for once anyway.
  return {
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    neo4j: { ...neo4j, managedLocally: false },
    cypher: DEFAULT_CYPHER_LIMITS,
    responseCache: false,
    // The benchmark is one client asking thousands of look-throughs: the per-client limit stays out of the way.
    expensiveGetRateLimit: Number.MAX_SAFE_INTEGER,
  } as AppConfig;
}

export function openApp(config: AppConfig): Promise<FastifyInstance> {
  return buildApp(config, { applySchemaOnStart: false });
}

async function timed(app: FastifyInstance, url: string): Promise<{ ms: number; body: unknown }> {
  const t0 = process.hrtime.bigint();
  const res = await app.inject({ method: 'GET', url });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
  return { ms, body: res.json() };
}

export async function requestGraph(app: FastifyInstance, root: string): Promise<GraphRequest> {
  const { ms, body } = await timed(app, `/v1/graph/ownership?root=${encodeURIComponent(root)}&depth=2&format=json`);
  const graph = body as { nodes: unknown[]; edges: unknown[] };
  return { root, ms, nodes: graph.nodes.length, edges: graph.edges.length };
}

export async function requestLookThrough(app: FastifyInstance, holder: string): Promise<LookThroughRequest> {
  const { ms, body } = await timed(app, `/v1/ownership/effective?holder=${encodeURIComponent(holder)}`);
  const answer = body as { stakes: string[]; items: unknown[] };
  return { holder, ms, stakes: answer.stakes.length, companies: answer.items.length };
}
