import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SLOW_QUERY } from '../support/abuse-corpus.js';
import { startApiProcess, type ApiProcess } from '../support/api-process.js';
import { connect } from '../support/graph.js';
import { startRedisServer, type RedisProcess } from '../support/redis-server.js';

const EXPENSIVE_PER_MINUTE = 4;
const RESEARCH_PER_MINUTE = 3;
/** Asked alternately of A and B, three times the limit: 2 × the limit would pass if each counted alone. */
const ASKED = 3 * EXPENSIVE_PER_MINUTE;

interface Answer {
  replica: string;
  status: number;
  contentType: string;
  retryAfter: number;
  detail?: string;
}

async function ask(replica: ApiProcess, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(
    `${replica.url}${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return {
    replica: replica.name,
    status: res.status,
    contentType,
    retryAfter: Number(res.headers.get('retry-after')),
    ...(contentType.startsWith('application/problem+json') ? { detail: String(JSON.parse(text).detail) } : {}),
  };
}

/** Sends `n` requests one after another, alternately to each replica. */
async function alternately(replicas: ApiProcess[], n: number, path: (i: number) => string, body?: unknown): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < n; i += 1) answers.push(await ask(replicas[i % replicas.length]!, path(i), body));
  return answers;
}

const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

function apiEnv(storeUrl?: string): Record<string, string> {
  const db = inject('neo4j');
  return {
    NEO4J_URI: db.uri,
    NEO4J_USER: db.user,
    NEO4J_PASSWORD: db.password,
    NEO4J_DATABASE: db.database,
    // Every request reaches the limit: no cached answer is free.
    RESPONSE_CACHE: 'off',
    CACHE_WARM: 'off',
    EXPENSIVE_GET_RATE_LIMIT: String(EXPENSIVE_PER_MINUTE),
    CYPHER_RATE_LIMIT: String(RESEARCH_PER_MINUTE),
    CYPHER_BUDGET_SECONDS: '1',
    CYPHER_TIMEOUT_MS: '1500',
    // The variable is set, empty, when there is no store: the test's own environment cannot give one.
    RATE_LIMIT_STORE_URL: storeUrl ?? '',
  };
}

async function startPair(env: Record<string, string>, prefix = ''): Promise<ApiProcess[]> {
  const pair: ApiProcess[] = [];
  // One after the other: both at once on a small, busy machine only makes each slower.
  for (const name of ['A', 'B']) pair.push(await startApiProcess(`${prefix}${name}`, env));
  return pair;
}

/**
 * Two API processes counting their limits in one Redis server, as replicas behind a load balancer do with
 * RATE_LIMIT_STORE_URL: a client that spreads its requests over both gets each limit once, not twice.
 */
describe('rate limits and query-time budgets shared by two API processes through one Redis', () => {
  const graph = connect();
  let redis: RedisProcess | undefined;
  let replicas: ApiProcess[] = [];

  beforeAll(async () => {
    await graph.seedAlliance();
    redis = await startRedisServer();
    replicas = await startPair(apiEnv(redis.url));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await redis?.stop();
    await graph.close();
  }, 60_000);

  it('the expensive GETs: two processes, one limit', async () => {
    const answers = await alternately(replicas, ASKED, () => '/v1/path?from=dacia&to=infiniti');
    console.log(
      `[shared-rate-limits] ${ASKED} expensive GETs alternately to A and B, limit ${EXPENSIVE_PER_MINUTE}: ` +
        `${count(answers, 200)} × 200, ${count(answers, 429)} × 429 (${answers.map((a) => `${a.replica}:${a.status}`).join(' ')})`,
    );
    expect(count(answers, 200)).toBe(EXPENSIVE_PER_MINUTE);
    // The first ones pass, whichever process answers them; every one after the limit is refused.
    expect(answers.slice(0, EXPENSIVE_PER_MINUTE).map((a) => a.status)).toEqual(Array(EXPENSIVE_PER_MINUTE).fill(200));
    const refused = answers.slice(EXPENSIVE_PER_MINUTE);
    expect(new Set(refused.map((a) => a.replica))).toEqual(new Set(['A', 'B']));
    for (const a of refused) {
      expect(a.status).toBe(429);
      expect(a.contentType).toMatch(/^application\/problem\+json/);
      expect(a.retryAfter).toBeGreaterThan(0);
      expect(a.detail).toBe(`At most ${EXPENSIVE_PER_MINUTE} deep-graph, look-through, export and path requests a minute per client`);
    }
  });

  it('the research routes’ requests a minute: two processes, one limit', async () => {
    const answers = await alternately(replicas, 3 * RESEARCH_PER_MINUTE, () => '/v1/queries/stakes-valid-on', { params: { asOf: '2016-10-21' } });
    expect(answers.map((a) => a.status)).toEqual([...Array(RESEARCH_PER_MINUTE).fill(200), ...Array(2 * RESEARCH_PER_MINUTE).fill(429)]);
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(a.contentType).toMatch(/^application\/problem\+json/);
      expect(a.retryAfter).toBeGreaterThan(0);
    }
  });

  it('the query-time budget: what a client spent on A is spent on B', async () => {
    const slow = await ask(replicas[0]!, '/v1/cypher', { query: SLOW_QUERY });
    expect(slow.status).toBe(422);
    // The charge follows the transaction's real end, which may come after the answer: wait for that end.
    const running = async () =>
      (
        await graph.query(
          "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $text AND NOT currentQuery STARTS WITH 'SHOW' RETURN count(*) AS n",
          { text: SLOW_QUERY },
        )
      )[0]!.n;
    for (let waited = 0; (await running()) !== 0 && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    // B is asked at most twice: /v1/cypher allows three requests a minute and the slow query was the first.
    let spent: Answer | undefined;
    for (const pause of [200, 1_000]) {
      await new Promise((r) => setTimeout(r, pause));
      spent = await ask(replicas[1]!, '/v1/cypher', { query: 'RETURN 1 AS one' });
      if (spent.status !== 200) break;
    }
    expect(spent).toMatchObject({ replica: 'B', status: 429, detail: 'This client has used its 1 s of query time for this minute' });
    expect(spent!.retryAfter).toBeGreaterThan(0);
  }, 30_000);
});

/** Without the store each process counts alone: the same client gets the limit once from each of them. */
describe('the same two processes without a shared store', () => {
  let replicas: ApiProcess[] = [];

  beforeAll(async () => {
    replicas = await startPair(apiEnv(), 'alone-');
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
  }, 60_000);

  it('allow each limit once per process: why replicas need RATE_LIMIT_STORE_URL', async () => {
    const answers = await alternately(replicas, ASKED, () => '/v1/path?from=dacia&to=infiniti');
    console.log(`[shared-rate-limits] without the store: ${count(answers, 200)} × 200, ${count(answers, 429)} × 429`);
    expect(count(answers, 200)).toBe(2 * EXPENSIVE_PER_MINUTE);
  });
});
