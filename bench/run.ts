/**
 * `npm run bench`: the API against what its users would use instead, on this box, in one run, side by side.
 *   (a) a bare fastify route with a constant JSON body of the same size: the ceiling;
 *   (b) the typed endpoints, uncached (response cache off) and through the cache (200 from cache, and 304);
 *   (c) Neo4j's own HTTP Query API answering the same Cypher;
 *   (d) @neo4j/graphql 7 on Apollo Server 5 answering the same questions over the same Neo4j;
 *   (e) raw neo4j-driver executeQuery in-process: the database floor.
 * Writes bench/results.json and bench/results.md and refreshes the table in the operators' guide (docs/operators.md).
 * `npm run bench -- --smoke` runs a seconds-long version that writes nothing but proves it all works.
 * BENCH_NEO4J_BOLT_PORT / BENCH_NEO4J_HTTP_PORT (default 7687 / 7474) choose the local Neo4j it starts or
 * reuses, BENCH_PORT_BASE (default 3101) the first of the four ports its servers listen on.
 * Load goes to 127.0.0.1 only, bounded in time.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import neo4j, { type ProfiledPlan } from 'neo4j-driver';
import { DEFAULT_CACHE_WARM_PATHS, loadConfig } from '../src/config.js';
import { createDataTools, seedFromFolder } from '../src/services/dataset/seed.js';
import { QueryRunner } from '../src/db/runner.js';
import { allQueries } from '../src/db/queries.generated.js';
import { DATA_DIR, PROJECT_ROOT } from '../src/project-files.js';
import { start as startNeo4j } from '../neo4j/local-server.js';

const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const WARMUP_S = SMOKE ? 0.5 : 2;
const DURATION_S = SMOKE ? 1 : 8;
const DATABASE_WARMUP_S = SMOKE ? 0.5 : 10;
const CONNECTIONS = 32;
const ALLIANCE = 'renault-nissan-mitsubishi-alliance';
const AS_OF = '2022-02-08';

const config = loadConfig();
const { user, password, database } = config.neo4j;
const boltPort = Number(process.env.BENCH_NEO4J_BOLT_PORT ?? 7687);
const httpPort = Number(process.env.BENCH_NEO4J_HTTP_PORT ?? 7474);
const portBase = Number(process.env.BENCH_PORT_BASE ?? 3101);
const [UNCACHED_PORT, CACHED_PORT, CEILING_PORT, GRAPHQL_PORT] = [portBase, portBase + 1, portBase + 2, portBase + 3];
const ADMIN_KEY = 'bench-admin-key-not-a-secret-0123456789';
const queryApiUrl = `http://127.0.0.1:${httpPort}/db/neo4j/query/v2`;
const basicAuth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Row {
  scenario: string;
  question: string;
  contender: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  dbHits?: number;
  /**
   * CPU time per answer (µs) over the measured seconds, by process: the server that answered (when it is not
   * Neo4j), Neo4j, and the bench's own process, which makes the load (and, for the raw driver, the queries).
   * On two shared cores req/s follows their sum; a slow row shows here which process was slow.
   */
  cpuUsPerAnswer?: { server?: number; neo4j?: number; loadGenerator: number };
  rssMb?: number;
  /** Admission rows: 2xx answers a second, 503s (and how many lacked Retry-After), p99 of the 2xx answers only. */
  goodputPerSec?: number;
  refused?: number;
  refusedWithoutRetryAfter?: number;
  p99ServedMs?: number;
}

/** Starts a server in its own process; ready when its output matches, or when a URL answers 200. */
function child(name: string, args: string[], env: Record<string, string>, ready: RegExp | string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 60_000);
    const done = () => {
      clearTimeout(timer);
      resolve(proc);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (typeof ready !== 'string' && ready.test(output)) done();
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
    if (typeof ready === 'string') {
      const poll = () =>
        fetch(ready)
          .then((res) => (res.ok ? done() : setTimeout(poll, 200)))
          .catch(() => setTimeout(poll, 200));
      poll();
    }
  });
}

