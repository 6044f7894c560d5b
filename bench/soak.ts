/**
 * `npm run soak [-- --duration <s>] [-- --warmup <s>] [-- --connections <n>] [-- --out <file>]`
 *
 * A soak test of the read API: builds the app in this process (quiet logs, the local Neo4j or NEO4J_*),
 * listens on 127.0.0.1 on a free port, and drives it with autocannon (its programmatic API) over a mix of
 * GET endpoints, after a warm-up. Nothing else is ever targeted. Seeds nothing unless the graph is empty
 * (then it loads data/, as `npm run seed` would).
 *
 * The mix, per connection, in a loop: fixed questions (answered from the response cache once warm),
 * revalidations with If-None-Match of a known ETag (304), questions over rotating dates, brands, holders
 * and search words (bounded sets, together more distinct URLs than the response cache's 5,000 entries),
 * and cache-busting questions (an ignored `_` parameter makes every URL new, so the answer comes from
 * Neo4j and the response cache keeps evicting).
 *
 * Fails (exit 1) on any connection error or timeout, any status other than 200 and 304, no 304 at all,
 * or RSS growth of 10% or more between the end of the warm-up and the end of the run. Both ends are
 * measured the same way, at rest (the load stopped, two forced garbage collections, 4 s), and the growth
 * that decides is that of RSS net of the V8 heap's committed-but-unused space (see memoryAtRest: whether
 * V8 has shrunk its heap yet moves raw RSS by ±15%); raw RSS at rest and its growth are reported next to
 * it. Under load RSS follows V8's heap sawtooth (20% within seconds, and its ceiling rises in steps as V8
 * raises the old generation's limit), so the 1 s samples under load are reported (all of them, the peak,
 * and the median of each phase's last 10 s) but do not decide. Writes
 * bench/soak-results.json and prints a markdown table.
 *
 * Duration: --duration or SOAK_SECONDS (default 60); warm-up: --warmup or SOAK_WARMUP_SECONDS (default 15,
 * 5 when the run is 15 s or shorter), extended in 5 s steps (up to 60 s in all) while the response cache is
 * still filling, so the RSS baseline is taken with the cache at its steady size.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildApp } from '../src/app.js';
import { DEFAULT_CYPHER_LIMITS, loadConfig, type AppConfig } from '../src/config.js';
import { createDataTools, seedFromFolder } from '../src/services/dataset/seed.js';
import { DATA_DIR, PROJECT_ROOT } from '../src/project-files.js';

// autocannon ships no TypeScript types (and @types/autocannon is not installed): the part used here, typed locally.
interface Histogram {
  average: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
  total: number;
}
interface CannonRequest {
  method: 'GET';
  path: string;
  headers?: Record<string, string>;
  setupRequest?: (request: { path: string }) => { path: string };
}
interface CannonResult {
  requests: Histogram;
  latency: Histogram;
  throughput: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number | string }>;
}
type Autocannon = (options: {
  url: string;
  title: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;
const AUTOCANNON_VERSION = (require('autocannon/package.json') as { version: string }).version;

const HOST = '127.0.0.1';
const RSS_GROWTH_LIMIT_PERCENT = 10;
const MAX_WARMUP_SECONDS = 60;
/** The response cache holds at most this many answers (MAX_ENTRIES in src/plugins/http-caching.ts). */
const CACHE_MAX_ENTRIES = 5_000;

// ---------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`soak: ${name} must be a positive integer, got "${value}"`);
    process.exit(2);
  }
  return n;
}

const durationSeconds = positiveInt('--duration / SOAK_SECONDS', args.duration ?? process.env.SOAK_SECONDS, 60);
const warmupSeconds = positiveInt('--warmup / SOAK_WARMUP_SECONDS', args.warmup ?? process.env.SOAK_WARMUP_SECONDS, durationSeconds <= 15 ? 5 : 15);
const connections = positiveInt('--connections / SOAK_CONNECTIONS', args.connections ?? process.env.SOAK_CONNECTIONS, 128);
const outFile = resolve(args.out ?? process.env.SOAK_OUT ?? join(PROJECT_ROOT, 'bench', 'soak-results.json'));

