import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Attempt } from '../support/abuse-corpus.js';
import { COST_FLOODS, CYPHER_BOMBS, ENCODED_PATHS, MCP_BATCHES, PAGES, type HttpAttempt } from '../support/door-corpus.js';
import { settled, testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';
import { oomCount, percentile, watchResearchTransactions } from '../support/abuse-measures.js';

const TIMEOUT_MS = 2_000;
const EXPENSIVE_PER_MINUTE = 6;
const MCP_HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/**
 * Every door: the review's attempts and variations (test/support/door-corpus.ts) through
 * POST /v1/cypher, MCP (read_cypher, batches), the typed routes spelled another way, and pages of other
 * origins, while another client asks uncached typed questions. Checked as the Cypher abuse test checks:
 * each answer a 4xx (a problem over HTTP, a tool error over MCP) naming its reason, within the timeout
 * + 1 s; the graph unchanged; no OutOfMemoryError; the other client sees only 200s, p99 < 1 s; no research
 * transaction outlives the timeout + 1 s; and the grammar worker is never killed.
 */
describe('every door holds under the review’s attempts', () => {
  const graph = connect();
  let app: FastifyInstance;
  let logDir: string | null = null;

  beforeAll(async () => {
    await graph.seedAlliance();
    const cypher = { timeoutMs: TIMEOUT_MS, rateLimitPerMinute: 100_000, budgetSecondsPerMinute: 3_600, concurrency: 1, queue: 4 };
    app = await buildApp(
      { ...testConfig({}, cypher), responseCache: false, cacheWarmPaths: [], expensiveGetRateLimit: EXPENSIVE_PER_MINUTE },
      { applySchemaOnStart: false },
    );
    await settled(app);
    const settings = await graph.query("SHOW SETTINGS YIELD name, value WHERE name = 'server.directories.logs' RETURN value");
    logDir = (settings[0]?.value as string | undefined) ?? null;
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  it(`refuses ${CYPHER_BOMBS.length * 2 + ENCODED_PATHS.length + MCP_BATCHES.length + PAGES.length} attempts and ${COST_FLOODS.length} floods, and serves another client meanwhile`, async () => {
    const attempts = CYPHER_BOMBS.length * 2 + ENCODED_PATHS.length + MCP_BATCHES.length + PAGES.length;
    expect(attempts).toBeGreaterThanOrEqual(120);
    const checksumBefore = await graph.repositories.dataset.computeContentChecksum();
    const oomBefore = oomCount(logDir);

    // Research transactions Neo4j lists, polled on a connection of the test's own.
    const transactions = watchResearchTransactions(graph.query, 250);

    // Warm what loads lazily (the grammar, the MCP SDK), so that the measure is of the attacks.
    await app.research.door.parser.warm();
    for (let i = 0; i < 50; i += 1) {
      const ping = await app.inject({ method: 'POST', url: '/mcp', headers: MCP_HEADERS, payload: { jsonrpc: '2.0', id: 0, method: 'ping' } });
      if (ping.statusCode === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await settled(app);
    for (const url of ['/v1/companies?asOf=1999-01-01', '/v1/alliances?asOf=1999-01-01']) expect((await app.inject(url)).statusCode).toBe(200);
    const restartsBefore = app.research.door.parser.restarts;

    let hammering = true;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const hammer = Promise.all(
      [0, 1].map(async (loop) => {
        let i = loop;
        const deadline = Date.now() + 150_000;
        while (hammering && Date.now() < deadline) {
          const day = new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
          const url = i % 2 === 0 ? `/v1/companies?asOf=${day}` : `/v1/alliances?asOf=${day}`;
          const t0 = performance.now();
          const res = await app.inject(url);
          latencies.push(performance.now() - t0);
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          i += 2;
        }
      }),
    );

    const failures: string[] = [];
    const check = (name: string, allowed: number | number[], status: number, detail: string, ms: number, reason?: RegExp) => {
      const expected = Array.isArray(allowed) ? allowed : [allowed];
      if (!expected.includes(status)) failures.push(`${name}: ${status} ${detail.slice(0, 200)}`);
      if (status < 400 || status >= 500) failures.push(`${name}: not a 4xx (${status})`);
      if (ms > TIMEOUT_MS + 1_000) failures.push(`${name}: answered after ${Math.round(ms)} ms`);
      if (reason && !reason.test(detail)) failures.push(`${name}: reason "${detail.slice(0, 200)}" does not match ${reason}`);
    };

    // Cypher bombs over HTTP…
    for (const attempt of CYPHER_BOMBS) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'POST', url: '/v1/cypher', payload: { query: attempt.query, params: attempt.params ?? {} } });
      const ms = performance.now() - t0;
      if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) failures.push(`${attempt.name}: not a problem (${res.statusCode})`);
      check(`HTTP ${attempt.name}`, attempt.status, res.statusCode, String(res.json().detail ?? ''), ms, attempt.reason);
    }
    // …and through MCP's read_cypher: a tool error with the same status and reason.
    const mcpBomb = async (attempt: Attempt, id: number) => {
      const t0 = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/mcp',
        headers: MCP_HEADERS,
        payload: {
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'read_cypher', arguments: { query: attempt.query, params: attempt.params ?? {} } },
        },
      });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) return check(`MCP ${attempt.name}`, attempt.status, res.statusCode, res.body, ms, attempt.reason);
      const result = res.json().result as { isError?: boolean; content: { text: string }[] };
      if (!result.isError) return failures.push(`MCP ${attempt.name}: not refused`);
      const text = result.content[0]!.text;
      // The SDK's own refusal of arguments that break the tool's input schema is not JSON: a 400 all the same.
      const problem = (text.startsWith('{') ? JSON.parse(text) : { status: 400, detail: text }) as { status: number; detail: string };
      check(`MCP ${attempt.name}`, attempt.status, problem.status, problem.detail, ms, attempt.reason);
    };
    let id = 1;
    for (const attempt of CYPHER_BOMBS) await mcpBomb(attempt, id++);

    // Encoded paths, oversize batches, pages of other origins.
    for (const attempt of [...ENCODED_PATHS, ...MCP_BATCHES, ...PAGES] as HttpAttempt[]) {
      const t0 = performance.now();
      const res = await app.inject({
        method: attempt.method,
        url: attempt.url,
        ...(attempt.headers ? { headers: attempt.headers } : {}),
        ...(attempt.body === undefined ? {} : { payload: typeof attempt.body === 'string' ? attempt.body : (attempt.body as object) }),
      });
      const ms = performance.now() - t0;
      const isProblem = /^application\/problem\+json/.test(String(res.headers['content-type']));
      if (!isProblem) failures.push(`${attempt.name}: not a problem (${res.statusCode} ${String(res.headers['content-type'])})`);
      if (res.headers['access-control-allow-origin'] === '*' && attempt.headers?.origin) failures.push(`${attempt.name}: wildcard CORS`);
      check(attempt.name, attempt.status, res.statusCode, isProblem ? String(res.json().detail ?? '') : res.body, ms, attempt.reason);
    }

    // Floods of distinct expensive questions: past the per-client limit, 429 with Retry-After at once.
    let limited = 0;
    let flooded = 0;
    for (const flood of COST_FLOODS) {
      for (const url of flood.urls) {
        const t0 = performance.now();
        const res = await app.inject(url);
        const ms = performance.now() - t0;
        flooded += 1;
        if (res.statusCode === 429) {
          limited += 1;
          if (!(Number(res.headers['retry-after']) > 0)) failures.push(`${flood.name} ${url}: 429 without Retry-After`);
          check(`${flood.name} ${url}`, 429, res.statusCode, String(res.json().detail ?? ''), ms);
        } else if (res.statusCode >= 500) failures.push(`${flood.name} ${url}: ${res.statusCode}`);
      }
    }

    const lastAnswerAt = Date.now();
    hammering = false;
    await hammer;
    // Nothing of the corpus is still running once the timeout + 1 s have passed.
    await new Promise((r) => setTimeout(r, Math.max(0, lastAnswerAt + TIMEOUT_MS + 1_000 - Date.now())));
    const maxElapsedMs = await transactions.stop();
    const stillRunning = await app.research.watchdog.listRunning();

    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    console.log(
      `[door-abuse] ${attempts} attempts (${CYPHER_BOMBS.length} Cypher bombs over HTTP and over MCP, ${ENCODED_PATHS.length} encoded paths, ` +
        `${MCP_BATCHES.length} oversize batches, ${PAGES.length} page requests) and ${flooded} flood requests (${limited} limited); ` +
        `concurrent typed client: ${latencies.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; ` +
        `longest research transaction ${maxElapsedMs} ms; grammar worker restarts ${app.research.door.parser.restarts - restartsBefore}`,
    );

    expect(failures).toEqual([]);
    expect(limited).toBeGreaterThanOrEqual(flooded - EXPENSIVE_PER_MINUTE);
    expect(await graph.repositories.dataset.computeContentChecksum()).toEqual(checksumBefore);
    const oomAfter = oomCount(logDir);
    if (oomBefore !== null) expect(oomAfter).toBe(oomBefore);
    expect(stillRunning).toEqual([]);
    expect(maxElapsedMs).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(app.research.door.parser.restarts).toBe(restartsBefore);
    expect([...statuses.keys()]).toEqual([200]);
    expect(latencies.length).toBeGreaterThan(20);
    expect(p99).toBeLessThan(1_000);
  }, 240_000);
});