/** The options the Dockerfile's CMD gives node before the script (the heap limit). */
function imageNodeOptions(): string[] {
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8'))?.[1];
  if (!cmd) throw new Error('the Dockerfile has no CMD');
  const [command, ...args] = JSON.parse(cmd) as string[];
  if (command !== 'node') throw new Error(`the Dockerfile's CMD runs ${command}, not node`);
  return args.filter((a) => a.startsWith('--'));
}

/** The kernel's clock ticks a second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user and system, ms) a process has used so far. */
function cpuMsOf(pid: number): number {
  // The fields after the command name (which may hold spaces) start with the state: utime and stime are the 12th and 13th of them.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Reads the CPU time of the server, Neo4j and this process now; the returned function gives µs per answer since. */
function cpuAccount(serverPid: number | undefined) {
  const own = process.cpuUsage();
  const server = serverPid === undefined ? 0 : cpuMsOf(serverPid);
  const neo4jAt = neo4jPid === null ? 0 : cpuMsOf(neo4jPid);
  return (answers: number): NonNullable<Row['cpuUsPerAnswer']> => {
    const perAnswer = (ms: number) => Math.round((ms * 1000) / Math.max(1, answers));
    const used = process.cpuUsage(own);
    return {
      ...(serverPid === undefined ? {} : { server: perAnswer(cpuMsOf(serverPid) - server) }),
      ...(neo4jPid === null ? {} : { neo4j: perAnswer(cpuMsOf(neo4jPid) - neo4jAt) }),
      loadGenerator: perAnswer((used.user + used.system) / 1000),
    };
  };
}
/** Neo4j's process, when this bench started it or knows it (null for a server it cannot see). */
let neo4jPid: number | null = null;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

interface Target {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

async function load(target: Target, serverPid?: number) {
  const options = { url: target.url, method: target.method ?? 'GET', headers: target.headers, body: target.body, connections: CONNECTIONS, pipelining: 1 };
  await autocannon({ ...options, duration: WARMUP_S });
  const cpu = cpuAccount(serverPid);
  const result = await autocannon({ ...options, duration: DURATION_S });
  return {
    cpuUsPerAnswer: cpu(result.requests.total),
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Uncached load at `connections` for the admission rows: goodput (2xx a second), refusals (503, and those
 * without Retry-After), the p99 of served answers only, and the p99 of every answer.
 */
async function admissionLoad(url: string, connections: number, watchPid: number) {
  await autocannon({ url, connections, pipelining: 1, duration: WARMUP_S });
  const served: number[] = [];
  let refused = 0;
  let refusedWithoutRetryAfter = 0;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(watchPid))), 200);
  const cpu = cpuAccount(watchPid);
  const result = await autocannon({
    url,
    connections,
    pipelining: 1,
    duration: DURATION_S,
    setupClient: (client) => {
      // The client hands its listeners the status and the flat list of header names and values (the types say otherwise).
      client.on('headers', ((event: { statusCode: number; headers: string[] }) => {
        const { statusCode, headers } = event;
        if (statusCode !== 503) return;
        refused += 1;
        let retryAfter = false;
        for (let i = 0; i < headers.length; i += 2) if (String(headers[i]).toLowerCase() === 'retry-after') retryAfter = true;
        if (!retryAfter) refusedWithoutRetryAfter += 1;
      }) as unknown as (headers: Record<string, unknown>) => void);
      client.on('response', (statusCode: number, _bytes: number, durationMs: number) => {
        if (statusCode >= 200 && statusCode < 300) served.push(durationMs);
      });
    },
  });
  clearInterval(sampler);
  served.sort((a, b) => a - b);
  const p99Served = served.length === 0 ? 0 : Math.round(served[Math.min(served.length - 1, Math.floor(0.99 * served.length))]!);
  return {
    requestsPerSec: Math.round(result.requests.average),
    goodputPerSec: Math.round(served.length / DURATION_S),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    p99ServedMs: p99Served,
    cpuUsPerAnswer: cpu(result.requests.total),
    refused,
    refusedWithoutRetryAfter,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssMb: Math.round(peakRss),
  };
}

/** Bytes on the wire (not decoded) of a GET asking for `encoding`, and the encoding the answer came in. */
function wireBytes(url: string, encoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') })
          : reject(new Error(`${url}: ${res.statusCode}`)),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** A POST of one statement to Neo4j's HTTP Query API. */
function queryApiTarget(statement: string, parameters: Record<string, unknown>) {
  return {
    url: queryApiUrl,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: basicAuth },
    body: JSON.stringify({ statement, parameters }),
  };
}

/** One auto-commit read in a session of its own: the call the API's runner makes (src/db/runner.ts). */
async function autoCommitRead(driver: neo4j.Driver, query: string, params: Record<string, unknown>) {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.run(query, params);
  } finally {
    await session.close();
  }
}