// ---------------------------------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------------------------------

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

interface MemorySnapshot {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  arrayBuffersMB: number;
}

function memory(): MemorySnapshot {
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers) };
}

/**
 * After the load: sockets closed, garbage collected twice, time for freed pages to go back. rssNetMB is RSS
 * less the V8 heap's committed but unused space (heapTotal − heapUsed): V8 keeps the heap as large as the
 * load made it until its memory reducer runs, some 10 to 30 s (or never) after the load stops, and that
 * alone moves RSS at rest by ±15% between two identical measurements; the net figure does not move with it.
 */
async function memoryAtRest(): Promise<MemorySnapshot & { rssNetMB: number }> {
  await sleep(1_000);
  gc();
  await sleep(2_000);
  gc();
  await sleep(1_000);
  const m = memory();
  return { ...m, rssNetMB: Math.round((m.rssMB - (m.heapTotalMB - m.heapUsedMB)) * 10) / 10 };
}

interface Sample {
  /** Seconds since the warm-up started. */
  second: number;
  phase: 'warm-up' | 'rest' | 'run';
  rssMB: number;
  heapUsedMB: number;
}

const WINDOW_SECONDS = 10;

/** The median RSS and heap of a phase's last WINDOW_SECONDS samples. */
function plateau(samples: Sample[], phase: Sample['phase']): { rssMB: number; heapUsedMB: number; samples: number } {
  const last = samples.filter((x) => x.phase === phase).slice(-WINDOW_SECONDS);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
  };
  return { rssMB: median(last.map((x) => x.rssMB)), heapUsedMB: median(last.map((x) => x.heapUsedMB)), samples: last.length };
}

// ---------------------------------------------------------------------------------------------------
// The request mix
// ---------------------------------------------------------------------------------------------------

const ALLIANCE = 'renault-nissan-mitsubishi-alliance';
const BRANDS = [
  'alpine',
  'dacia',
  'datsun',
  'infiniti',
  'lada',
  'mitsubishi-brand',
  'nissan-brand',
  'renault-brand',
  'renault-korea',
  'renault-samsung',
  'venucia',
];
const HOLDERS = ['renault', 'nissan', 'mitsubishi-motors', 'renault-french-trust-nissan-shares'];
const WORDS = [
  'renault',
  'nissan',
  'mitsubishi',
  'dacia',
  'lada',
  'alliance',
  'alpine',
  'infiniti',
  'datsun',
  'korea',
  'samsung',
  'venucia',
  'trust',
  'ev',
  'cmf',
  'platform',
];

/** The 1st and 15th of every month from 1999 to 2026: 672 dates. */
const DATES: string[] = [];
for (let y = 1999; y <= 2026; y += 1) for (let m = 1; m <= 12; m += 1) for (const d of ['01', '15']) DATES.push(`${y}-${String(m).padStart(2, '0')}-${d}`);

let counter = 0;
const next = <T>(list: readonly T[]) => list[(counter += 1) % list.length]!;
let buster = 0;
const bust = () => `_=${(buster += 1)}`;

type Request = { label: string; path: string; headers?: Record<string, string>; setupRequest?: (req: { path: string }) => { path: string } };

const rotating = (label: string, make: () => string): Request => ({
  label,
  path: make(),
  setupRequest: (req) => ({ ...req, path: make() }),
});

/** The fixed URLs whose ETag is fetched before the run and sent back as If-None-Match. */
const REVALIDATED = {
  alliance: `/v1/alliances/${ALLIANCE}?asOf=2022-02-08`,
  brand: '/v1/brands/dacia?asOf=2022-02-08',
  graph: `/v1/graph/ownership?root=${ALLIANCE}&asOf=2022-02-08&format=json`,
  lookThrough: '/v1/ownership/effective?holder=renault&asOf=2022-02-08',
};

