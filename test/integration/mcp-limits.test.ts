import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { MCP_BATCH_LIMITS } from '../../src/routes/mcp.js';
import { settled, testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

const HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
const callOf = (id: number, name: string, args: Record<string, unknown>) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
}

async function rpc(app: FastifyInstance, payload: unknown): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const res = await app.inject({ method: 'POST', url: '/mcp', headers: HEADERS, payload: payload as object });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers };
}

/**
 * Loads the MCP SDK (the first /mcp request imports it, which under tsx can stall the event loop long
 * enough for under-pressure to shed the next request), then waits until the app answers again.
 */
async function warm(app: FastifyInstance): Promise<void> {
  await settled(app);
  for (let i = 0; i < 50; i += 1) {
    const res = await app.inject({ method: 'POST', url: '/mcp', headers: HEADERS, payload: { jsonrpc: '2.0', id: 0, method: 'ping' } });
    if (res.statusCode === 200) return settled(app);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the MCP endpoint never answered a ping');
}

const resultOf = (message: { result?: ToolResult }) => message.result!;
const problemOf = (result: ToolResult) => JSON.parse(result.content[0]!.text) as { status: number; detail: string };

/** MCP tool calls pass the same limits as their HTTP routes, batches are bounded, errors carry no driver text. */
describe('MCP tool calls under the HTTP API’s limits', () => {
  const graph = connect();
  beforeAll(() => graph.seedAlliance());
  afterAll(() => graph.close());

  describe('batches', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildApp({ ...testConfig() }, { applySchemaOnStart: false });
      await warm(app);
    });
    afterAll(() => app?.close());

    it.each([
      ['100 searches (the review’s batch)', Array.from({ length: 100 }, (_, i) => callOf(i, 'search_entities', { q: `renault ${i}` }))],
      [
        `${MCP_BATCH_LIMITS.messages + 1} searches`,
        Array.from({ length: MCP_BATCH_LIMITS.messages + 1 }, (_, i) => callOf(i, 'search_entities', { q: `nissan ${i}` })),
      ],
      ['5 look-through calls (cost 20)', Array.from({ length: 5 }, (_, i) => callOf(i, 'look_through', { holder: 'renault', asOf: `2020-01-0${i + 1}` }))],
      ['5 Cypher calls', Array.from({ length: 5 }, (_, i) => callOf(i, 'read_cypher', { query: `RETURN ${i} AS x` }))],
      [
        '4 deep graphs and a change list',
        [
          ...Array.from({ length: 4 }, (_, i) => callOf(i, 'ownership_graph', { root: 'renault', depth: 6, asOf: `2019-01-0${i + 1}` })),
          callOf(9, 'changes_between', { from: '2000-01-01', to: '2020-01-01' }),
        ],
      ],
    ])('refuses a batch of %s with a 400 problem, before any call runs', async (_name, batch) => {
      const res = await rpc(app, batch);
      expect(res.status).toBe(400);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(/batch may (hold|cost) at most/);
    });

    it('answers a batch within the bounds, call by call', async () => {
      const batch = Array.from({ length: MCP_BATCH_LIMITS.messages }, (_, i) => callOf(i, 'search_entities', { q: i % 2 ? 'nissan' : 'renault', limit: 1 }));
      const res = await rpc(app, batch);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body).toHaveLength(MCP_BATCH_LIMITS.messages);
      for (const message of res.body) expect(resultOf(message).isError ?? false).toBe(false);
    });
  });

  describe('the expensive-request limit and the answer cache', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildApp({ ...testConfig(), expensiveGetRateLimit: 2 }, { applySchemaOnStart: false });
      await warm(app);
    });
    afterAll(() => app?.close());

    it('charges expensive tools to the client’s limit, shared with the HTTP routes; a repeated question is free', async () => {
      const first = await rpc(app, callOf(1, 'look_through', { holder: 'renault', asOf: '2020-01-01' }));
      expect(resultOf(first.body).isError ?? false).toBe(false);
      // The same question again: answered from the cache, not charged.
      const again = await rpc(app, callOf(2, 'look_through', { asOf: '2020-01-01', holder: 'renault' }));
      expect(resultOf(again.body).isError ?? false).toBe(false);
      expect(resultOf(again.body).content[0]!.text).toBe(resultOf(first.body).content[0]!.text);
      // The HTTP route spends the second unit of the same client's limit.
      expect((await app.inject('/v1/ownership/effective?holder=nissan&asOf=2021-01-01')).statusCode).toBe(200);
      const over = await rpc(app, callOf(3, 'controller', { company: 'nissan', asOf: '2019-06-01' }));
      expect(resultOf(over.body).isError).toBe(true);
      expect(problemOf(resultOf(over.body))).toMatchObject({ status: 429 });
      const overHttp = await app.inject('/v1/ownership/effective?holder=renault&asOf=2018-01-01');
      expect(overHttp.statusCode).toBe(429);
      // Cheap tools are not limited.
      const cheap = await rpc(app, callOf(4, 'get_company', { id: 'nissan' }));
      expect(resultOf(cheap.body).isError ?? false).toBe(false);
    });
  });

  describe('admission control', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildApp({ ...testConfig(), responseCache: false, maxInFlight: 0 }, { applySchemaOnStart: false });
      await warm(app);
    });
    afterAll(() => app?.close());

    it('turns typed tool calls away with 503 when the API is saturated, as it does the HTTP routes', async () => {
      expect((await app.inject('/v1/companies/nissan')).statusCode).toBe(503);
      for (const [name, args] of [
        ['get_company', { id: 'nissan' }],
        ['search_entities', { q: 'renault' }],
        ['ownership_graph', { root: 'renault', depth: 6 }],
      ] as const) {
        const res = await rpc(app, callOf(1, name, args));
        expect(resultOf(res.body).isError, name).toBe(true);
        expect(problemOf(resultOf(res.body)), name).toMatchObject({ status: 503 });
      }
      expect(app.admission.refused).toBeGreaterThanOrEqual(4);
    });
  });

  describe('tool errors', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      // A Neo4j that does not answer: every typed tool fails inside the driver.
      app = await buildApp({ ...testConfig({ uri: 'bolt://127.0.0.1:1' }), responseCache: false }, { applySchemaOnStart: false });
      await warm(app);
    });
    afterAll(() => app?.close());

    it('carry a problem of their own, never the driver’s message', async () => {
      for (const [name, args] of [
        ['get_company', { id: 'nissan' }],
        ['search_entities', { q: 'renault' }],
        ['look_through', { holder: 'renault' }],
      ] as const) {
        const res = await rpc(app, callOf(1, name, args));
        const result = resultOf(res.body);
        expect(result.isError, name).toBe(true);
        const text = result.content.map((c) => c.text).join(' ');
        expect(problemOf(result)).toMatchObject({ status: 503 });
        expect(text).not.toMatch(/127\.0\.0\.1|bolt:|ServiceUnavailable|Pool status|acquisition|ECONNREFUSED|Neo4jError|at [\w.]+ \(/);
      }
    });
  });
});