/** Raw driver in-process: `connections` concurrent loops of `call` (executeQuery by default) for the duration. */
async function rawDriver(
  driver: neo4j.Driver,
  query: string,
  params: Record<string, unknown>,
  call: (driver: neo4j.Driver, query: string, params: Record<string, unknown>) => Promise<unknown> = (d, q, p) =>
    d.executeQuery(q, p, { database, routing: neo4j.routing.READ }),
) {
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const deadline = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < deadline) {
          const t0 = performance.now();
          await call(driver, query, params);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    return latencies.sort((a, b) => a - b);
  };
  await run(WARMUP_S);
  const cpu = cpuAccount(undefined);
  const latencies = await run(DURATION_S);
  const at = (q: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2));
  return {
    requestsPerSec: Math.round(latencies.length / DURATION_S),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors: 0,
    non2xx: 0,
    cpuUsPerAnswer: cpu(latencies.length),
  };
}

function totalDbHits(plan: ProfiledPlan): number {
  return Number(plan.dbHits) + plan.children.reduce((sum, c) => sum + totalDbHits(c), 0);
}

/** A row's CPU per answer as "server · Neo4j · load" (– where that process did not take part or is not seen). */
const cpuCell = (cpu: Row['cpuUsPerAnswer']) => (cpu ? [cpu.server, cpu.neo4j, cpu.loadGenerator].map((v) => v ?? '–').join(' · ') : '');
const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

