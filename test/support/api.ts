import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildTestApp } from './app.js';
import { connect } from './graph.js';

/** The app over the seeded alliance dataset, for one test file. `get` returns status, headers and JSON. */
export function useSeededApi() {
  const ctx = {} as { app: FastifyInstance };
  const graph = connect();
  beforeAll(async () => {
    await graph.seedAlliance();
    ctx.app = await buildTestApp({}, { applySchemaOnStart: false });
  });
  afterAll(async () => {
    await ctx.app?.close();
    await graph.close();
  });
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await ctx.app.inject({ method: 'GET', url, headers });
    let body: any = null;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      body = res.body;
    }
    return { status: res.statusCode, headers: res.headers, body };
  };
  return { ctx, graph, get };
}

export const ALLIANCE = 'renault-nissan-mitsubishi-alliance';