function requestMix(etags: Record<keyof typeof REVALIDATED, string>): Request[] {
  return [
    // Fixed questions (cached after the first answer).
    { label: 'alliance detail (asOf)', path: REVALIDATED.alliance },
    { label: 'companies list', path: '/v1/companies' },
    { label: 'brand detail', path: REVALIDATED.brand },
    { label: 'ownership graph json', path: REVALIDATED.graph },
    { label: 'look-through', path: REVALIDATED.lookThrough },
    { label: 'search', path: '/v1/search?q=renault%20nissan' },
    { label: 'timeline', path: '/v1/timeline?from=1999-01-01&to=2025-12-31' },
    // Revalidations: 304.
    { label: 'alliance detail 304', path: REVALIDATED.alliance, headers: { 'if-none-match': etags.alliance } },
    { label: 'brand detail 304', path: REVALIDATED.brand, headers: { 'if-none-match': etags.brand } },
    { label: 'ownership graph 304', path: REVALIDATED.graph, headers: { 'if-none-match': etags.graph } },
    { label: 'look-through 304', path: REVALIDATED.lookThrough, headers: { 'if-none-match': `W/"x", ${etags.lookThrough}` } },
    // Rotating questions over bounded sets (dates, ids, words).
    rotating('alliance detail (rotating asOf)', () => `/v1/alliances/${ALLIANCE}?asOf=${next(DATES)}`),
    rotating('companies list (rotating asOf)', () => `/v1/companies?asOf=${next(DATES)}&limit=${next([10, 50, 500])}`),
    rotating('brand detail (rotating)', () => `/v1/brands/${next(BRANDS)}?asOf=${next(DATES)}`),
    rotating('ownership graph json (rotating)', () => `/v1/graph/ownership?root=${next(HOLDERS)}&asOf=${next(DATES)}&format=json&depth=${next([1, 2, 3])}`),
    rotating('look-through (rotating)', () => `/v1/ownership/effective?holder=${next(HOLDERS)}&asOf=${next(DATES)}&basis=${next(['equity', 'voting'])}`),
    rotating('search (rotating)', () => `/v1/search?q=${next(WORDS)}&limit=${next([5, 20])}`),
    rotating('timeline (rotating)', () => {
      const from = 1999 + (counter % 20);
      return `/v1/timeline?from=${from}-01-01&to=${from + 1 + ((counter += 1) % 6)}-12-31`;
    }),
    // Cache busters: a new URL every time, answered from Neo4j.
    rotating('alliance detail (uncached)', () => `/v1/alliances/${ALLIANCE}?asOf=${next(DATES)}&${bust()}`),
    rotating('look-through (uncached)', () => `/v1/ownership/effective?holder=${next(HOLDERS)}&asOf=${next(DATES)}&${bust()}`),
    rotating('ownership graph json (uncached)', () => `/v1/graph/ownership?root=${ALLIANCE}&asOf=${next(DATES)}&format=json&${bust()}`),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------

function cpuModel(): string {
  const cpus = os.cpus();
  return cpus[0]?.model?.trim() || 'unknown';
}

function cannon(url: string, seconds: number, requests: Request[], title: string): Promise<CannonResult> {
  return autocannon({
    url,
    title,
    connections,
    duration: seconds,
    timeout: 10,
    requests: requests.map(({ path, headers, setupRequest }) => ({
      method: 'GET' as const,
      path,
      ...(headers ? { headers } : {}),
      ...(setupRequest ? { setupRequest } : {}),
    })),
  });
}

async function main(): Promise<number> {
  // Bounded in time whatever happens: warm-up at most MAX_WARMUP_SECONDS, the run, and two minutes of slack.
  setTimeout(
    () => {
      console.error('soak: watchdog expired; giving up');
      process.exit(1);
    },
    (MAX_WARMUP_SECONDS + durationSeconds + 120) * 1000,
  ).unref();

  // As the tests configure the app (test/support/app.ts): quiet, default Cypher limits, no admin routes, the
  // response cache on unless RESPONSE_CACHE=off; NEO4J_* from the environment (default: the local Neo4j).
  const env = loadConfig();
  const config: AppConfig = {
    ...env,
    host: HOST,
    port: 0,
    logLevel: 'silent',
    cypher: { ...DEFAULT_CYPHER_LIMITS },
    adminApiKey: null,
    // One load generator stands for many clients; the per-client limit on expensive GETs is tested on its own.
    expensiveGetRateLimit: 100_000_000,
    neo4j: { ...env.neo4j, managedLocally: false },
  };
  const loadAtStart = os.loadavg();
  const app = await buildApp(config);
  try {
    await app.listen({ host: HOST, port: 0 });
    const { address, port } = app.server.address() as AddressInfo;
    if (address !== HOST) throw new Error(`listening on ${address}, not ${HOST}`);
    const base = `http://${HOST}:${port}`;
    console.log(`soak: app on ${base} (Neo4j ${config.neo4j.uri}), ${connections} connections, warm-up ${warmupSeconds} s, run ${durationSeconds} s`);

    // The dataset: assumed loaded; loaded from data/ only when the graph holds no alliance.
    const alliances = (await (await fetch(`${base}/v1/alliances`, { signal: AbortSignal.timeout(10_000) })).json()) as { total: number };
    if (alliances.total === 0) {
      console.log('soak: the graph is empty; loading data/');
      const repositories = createDataTools(app.db);
      await repositories.system.applySchema();
      await seedFromFolder(repositories, DATA_DIR, (line) => console.log(line));
      await app.datasetVersion.refresh();
    }

    // Known ETags, and a check that every kind of request in the mix answers 200 (or 304) before loading it.
    const etags = {} as Record<keyof typeof REVALIDATED, string>;
    for (const [key, path] of Object.entries(REVALIDATED) as [keyof typeof REVALIDATED, string][]) {
      const response = await fetch(base + path, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      const etag = response.headers.get('etag');
      if (response.status !== 200 || !etag) throw new Error(`GET ${path}: ${response.status}, ETag ${etag}`);
      etags[key] = etag;
    }
    const mix = requestMix(etags);
    for (const request of mix) {
      for (let i = 0; i < 3; i += 1) {
        const path = request.setupRequest ? request.setupRequest({ path: request.path }).path : request.path;
        const response = await fetch(base + path, { headers: request.headers ?? {}, signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        const expected = request.headers?.['if-none-match'] ? 304 : 200;
        if (response.status !== expected) throw new Error(`${request.label}: GET ${path} answered ${response.status}, expected ${expected}`);
      }
    }

    // Memory, every second from the start of the warm-up to the end of the run.
    const samples: Sample[] = [];
    let phase: Sample['phase'] = 'warm-up';
    const warmupStarted = Date.now();
    const sampler = setInterval(() => {
      const m = memory();
      samples.push({ second: Math.round((Date.now() - warmupStarted) / 1000), phase, rssMB: m.rssMB, heapUsedMB: m.heapUsedMB });
    }, 1_000);
    sampler.unref();

    // Warm-up: at least warmupSeconds, longer (in 5 s steps) while the response cache is still growing.
    let warmupRun = 0;
    let warmupRequests = 0;
    let step = warmupSeconds;
    for (;;) {
      const sizeBefore = app.responseCache.size;
      const result = await cannon(base, step, mix, 'warm-up');
      warmupRun += step;
      warmupRequests += result.requests.total;
      const size = app.responseCache.size;
      const full = size >= CACHE_MAX_ENTRIES || size <= sizeBefore;
      console.log(`soak: warm-up ${warmupRun} s, ${result.requests.total} requests, response cache ${size} entries`);
      if (full || warmupRun + 5 > MAX_WARMUP_SECONDS) break;
      step = 5;
    }
    const underLoadAfterWarmup = plateau(samples, 'warm-up');
    phase = 'rest';
    const afterWarmup = await memoryAtRest();
    const cacheAfterWarmup = app.responseCache.size;
    console.log(
      `soak: RSS after warm-up ${afterWarmup.rssMB} MB at rest, ${afterWarmup.rssNetMB} MB net of unused V8 heap (heap used ${afterWarmup.heapUsedMB} of ${afterWarmup.heapTotalMB} MB); ${underLoadAfterWarmup.rssMB} MB under load`,
    );

    // The run.
    phase = 'run';
    const runStarted = (Date.now() - warmupStarted) / 1000;
    const hitsBefore = app.responseCache.hits;
    const missesBefore = app.responseCache.misses;
    const result = await cannon(base, durationSeconds, mix, 'soak');
    phase = 'rest';
    const underLoadAtEnd = plateau(samples, 'run');
    const atEnd = await memoryAtRest();
    clearInterval(sampler);
    const runSamples = samples.filter((x) => x.phase === 'run').map((x) => ({ ...x, second: Math.round(x.second - runStarted) }));
    const peakUnderLoad = Math.max(...runSamples.map((x) => x.rssMB));
    const growth = (from: number, to: number) => Math.round(((to - from) / from) * 1000) / 10;
    const growthPercent = growth(afterWarmup.rssNetMB, atEnd.rssNetMB);
    const rawGrowthPercent = growth(afterWarmup.rssMB, atEnd.rssMB);

    const statusCounts: Record<string, number> = {};
    for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = Number(count);
    const unexpected = Object.entries(statusCounts)
      .filter(([code]) => code !== '200' && code !== '304')
      .reduce((sum, [, n]) => sum + n, 0);
    const notModified = statusCounts['304'] ?? 0;
    const total = result.requests.total;

    const failures: string[] = [];
    if (result.errors > 0) failures.push(`${result.errors} errors (${result.timeouts} timeouts)`);
    if (unexpected > 0) failures.push(`${unexpected} responses neither 2xx nor 304: ${JSON.stringify(statusCounts)}`);
    if (notModified === 0) failures.push('no 304 at all: the revalidation path was not exercised');
    if (total === 0) failures.push('no request completed');
    if (growthPercent >= RSS_GROWTH_LIMIT_PERCENT) failures.push(`RSS (net of unused V8 heap) grew ${growthPercent}% (limit ${RSS_GROWTH_LIMIT_PERCENT}%)`);

    const report = {
      date: new Date().toISOString(),
      command: `npm run soak${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      passed: failures.length === 0,
      failures,
      machine: {
        nproc: os.availableParallelism(),
        memoryTotalMB: mb(os.totalmem()),
        cpuModel: cpuModel(),
        node: process.version,
        platform: `${os.platform()} ${os.release()} ${os.arch()}`,
        neo4j: `${config.neo4j.uri}${config.neo4j.uri.includes('127.0.0.1') || config.neo4j.uri.includes('localhost') ? ', on the same machine, sharing its cores' : ''}`,
        // Anything else busy on the machine shows here (1, 5 and 15 minute load averages).
        loadAverage: { atStart: loadAtStart.map((l) => Math.round(l * 100) / 100), atEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      },
      config: {
        target: base,
        responseCache: config.responseCache ? 'on' : 'off',
        connections,
        warmupSeconds: warmupRun,
        durationSeconds,
        timeoutSeconds: 10,
        loadGenerator: `autocannon ${AUTOCANNON_VERSION}, in the same process and thread as the app`,
        mix: mix.map((r) => ({ label: r.label, example: r.path, ...(r.headers ? { headers: r.headers } : {}) })),
      },
      warmup: { seconds: warmupRun, requests: warmupRequests, wallSeconds: Math.round((Date.now() - warmupStarted) / 1000) },
      results: {
        requests: total,
        requestsPerSecond: Math.round((total / result.duration) * 10) / 10,
        durationSeconds: result.duration,
        latencyMs: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
          average: result.latency.average,
        },
        throughputBytesPerSecond: result.throughput.average,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCounts,
        notModified,
        neither2xxNor304: unexpected,
      },
      memory: {
        note:
          'RSS of the whole process (app, Neo4j driver, and autocannon itself). afterWarmup and atEnd: at rest, after two forced ' +
          'GCs and 4 s; rssNetMB = rssMB − (heapTotalMB − heapUsedMB), the V8 heap reserve left out; rssGrowthPercent (which decides) ' +
          `compares rssNetMB, rawRssGrowthPercent compares rssMB; underLoad*: medians of the last ${WINDOW_SECONDS} one-second samples of each phase.`,
        afterWarmup,
        atEnd,
        rssGrowthPercent: growthPercent,
        rawRssGrowthPercent: rawGrowthPercent,
        rssGrowthLimitPercent: RSS_GROWTH_LIMIT_PERCENT,
        underLoadAfterWarmup,
        underLoadAtEnd,
        peakUnderLoadMB: peakUnderLoad,
        samples: samples.map(({ second, phase: p, rssMB, heapUsedMB }) => ({ second, phase: p, rssMB, heapUsedMB })),
      },
      responseCache: {
        entriesAfterWarmup: cacheAfterWarmup,
        entriesAtEnd: app.responseCache.size,
        hitsDuringRun: app.responseCache.hits - hitsBefore,
        missesDuringRun: app.responseCache.misses - missesBefore,
      },
    };
    writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

    const row = (k: string, v: string | number) => `| ${k} | ${v} |`;
    console.log(
      [
        '',
        `## Soak: ${durationSeconds} s at ${connections} connections (${report.date.slice(0, 10)})`,
        '',
        '| measure | value |',
        '|---|---|',
        row(
          'machine',
          `${report.machine.nproc} CPU (${report.machine.cpuModel}), ${Math.round(report.machine.memoryTotalMB / 1024)} GB, Node ${process.version}`,
        ),
        row('warm-up', `${warmupRun} s, ${warmupRequests} requests`),
        row('requests', total),
        row('req/s', report.results.requestsPerSecond),
        row('latency p50', `${result.latency.p50} ms`),
        row('latency p99', `${result.latency.p99} ms`),
        row('latency max', `${result.latency.max} ms`),
        row('errors (timeouts)', `${result.errors} (${result.timeouts})`),
        row(
          'status codes',
          Object.entries(statusCounts)
            .map(([c, n]) => `${c}: ${n}`)
            .join(', '),
        ),
        row('neither 2xx nor 304', unexpected),
        row('RSS after warm-up (at rest; net of unused V8 heap)', `${afterWarmup.rssMB} MB (${afterWarmup.rssNetMB} MB)`),
        row('RSS at end (at rest; net of unused V8 heap)', `${atEnd.rssMB} MB (${atEnd.rssNetMB} MB)`),
        row('RSS growth, net (decides; raw)', `${growthPercent}% (limit < ${RSS_GROWTH_LIMIT_PERCENT}%; raw ${rawGrowthPercent}%)`),
        row(
          'V8 heap used / committed, after warm-up → end',
          `${afterWarmup.heapUsedMB} / ${afterWarmup.heapTotalMB} → ${atEnd.heapUsedMB} / ${atEnd.heapTotalMB} MB`,
        ),
        row(`RSS under load, median of last ${WINDOW_SECONDS} s (warm-up / run)`, `${underLoadAfterWarmup.rssMB} / ${underLoadAtEnd.rssMB} MB`),
        row('RSS peak under load (V8 heap sawtooth)', `${peakUnderLoad} MB`),
        row('response cache entries (warm-up / end)', `${cacheAfterWarmup} / ${app.responseCache.size}`),
        row('result', failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`),
        '',
        `written to ${outFile}`,
      ].join('\n'),
    );
    return failures.length === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