async function main(): Promise<void> {
  const neo = await startNeo4j({ user, password, boltPort, httpPort, log: (l) => console.log(`[neo4j] ${l}`) });
  neo4jPid = neo.pid;
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic(user, password), { maxConnectionPoolSize: 64 });
  const repositories = createDataTools(new QueryRunner(driver, database, 'bench'));
  await repositories.system.applySchema();
  await seedFromFolder(repositories, DATA_DIR);
  const cypher = new Map(allQueries.map((q) => [q.name, q]));

  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
  process.on('exit', stopAll);
  const apiEnv = (port: number, cache: 'on' | 'off') => ({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NEO4J_URI: neo.uri,
    NEO4J_PASSWORD: password,
    RESPONSE_CACHE: cache,
    // One load generator stands for many clients: the per-client limit on expensive GETs would measure
    // itself (it is tested in test/integration/cypher-door.test.ts).
    EXPENSIVE_GET_RATE_LIMIT: '100000',
    // For /metrics: the bench waits there for the cache warm-up to finish.
    ADMIN_API_KEY: ADMIN_KEY,
  });
  // The API runs as the image runs it: the build, with the Node options of the Dockerfile's CMD.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const apiArgs = [...imageNodeOptions(), 'dist/src/server.js'];
  const uncachedApi = await child('api (cache off)', apiArgs, apiEnv(UNCACHED_PORT, 'off'), `http://127.0.0.1:${UNCACHED_PORT}/health/ready`);
  const cachedApi = await child('api (cache on)', apiArgs, apiEnv(CACHED_PORT, 'on'), `http://127.0.0.1:${CACHED_PORT}/health/ready`);
  children.push(uncachedApi, cachedApi);

  // The ceiling answers with a constant body the size of the alliance answer.
  const allianceBody = await (await fetch(`http://127.0.0.1:${CACHED_PORT}/v1/alliances/${ALLIANCE}?asOf=${AS_OF}`)).text();
  const bodyFile = join(PROJECT_ROOT, 'bench', '.ceiling-body.json');
  writeFileSync(bodyFile, allianceBody);
  const ceilingServer = await child(
    'bare fastify',
    ['--import', 'tsx', 'bench/peers/bare-fastify.ts'],
    { PORT: String(CEILING_PORT), BODY_FILE: bodyFile },
    /ready/,
  );
  const graphqlServer = await child(
    'graphql',
    ['--import', 'tsx', 'bench/peers/graphql-server.ts'],
    { PORT: String(GRAPHQL_PORT), NEO4J_URI: neo.uri, NEO4J_PASSWORD: password },
    /graphql ready/,
  );
  children.push(ceilingServer, graphqlServer);

  // The cached API asks its hot lists for every time interval at start: wait for that before measuring anything.
  const changeDates = (await driver.executeQuery(cypher.get('list-change-dates')!.text, {}, { database })).records[0]!.get('dates') as string[];
  const intervals = changeDates.length + 1;
  const warmEntries = intervals * DEFAULT_CACHE_WARM_PATHS.length;
  const warmStarted = Date.now();
  const cacheEntries = async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${CACHED_PORT}/metrics`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).text();
    return Number(/^response_cache_entries (\d+)/m.exec(metrics)?.[1] ?? 0);
  };
  // Done when every list of every interval is in, or when the count stops growing for 3 s (the cache's byte bound is reached).
  let lastCount = -1;
  let steadySince = Date.now();
  for (let count = await cacheEntries(); count < warmEntries && Date.now() - warmStarted < 180_000; count = await cacheEntries()) {
    if (count !== lastCount) [lastCount, steadySince] = [count, Date.now()];
    else if (count > 0 && Date.now() - steadySince > 3_000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const warmUpS = (Date.now() - warmStarted) / 1000;
  console.log(
    `cache warm-up: ${intervals} time intervals × ${DEFAULT_CACHE_WARM_PATHS.length} lists = ${await cacheEntries()} entries in ≤ ${warmUpS.toFixed(1)} s`,
  );

  // 500 random days from 1999 to 2026 (a fixed seed, so every run asks the same), spread over the warmed lists;
  // then the same days on the alliance summary, which is not warmed.
  let seed = 20_260_101;
  const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const from = Date.UTC(1999, 0, 1);
  const to = Date.UTC(2026, 11, 31);
  const days = Array.from({ length: 500 }, () =>
    new Date(from + Math.floor(random() * ((to - from) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10),
  );
  const hitRatio = async (pathOf: (i: number) => string) => {
    let hits = 0;
    for (const [i, day] of days.entries()) {
      const path = pathOf(i);
      const res = await fetch(`http://127.0.0.1:${CACHED_PORT}${path}${path.includes('?') ? '&' : '?'}asOf=${day}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} asOf=${day}: ${res.status}`);
      if (res.headers.get('x-cache') === 'hit') hits += 1;
    }
    return Number((hits / days.length).toFixed(3));
  };
  const asOfHitRatio = await hitRatio((i) => DEFAULT_CACHE_WARM_PATHS[i % DEFAULT_CACHE_WARM_PATHS.length]!);
  const asOfHitRatioUnwarmed = await hitRatio(() => `/v1/alliances/${ALLIANCE}`);
  console.log(`asOf hit ratio: ${asOfHitRatio} on the warmed lists, ${asOfHitRatioUnwarmed} on the alliance summary (not warmed)`);

  const questions = [
    {
      question: 'alliance summary',
      path: `/v1/alliances/${ALLIANCE}?asOf=${AS_OF}`,
      cypher: 'get-alliance',
      params: { id: ALLIANCE, asOf: AS_OF },
      graphql: `query($id: String!, $d: Date!) { alliances(where: { id: { eq: $id } }) { id name kind foundedOn
        membersConnection(where: { edge: { validFrom: { lte: $d }, OR: [{ validTo: { eq: null } }, { validTo: { gt: $d } }] } }) { edges { properties { role validFrom validTo }
          node { id name country brandsConnection(where: { edge: { OR: [{ validFrom: { eq: null } }, { validFrom: { lte: $d } }], AND: [{ OR: [{ validTo: { eq: null } }, { validTo: { gt: $d } }] }] } }) { totalCount } } } } } }`,
      variables: { id: ALLIANCE, d: AS_OF },
    },
    {
      question: 'company detail',
      path: `/v1/companies/nissan?asOf=${AS_OF}`,
      cypher: 'get-company',
      params: { id: 'nissan', asOf: AS_OF },
      graphql: `query($id: String!) { companies(where: { id: { eq: $id } }) { id name country
        brandsConnection { edges { properties { via validFrom validTo } node { id name } } }
        stakesHeldConnection { edges { properties { equityPercent votingPercent carriesVotes validFrom validTo } node { id name } } }
        stakesInConnection { edges { properties { equityPercent votingPercent carriesVotes validFrom validTo } node { id name } } }
        alliancesConnection { edges { properties { role validFrom validTo } node { id name } } } } }`,
      variables: { id: 'nissan' },
    },
    {
      question: 'brand list',
      path: `/v1/brands?asOf=${AS_OF}`,
      cypher: 'list-brands',
      params: { asOf: AS_OF, owner: null, status: null, alliance: null, offset: neo4j.int(0), limit: neo4j.int(50) },
      graphql: `{ brands { id name ownersConnection { edges { properties { via validFrom validTo } node { id name } } } } }`,
      variables: {},
    },
    {
      question: 'ownership graph (json)',
      path: `/v1/graph/ownership?root=${ALLIANCE}&asOf=${AS_OF}&depth=2`,
      cypher: 'expand-ownership-frontier',
      params: { frontier: [ALLIANCE], direction: 'both', asOf: AS_OF },
    },
    {
      question: 'look-through ownership',
      path: `/v1/ownership/effective?holder=renault&asOf=${AS_OF}`,
      cypher: 'expand-stakes-down',
      params: { frontier: ['renault'], asOf: AS_OF },
    },
  ];

  // Neo4j plans a statement on its first run and its JVM optimises the code that runs it over the seconds
  // after: measured in a row, whoever asks a question first pays for that (a probe of the company detail:
  // Neo4j's CPU per answer fell from 10.5 to 1.6 to 0.55 ms over three 10 s rounds, on Bolt and on the
  // Query API alike). So every question's statement runs against the database for a while, over Bolt and
  // (for the questions it answers) over the Query API, before any contender is measured; each contender still
  // has its own warm-up (its process's JIT) before its row.
  for (const q of questions) {
    const statement = cypher.get(q.cypher)!.text;
    const until = Date.now() + DATABASE_WARMUP_S * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) await autoCommitRead(driver, statement, q.params);
      }),
    );
    if (q.graphql) {
      const parameters = Object.fromEntries(Object.entries(q.params).map(([k, v]) => [k, neo4j.isInt(v) ? v.toNumber() : v]));
      await autocannon({ ...queryApiTarget(statement, parameters), connections: CONNECTIONS, pipelining: 1, duration: DATABASE_WARMUP_S });
    }
  }
  console.log(`database warm-up: each question's statement for ${DATABASE_WARMUP_S} s over Bolt and over the Query API before the first row`);

  const rows: Row[] = [];
  const record = (row: Row) => {
    rows.push(row);
    console.log(
      `${row.question.padEnd(24)} ${row.contender.padEnd(28)} ${String(row.requestsPerSec).padStart(7)} req/s  p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms${row.cpuUsPerAnswer ? `  CPU µs/answer ${cpuCell(row.cpuUsPerAnswer)}` : ''}${row.errors + row.non2xx ? `  errors ${row.errors} non2xx ${row.non2xx}` : ''}`,
    );
  };

  for (const q of SMOKE ? questions.slice(0, 1).concat(questions.slice(4)) : questions) {
    const profile = await driver.executeQuery(`PROFILE ${cypher.get(q.cypher)!.text}`, q.params, { database });
    const dbHits = totalDbHits(profile.summary.profile as ProfiledPlan);
    record({
      scenario: 'b',
      question: q.question,
      contender: 'typed, uncached',
      dbHits,
      ...(await load({ url: `http://127.0.0.1:${UNCACHED_PORT}${q.path}` }, uncachedApi.pid)),
    });
    // The ceiling is measured just before the cached answer it is compared with: on a shared box the load
    // of the moment moves both alike.
    if (q === questions[0])
      record({
        scenario: 'a',
        question: 'constant JSON',
        contender: 'bare fastify (ceiling)',
        ...(await load({ url: `http://127.0.0.1:${CEILING_PORT}/` }, ceilingServer.pid)),
      });
    record({
      scenario: 'b',
      question: q.question,
      contender: 'typed, cached (200)',
      ...(await load({ url: `http://127.0.0.1:${CACHED_PORT}${q.path}` }, cachedApi.pid)),
    });
    const etag = (await fetch(`http://127.0.0.1:${CACHED_PORT}${q.path}`)).headers.get('etag')!;
    record({
      scenario: 'b',
      question: q.question,
      contender: 'typed, If-None-Match (304)',
      ...(await load({ url: `http://127.0.0.1:${CACHED_PORT}${q.path}`, headers: { 'if-none-match': etag } }, cachedApi.pid)),
    });
    if (!q.graphql) continue;
    const statement = cypher.get(q.cypher)!.text;
    const queryApiParams = Object.fromEntries(Object.entries(q.params).map(([k, v]) => [k, neo4j.isInt(v) ? v.toNumber() : v]));
    record({ scenario: 'c', question: q.question, contender: 'Neo4j Query API', ...(await load(queryApiTarget(statement, queryApiParams))) });
    record({
      scenario: 'd',
      question: q.question,
      contender: '@neo4j/graphql 7 + Apollo',
      ...(await load(
        {
          url: `http://127.0.0.1:${GRAPHQL_PORT}/`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: q.graphql, variables: q.variables }),
        },
        graphqlServer.pid,
      )),
    });
    record({ scenario: 'e', question: q.question, contender: 'raw driver, in-process', ...(await rawDriver(driver, statement, q.params)) });
    record({ scenario: 'e', question: q.question, contender: 'raw driver, auto-commit', ...(await rawDriver(driver, statement, q.params, autoCommitRead)) });
  }
  // Beyond MAX_IN_FLIGHT requests wait in the admission queue; a 503 (with Retry-After) only when the queue is
  // full or the expected wait passes the deadline. Goodput, refusals and the p99 of served answers per load.
  const admission: Record<number, Awaited<ReturnType<typeof admissionLoad>>> = {};
  for (const connections of SMOKE ? [256] : [64, 256, 1024]) {
    admission[connections] = await admissionLoad(`http://127.0.0.1:${UNCACHED_PORT}${questions[0]!.path}`, connections, uncachedApi.pid!);
    const a = admission[connections]!;
    record({ scenario: 'admission', question: 'alliance summary', contender: `typed, uncached, ${connections} connections`, ...a });
    console.log(
      `  ${connections} connections: goodput ${a.goodputPerSec}/s, refused ${a.refused} (${a.refusedWithoutRetryAfter} without Retry-After), p99 served ${a.p99ServedMs} ms, peak RSS ${a.rssMb} MB`,
    );
  }
  const rss = admission[256]!;

  // Bytes on the wire: the ELK bundle of the embed page and a typo search, with br (and as they are).
  const elkUrl = `http://127.0.0.1:${CACHED_PORT}/embed/assets/elk.bundled.js`;
  const searchUrl = `http://127.0.0.1:${CACHED_PORT}/v1/search?q=renalt`;
  const [elkBr, elkPlain, searchBr, searchGzip, searchPlain] = await Promise.all([
    wireBytes(elkUrl, 'br'),
    wireBytes(elkUrl, 'identity'),
    wireBytes(searchUrl, 'br'),
    wireBytes(searchUrl, 'gzip'),
    wireBytes(searchUrl, 'identity'),
  ]);
  const kb = (b: number) => Number((b / 1024).toFixed(1));
  const wire = {
    embedBundleWireKB: kb(elkBr.bytes),
    embedBundleEncoding: elkBr.encoding,
    embedBundleIdentityKB: kb(elkPlain.bytes),
    searchWireKB: kb(searchBr.bytes),
    searchEncoding: searchBr.encoding,
    searchGzipWireKB: kb(searchGzip.bytes),
    searchIdentityKB: kb(searchPlain.bytes),
  };
  console.log('wire', wire);

  const pick = (question: string, contender: string) => rows.find((r) => r.question === question && r.contender === contender);
  const compared = questions.filter((q) => q.graphql && pick(q.question, 'Neo4j Query API'));
  const ratio = (contender: string) =>
    compared.length === 0
      ? null
      : Number(geomean(compared.map((q) => pick(q.question, 'typed, uncached')!.requestsPerSec / pick(q.question, contender)!.requestsPerSec)).toFixed(2));
  const ceiling = pick('constant JSON', 'bare fastify (ceiling)')!.requestsPerSec;
  const ratios = {
    typedVsRawDriverMin:
      compared.length === 0
        ? null
        : Number(
            Math.min(
              ...compared.map((q) => pick(q.question, 'typed, uncached')!.requestsPerSec / pick(q.question, 'raw driver, in-process')!.requestsPerSec),
            ).toFixed(2),
          ),
    // The same, against the auto-commit read the API itself makes (no BEGIN or COMMIT message, two socket writes fewer per query).
    typedVsRawAutoCommitMin:
      compared.length === 0
        ? null
        : Number(
            Math.min(
              ...compared.map((q) => pick(q.question, 'typed, uncached')!.requestsPerSec / pick(q.question, 'raw driver, auto-commit')!.requestsPerSec),
            ).toFixed(2),
          ),
    typedVsQueryApi: ratio('Neo4j Query API'),
    typedVsGraphql: ratio('@neo4j/graphql 7 + Apollo'),
    cachedVsCeiling: Number((pick('alliance summary', 'typed, cached (200)')!.requestsPerSec / ceiling).toFixed(2)),
    asOfHitRatio,
    asOfHitRatioUnwarmed,
    rssAt256MB: rss.rssMb ?? null,
    // p99 over every answer at 256 connections; refusals are the 503s of admission control.
    p99At256Ms: rss.p99Ms,
    refusedAt256: rss.refused,
    goodputAt256PerSec: rss.goodputPerSec,
    ...(admission[64]
      ? { goodputAt64PerSec: admission[64].goodputPerSec, refusedAt64: admission[64].refused, p99ServedAt64Ms: admission[64].p99ServedMs }
      : {}),
    ...(admission[1024]
      ? {
          goodputAt1024PerSec: admission[1024].goodputPerSec,
          refusedAt1024: admission[1024].refused,
          refusedWithoutRetryAfterAt1024: admission[1024].refusedWithoutRetryAfter,
          p99ServedAt1024Ms: admission[1024].p99ServedMs,
        }
      : {}),
    ...wire,
  };
  const neo4jVersion = (await repositories.system.getServerInfo()).version;
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    neo4j: `${neo4jVersion} community`,
    date: new Date().toISOString().slice(0, 10),
    settings: `${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${DURATION_S} s measured per row; each question's statement run against Neo4j for ${DATABASE_WARMUP_S} s over Bolt and over the Query API before the first row; autocannon in the bench process, each server in its own process, the API built and run with the Dockerfile's Node options`,
    timeIntervals: intervals,
    cacheWarmUpS: Number(warmUpS.toFixed(1)),
  };
  console.log('ratios', ratios);
  // 304s are not 2xx; at 256 connections the 503s of admission control are the point.
  const failed = rows.filter(
    (r) => r.errors > 0 || (r.non2xx > 0 && !r.contender.includes('304') && r.scenario !== 'admission') || (r.refusedWithoutRetryAfter ?? 0) > 0,
  );
  if (!SMOKE) {
    writeFileSync(join(PROJECT_ROOT, 'bench', 'results.json'), `${JSON.stringify({ machine, rows, ratios }, null, 2)}\n`);
    const table = [
      `Measured ${machine.date} on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, Neo4j ${machine.neo4j}; ${machine.settings}.`,
      '',
      '| question | contender | req/s | p50 ms | p99 ms | db hits | CPU µs per answer: server · Neo4j · load |',
      '|---|---|---:|---:|---:|---:|---|',
      ...rows.map(
        (r) =>
          `| ${r.question} | ${r.contender}${r.rssMb ? ` (peak RSS ${r.rssMb} MB)` : ''} | ${r.requestsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.dbHits ?? ''} | ${cpuCell(r.cpuUsPerAnswer)} |`,
      ),
      '',
      `Ratios of req/s in this run: typed (uncached) vs Query API **${ratios.typedVsQueryApi}×**, typed vs @neo4j/graphql **${ratios.typedVsGraphql}×** (geometric means over the three shared questions); typed (uncached) vs the raw driver, worst question **${ratios.typedVsRawDriverMin}×** (executeQuery) and **${ratios.typedVsRawAutoCommitMin}×** (the auto-commit read the API makes); cached vs the bare-fastify ceiling **${ratios.cachedVsCeiling}×**.`,
      '',
      `Cache hits over 500 random days from 1999 to 2026 after the warm-up (${intervals} time intervals): **${ratios.asOfHitRatio}** on the warmed lists, ${ratios.asOfHitRatioUnwarmed} on the alliance summary (not warmed). Uncached alliance summary through the admission queue: ${[
        64, 256, 1024,
      ]
        .filter((c) => admission[c])
        .map(
          (c) =>
            `${c} connections: goodput **${admission[c]!.goodputPerSec}/s**, **${admission[c]!.refused}** refused (503 with Retry-After), p99 of served answers **${admission[c]!.p99ServedMs} ms**`,
        )
        .join('; ')}. At 256: peak RSS **${ratios.rssAt256MB} MB**, p99 of every answer **${ratios.p99At256Ms} ms**.`,
      '',
      `On the wire: the ELK bundle of the embed page **${wire.embedBundleWireKB} KB** (${wire.embedBundleEncoding}; ${wire.embedBundleIdentityKB} KB as it is); a typo search (\`/v1/search?q=renalt\`) **${wire.searchWireKB} KB** (${wire.searchEncoding}; ${wire.searchGzipWireKB} KB gzip, ${wire.searchIdentityKB} KB as it is).`,
    ].join('\n');
    writeFileSync(join(PROJECT_ROOT, 'bench', 'results.md'), `${table}\n`);
    const guidePath = join(PROJECT_ROOT, 'docs', 'operators.md');
    const guide = readFileSync(guidePath, 'utf8');
    const updated = guide.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`);
    writeFileSync(guidePath, updated);
    console.log('wrote bench/results.json, bench/results.md and the table in docs/operators.md');
  }
  stopAll();
  await driver.close();
  if (failed.length > 0) {
    console.error(`errors in: ${failed.map((r) => `${r.question} / ${r.contender}`).join(', ')}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
