import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABUSE, SLOW_QUERY, type Attempt } from '../../support/abuse-corpus.js';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../support/app.js';
import { connect } from '../../support/graph.js';
import { oomCount, percentile, watchResearchTransactions } from '../../support/abuse-measures.js';

const TIMEOUT_MS = 2_000;
const PARALLEL_SLOW = 40;

const post = (app: FastifyInstance, payload: unknown) => app.inject({ method: 'POST', url: '/v1/cypher', payload: payload as object });

describe('the research door under abuse: refused in time, the graph unchanged, the server alive, other clients served', () => {
  const graph = connect();
  let app: FastifyInstance;
  let logDir: string | null = null;

  beforeAll(async () => {
    await graph.seedAlliance();
    // The typed client below must reach Neo4j on every request: no response cache, no warming.
    const cypher = { timeoutMs: TIMEOUT_MS, rateLimitPerMinute: 100_000, budgetSecondsPerMinute: 3_600, concurrency: 1, queue: 4 };
    app = await buildApp({ ...testConfig({}, cypher), responseCache: false, cacheWarmPaths: [] }, { applySchemaOnStart: false });
    const settings = await graph.query("SHOW SETTINGS YIELD name, value WHERE name = 'server.directories.logs' RETURN value");
    logDir = (settings[0]?.value as string | undefined) ?? null;
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  it(`answers each of ${ABUSE.length} attempts and ${PARALLEL_SLOW} parallel slow queries with a 4xx within the timeout + 1 s`, async () => {
    expect(ABUSE.length).toBeGreaterThanOrEqual(40);
    const checksumBefore = await graph.repositories.dataset.computeContentChecksum();
    const oomBefore = oomCount(logDir);

    // Research transactions Neo4j lists, polled on a connection of the test's own.
    const transactions = watchResearchTransactions(graph.query, 500);

    // Connections, Neo4j's plan cache and the grammar (loaded with the first research query) warmed first:
    // the measure is of the run, not of the first connection.
    await app.research.door.parser.warm();
    for (const url of ['/v1/companies?asOf=1999-01-01', '/v1/alliances?asOf=1999-01-01']) expect((await app.inject(url)).statusCode).toBe(200);

    // A concurrent client asking uncached typed endpoints (a new asOf each time defeats the cache).
    let hammering = true;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let phase = 'corpus';
    const slowest: string[] = [];
    // Two loops, one request each at a time: a client of the typed API with two tabs open.
    const hammer = Promise.all(
      [0, 1].map(async (loop) => {
        let i = loop;
        const deadline = Date.now() + 120_000;
        while (hammering && Date.now() < deadline) {
          const day = new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
          const url = i % 2 === 0 ? `/v1/companies?asOf=${day}` : `/v1/alliances?asOf=${day}`;
          const t0 = performance.now();
          const res = await app.inject(url);
          const ms = performance.now() - t0;
          latencies.push(ms);
          if (ms > 250) slowest.push(`${Math.round(ms)} ms during ${phase}`);
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect(res.headers['x-cache']).not.toBe('hit');
          i += 2;
        }
      }),
    );

    const failures: string[] = [];
    let lastAnswerAt = 0;
    const check = (attempt: Attempt, status: number, detail: string, ms: number) => {
      lastAnswerAt = Date.now();
      const allowed = Array.isArray(attempt.status) ? attempt.status : [attempt.status];
      if (!allowed.includes(status)) failures.push(`${attempt.name}: ${status} ${detail}`);
      if (status < 400 || status >= 500) failures.push(`${attempt.name}: not a 4xx (${status})`);
      if (ms > TIMEOUT_MS + 1_000) failures.push(`${attempt.name}: answered after ${Math.round(ms)} ms`);
      if (attempt.reason && !attempt.reason.test(detail)) failures.push(`${attempt.name}: reason "${detail}" does not match ${attempt.reason}`);
    };

    for (const attempt of ABUSE) {
      const t0 = performance.now();
      const res = attempt.rawParams
        ? await app.inject({
            method: 'POST',
            url: '/v1/cypher',
            headers: { 'content-type': 'application/json' },
            payload: `{"query":${JSON.stringify(attempt.query)},"params":${attempt.rawParams}}`,
          })
        : await post(app, { query: attempt.query, params: attempt.params ?? {} });
      const ms = performance.now() - t0;
      if (process.env.ABUSE_TIMINGS) console.log(`[cypher-abuse] ${Math.round(ms)} ms ${attempt.name}`);
      const detail = String(res.json().detail ?? '');
      if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) failures.push(`${attempt.name}: not a problem (${res.statusCode})`);
      check(attempt, res.statusCode, detail, ms);
    }

    phase = 'parallel slow queries';
    const slow = await Promise.all(
      Array.from({ length: PARALLEL_SLOW }, async (_, i) => {
        const t0 = performance.now();
        const res = await post(app, { query: SLOW_QUERY });
        const ms = performance.now() - t0;
        check({ name: `parallel slow query ${i}`, query: SLOW_QUERY, status: [422, 429] }, res.statusCode, String(res.json().detail ?? ''), ms);
        if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        return res.statusCode;
      }),
    );

    hammering = false;
    await hammer;
    // No query of the corpus is still running 10 s after its answer.
    await new Promise((r) => setTimeout(r, Math.max(0, lastAnswerAt + 10_000 - Date.now())));
    const maxElapsedMs = await transactions.stop();
    const stillRunning = await app.research.watchdog.listRunning();

    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    console.log(
      `[cypher-abuse] ${ABUSE.length} attempts + ${PARALLEL_SLOW} parallel slow queries (${slow.filter((s) => s === 422).length} timed out, ` +
        `${slow.filter((s) => s === 429).length} turned away); concurrent typed client: ${latencies.length} requests, ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; ` +
        `longest research transaction seen ${maxElapsedMs} ms; watchdog terminated ${app.research.watchdog.terminated}` +
        (slowest.length ? `; typed answers over 250 ms: ${slowest.join(', ')}` : ''),
    );

    expect(failures).toEqual([]);
    expect(await graph.repositories.dataset.computeContentChecksum()).toEqual(checksumBefore);
    const oomAfter = oomCount(logDir);
    if (oomBefore === null)
      console.log(`[cypher-abuse] Neo4j's log folder ${logDir} is not on this machine; the OutOfMemoryError check relies on the typed client's 200s`);
    else expect(oomAfter).toBe(oomBefore);
    expect(stillRunning).toEqual([]);
    expect(maxElapsedMs).toBeLessThan(TIMEOUT_MS + 1_000 + 10_000);
    expect([...statuses.keys()]).toEqual([200]);
    expect(latencies.length).toBeGreaterThan(20);
    expect(p99).toBeLessThan(500);
  }, 180_000);
});
