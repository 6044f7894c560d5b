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

export interface UltimateRequest {
  company: string;
  ms: number;
  /** Stake statements the answer is computed from: the stakes above the company, cycles included. */
  stakes: number;
  owners: number;
}

export interface ChangesRequest {
  entity: string;
  ms: number;
  /** Changes on the first page (at most 500) of the entity's feed over the whole period. */
  changes: number;
}

export interface ChangesMonthRequest {
  month: string;
  ms: number;
  /** Every change of the whole network in the month (the answer's total; its first page is 50). */
  changes: number;
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

export async function requestUltimate(app: FastifyInstance, company: string): Promise<UltimateRequest> {
  const { ms, body } = await timed(app, `/v1/ownership/ultimate?company=${encodeURIComponent(company)}`);
  const answer = body as { stakes: string[]; owners: unknown[] };
  return { company, ms, stakes: answer.stakes.length, owners: answer.owners.length };
}

/** One entity's changes from 1990 (the synthetic network's first day) to the end of 2026, first page of 500. */
export async function requestChanges(app: FastifyInstance, entity: string): Promise<ChangesRequest> {
  const { ms, body } = await timed(app, `/v1/changes?entity=${encodeURIComponent(entity)}&from=1990-01-01&to=2026-12-31&limit=500`);
  const answer = body as { items: unknown[] };
  return { entity, ms, changes: answer.items.length };
}

/** Every change of the whole network in one month (YYYY-MM), without an entity: the total and the first page of 50. */
export async function requestChangesMonth(app: FastifyInstance, month: string): Promise<ChangesMonthRequest> {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const { ms, body } = await timed(app, `/v1/changes?from=${month}-01&to=${month}-${String(last).padStart(2, '0')}&limit=50`);
  return { month, ms, changes: (body as { total: number }).total };
}
