/**
 * `npm run bench:scale`: how the API's ownership features scale with the size of the graph.
 *
 * For each size (10k, 100k and 1M companies by default) it
 *   1. generates a synthetic ownership network (bench/scale/synthetic-network.ts, seeded) and writes it as a
 *      dataset folder in the project's own format, under the git-ignored bench/.datasets/;
 *   2. loads it into an empty graph through the project's loader: readDataset, then
 *      DatasetRepository.bulkLoadIntoEmptyGraph (batched transactions); for sizes up to --seed-max it first
 *      loads it with DatasetRepository.seed too (the one-transaction path of `npm run seed`), and reports both;
 *   3. measures, through the app built by buildApp and app.inject, GET /v1/graph/ownership (depth 2, json) and
 *      GET /v1/ownership/effective over a seeded sample of roots and holders after a warm-up, with the size
 *      of what each answer reached, plus a "tail" of the holders with the most stakes.
 * Loads go to a second, separate Neo4j (.neo4j-bench/, bolt 7688), never to the developer's on 7687; it is
 * started if needed and stopped at the end only if this run started it.
 *
 * Writes bench/scale-results.json and bench/scale-results.md; `--smoke` (or BENCH_SMOKE=1) runs one tiny
 * size end to end and writes bench/scale-results.smoke.{json,md} (git-ignored). Exits non-zero on failure.
 *
 * Options: --sizes=10000,100000,1000000  --seed=42  --requests=50  --warmup=300  --tail=5  --seed-max=10000
 *          --rows-per-transaction=20000  --batch-size=2000  --keep-neo4j  --quiet-cores=0.3
 *          --no-server-warmup  --keep-store  --no-import  --import-memory=4g
 *
 * After the measurements of each size, the same dataset is loaded once more, through `neo4j-admin database
 * import full` (neo4j/import-dataset.ts): the server is stopped, the tool writes a new store, the server starts
 * on it, the schema is applied and the values CSV cannot hold are set. Its row in the results gives the time of
 * each step; its rate counts CSV writing and neo4j-admin, and a second rate everything until the graph is
 * complete with its schema online. `--no-import` leaves it out.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Driver } from 'neo4j-driver';
import { importDataset, type ImportTimings } from '../neo4j/import-dataset.js';
import { status, type LocalNeo4jOptions } from '../neo4j/local-server.js';
import { loadConfig } from '../src/config.js';
import { readDataset } from '../src/services/dataset/read-dataset.js';
import { createDataTools, type SeedSummary } from '../src/services/dataset/seed.js';
import { QueryRunner } from '../src/db/runner.js';
import { PROJECT_ROOT } from '../src/project-files.js';
import {
  assertBenchInstance,
  BENCH_URI,
  benchDriver,
  benchOptions,
  emptyGraph,
  serverFacts,
  startBenchNeo4j,
  stopBenchNeo4j,
  type ServerFacts,
} from './scale/bench-neo4j.js';
import {
  benchAppConfig,
  openApp,
  requestChanges,
  requestChangesMonth,
  requestGraph,
  requestLookThrough,
  requestUltimate,
  type ChangesMonthRequest,
  type ChangesRequest,
  type GraphRequest,
  type LookThroughRequest,
  type UltimateRequest,
} from './scale/measure.js';
import { openCpuWindow, processCpuMs, waitForQuiet } from './scale/cpu.js';
import { linearFit, logLogSlope, percentile, sample, summarise, type Summary } from './scale/stats.js';
import { generateNetwork, mulberry32, writeNetwork, type NetworkStats } from './scale/synthetic-network.js';

// ---------------------------------------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const numberOption = (name: string, fallback: number) => {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, not "${raw}"`);
  return value;
};

const SMOKE = flag('smoke') || process.env.BENCH_SMOKE === '1';
const SIZES =
  option('sizes')
    ?.split(',')
    .map((s) => Number(s.trim().replace(/k$/i, '000').replace(/m$/i, '000000')))
    .filter((n) => Number.isInteger(n) && n > 0) ?? (SMOKE ? [1_000] : [10_000, 100_000, 1_000_000]);
const SEED = numberOption('seed', 42);
const REQUESTS = numberOption('requests', SMOKE ? 10 : 50);
const WARMUP = numberOption('warmup', SMOKE ? 3 : 300);
const TAIL = numberOption('tail', SMOKE ? 1 : 5);
const SEED_MAX = numberOption('seed-max', SMOKE ? 0 : 10_000);
const ROWS_PER_TRANSACTION = numberOption('rows-per-transaction', 20_000);
const BATCH_SIZE = numberOption('batch-size', 2_000);
/**
 * Before each load and each measurement, wait (up to 10 minutes) until other work on the machine uses fewer
 * cores than this; 0: do not wait. What other work used during each phase is recorded either way.
 */
const QUIET_CORES = numberOption('quiet-cores', SMOKE ? 0 : 0.3);
const KEEP_NEO4J = flag('keep-neo4j');
/** Load and query a small network first (not reported), so the first size does not pay for a cold JVM. */
const SERVER_WARMUP = !SMOKE && !flag('no-server-warmup');
/** Start from a new store when this run starts the server (the smoke run keeps the store, to be quick). */
const FRESH_STORE = !SMOKE && !flag('keep-store');
/** Also load each size through neo4j-admin database import (after the measurements). */
const IMPORT = !flag('no-import');
/** The importer's memory for its caches (--max-off-heap-memory); its default, 90% of the machine, is too much on a shared box. */
const IMPORT_MEMORY = option('import-memory') ?? '4g';
const OUTPUT = join(PROJECT_ROOT, 'bench', SMOKE ? 'scale-results.smoke' : 'scale-results');
const DATASETS = join(PROJECT_ROOT, 'bench', '.datasets');

const T0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - T0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const fmt = (n: number) => n.toLocaleString('en-US');
const short = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1_000 && n % 1_000 === 0 ? `${n / 1_000}k` : String(n));
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const now = () => performance.now();

// ---------------------------------------------------------------------------------------------- results

interface LoadResult {
  mode: 'bulk' | 'seed-one-transaction';
  totalMs: number;
  /** CPU time of this Node process (the loader: rows, parameters, Bolt encoding) during the load. */
  clientCpuMs: number;
  /** CPU time of the Neo4j process during the load, when its pid is known (from /proc). */
  serverCpuMs: number | null;
  /** Cores used on average by other work on the machine during the load. */
  otherCores: number | null;
  nodePhaseMs: number;
  relationshipPhaseMs: number;
  nodesPerSec: number;
  relationshipsPerSec: number;
  rowsPerSec: number;
}

/** The load through neo4j-admin database import (neo4j/import-dataset.ts), step by step. */
interface ImportResult extends Omit<ImportTimings, 'followUp'> {
  emptyListsFilled: number;
  rowsCompleted: number;
  /** Relationships per second of CSV writing and neo4j-admin together. */
  relationshipsPerSec: number;
  /** Rows (nodes and relationships) per second of CSV writing and neo4j-admin together. */
  rowsPerSec: number;
  /** Relationships per second until the graph is complete: server start, schema and completion included. */
  relationshipsPerSecUntilReady: number;
}

interface EndpointResult<R> {
  url: string;
  latencyMs: Summary;
  reach: { measure: string; p50: number; p95: number; max: number };
  /** ms = fixed + perElement·reach, least squares over the sampled and tail requests. */
  fit: { fixedMs: number; usPerElement: number; r2: number } | null;
  /** Slope of log(ms) on log(reach) for requests reaching at least 20 elements: 1 is linear. */
  logLogSlope: number | null;
  /** Median latency by reach bucket (elements reached). */
  byReach: { bucket: string; requests: number; p50Ms: number }[];
  sampled: R[];
  tail: R[];
}

interface SizeResult {
  companies: number;
  network: NetworkStats;
  datasetBytes: number;
  generateMs: number;
  readDatasetMs: number;
  loads: LoadResult[];
  adminImport: ImportResult | null;
  graph: EndpointResult<GraphRequest>;
  lookThrough: EndpointResult<LookThroughRequest>;
  /** Ultimate owners of sampled companies: the walk up through every holder, round the cycles. */
  ultimate: EndpointResult<UltimateRequest>;
  /** The changes feed of sampled companies over the network's whole period. */
  changes: EndpointResult<ChangesRequest>;
  /** The changes feed of the whole network (no entity) for sampled months: its cost against the month's changes. */
  changesMonth: EndpointResult<ChangesMonthRequest>;
  /** Cores used on average by other work on the machine while each endpoint was measured (last attempt). */
  otherCoresWhileMeasuring: Record<Endpoint, number | null> & { attempts: Record<Endpoint, number> };
}

type Endpoint = 'graph' | 'lookThrough' | 'ultimate' | 'changes' | 'changesMonth';

// ---------------------------------------------------------------------------------------------- helpers

function progressPrinter(label: string) {
  const t0 = now();
  let last = t0;
  return (done: number, total: number) => {
    const t = now();
    if (done < total && t - last < 2_000) return;
    last = t;
    const rate = done / Math.max((t - t0) / 1000, 0.001);
    const eta = (total - done) / Math.max(rate, 1);
    log(`    ${label}: ${Math.floor((done / total) * 100)}% (${fmt(done)}/${fmt(total)} rows, ${fmt(Math.round(rate))} rows/s, ETA ${eta.toFixed(0)} s)`);
  };
}

async function countGraph(driver: Driver): Promise<{ companies: number; stakes: number }> {
  const { records } = await driver.executeQuery(
    'MATCH (c:Company) WITH count(c) AS companies RETURN companies, COUNT { ()-[:HOLDS_STAKE]->() } AS stakes',
    {},
    { database: 'neo4j' },
  );
  return { companies: Number(records[0]!.get('companies')), stakes: Number(records[0]!.get('stakes')) };
}

const REACH_BUCKETS: [string, number, number][] = [
  ['0–9', 0, 9],
  ['10–99', 10, 99],
  ['100–999', 100, 999],
  ['1,000+', 1_000, Number.POSITIVE_INFINITY],
];

/** Each measured endpoint of a size, named as the report's tables name it. */
function endpointsOf(r: SizeResult): [string, EndpointResult<{ ms: number }>][] {
  return [
    ['graph, depth 2', r.graph],
    ['look-through', r.lookThrough],
    ['ultimate owners', r.ultimate],
    ['changes feed', r.changes],
    ['changes of a month', r.changesMonth],
  ];
}

function endpointResult<R extends { ms: number }>(url: string, measure: string, sampled: R[], tail: R[], reachOf: (r: R) => number): EndpointResult<R> {
  const all = [...sampled, ...tail];
  const reach = sampled.map(reachOf);
  const fit = linearFit(
    all.map(reachOf),
    all.map((r) => r.ms),
  );
  return {
    url,
    latencyMs: summarise(sampled.map((r) => r.ms)),
    reach: { measure, p50: percentile(reach, 0.5), p95: percentile(reach, 0.95), max: Math.max(...reach) },
    fit: fit ? { fixedMs: round(fit.intercept, 2), usPerElement: round(fit.slope * 1000, 1), r2: round(fit.r2, 2) } : null,
    logLogSlope: logLogSlope(
      all.map(reachOf),
      all.map((r) => r.ms),
    ),
    byReach: REACH_BUCKETS.map(([bucket, lo, hi]) => {
      const ms = all.filter((r) => reachOf(r) >= lo && reachOf(r) <= hi).map((r) => r.ms);
      return { bucket, requests: ms.length, p50Ms: round(percentile(ms, 0.5), 2) };
    }).filter((b) => b.requests > 0),
    sampled: sampled.map((r) => ({ ...r, ms: round(r.ms, 2) })),
    tail: tail.map((r) => ({ ...r, ms: round(r.ms, 2) })),
  };
}

function loadResult(
  mode: LoadResult['mode'],
  run: { totalMs: number; nodePhaseMs: number; clientCpuMs: number; serverCpuMs: number | null; otherCores: number | null },
  nodes: number,
  relationships: number,
): LoadResult {
  const { totalMs, nodePhaseMs } = run;
  const relationshipPhaseMs = totalMs - nodePhaseMs;
  return {
    mode,
    totalMs: Math.round(totalMs),
    clientCpuMs: Math.round(run.clientCpuMs),
    serverCpuMs: run.serverCpuMs === null ? null : Math.round(run.serverCpuMs),
    otherCores: run.otherCores,
    nodePhaseMs: Math.round(nodePhaseMs),
    relationshipPhaseMs: Math.round(relationshipPhaseMs),
    nodesPerSec: Math.round(nodes / (nodePhaseMs / 1000)),
    relationshipsPerSec: Math.round(relationships / (relationshipPhaseMs / 1000)),
    rowsPerSec: Math.round((nodes + relationships) / (totalMs / 1000)),
  };
}

function quiet(serverPid: number | null): Promise<number | null> | null {
  return QUIET_CORES > 0 ? waitForQuiet(serverPid, QUIET_CORES, 600_000, log) : null;
}

/** Times a load and where its node phase (sources and nodes come first) ends, from the progress callback. */
async function timedLoad(
  label: string,
  rowsBeforeRelationships: number,
  serverPid: number | null,
  load: (onProgress: (done: number, total: number) => void) => Promise<SeedSummary>,
): Promise<{ totalMs: number; nodePhaseMs: number; clientCpuMs: number; serverCpuMs: number | null; otherCores: number | null; summary: SeedSummary }> {
  await quiet(serverPid);
  const print = progressPrinter(label);
  const window = openCpuWindow(serverPid);
  const cpu0 = process.cpuUsage();
  const server0 = processCpuMs(serverPid);
  const t0 = now();
  let nodePhaseEnd = 0;
  const summary = await load((done, total) => {
    if (!nodePhaseEnd && done >= rowsBeforeRelationships) nodePhaseEnd = now();
    print(done, total);
  });
  const t1 = now();
  const cpu = process.cpuUsage(cpu0);
  const server1 = processCpuMs(serverPid);
  return {
    totalMs: t1 - t0,
    nodePhaseMs: (nodePhaseEnd || t1) - t0,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    serverCpuMs: server0 !== null && server1 !== null ? server1 - server0 : null,
    otherCores: window.otherCores(),
    summary,
  };
}

// ---------------------------------------------------------------------------------------------- one size

async function runSize(
  n: number,
  driver: Driver,
  repos: ReturnType<typeof createDataTools>,
  appConfig: ReturnType<typeof benchAppConfig>,
  server: { options: LocalNeo4jOptions; pid: number | null },
): Promise<SizeResult> {
  const serverPid = server.pid;
  log(`\n== ${fmt(n)} companies`);
  const dir = join(DATASETS, `${short(n)}-seed${SEED}`);
  let t = now();
  let network: ReturnType<typeof generateNetwork> | null = generateNetwork({ companies: n, seed: SEED });
  const generateMs = now() - t;
  const datasetBytes = writeNetwork(network, dir);
  const stats = network.stats;
  log(
    `  generated ${fmt(stats.companies)} companies, ${fmt(stats.stakes)} stakes (${fmt(stats.mutualPairs)} mutual pairs, largest group ${fmt(stats.largestGroup)}, ` +
      `largest portfolio ${fmt(stats.largestPortfolio)}) in ${(generateMs / 1000).toFixed(1)} s; ${(datasetBytes / 1e6).toFixed(1)} MB in ${relative(PROJECT_ROOT, dir)}/`,
  );

  // The seeded sample: holders of open stakes and any companies as roots, in generation order; the tail is
  // the holders with the most open stakes (investors' portfolios, group parents).
  const random = mulberry32((SEED ^ n) >>> 0);
  const openHoldings = new Map<string, number>();
  for (const s of network.stakes) if (s.validTo === null) openHoldings.set(s.from, (openHoldings.get(s.from) ?? 0) + 1);
  // Measured ids are drawn first, so the sample does not depend on how many warm-up ids follow.
  const holders = sample([...openHoldings.keys()], REQUESTS + WARMUP, random);
  const roots = sample(
    network.companies.map((c) => c.id),
    REQUESTS + WARMUP,
    random,
  );
  // Companies someone holds: their ultimate owners and changes feeds have something to walk (drawn after
  // the other samples, so those stay as they were).
  const heldCompanies = sample([...new Set(network.stakes.filter((s) => s.validTo === null).map((s) => s.to))], REQUESTS + WARMUP, random);
  // Months of the network's period (1990–2026) for the changes of the whole network, drawn with their own generator
  // so that the samples above stay as they were.
  const months = sample(
    Array.from({ length: 37 * 12 }, (_, i) => `${1990 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`),
    REQUESTS + 5,
    mulberry32((SEED ^ n ^ 0x5eed) >>> 0),
  );
  const [measuredMonths, warmMonths] = [months.slice(0, REQUESTS), months.slice(REQUESTS)];
  const tail = [...openHoldings.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, TAIL)
    .map(([id]) => id);
  network = null; // let the generator's copy go before the loader makes its own

  const loads: LoadResult[] = [];
  await emptyGraph(driver, 'neo4j');
  t = now();
  let dataset: ReturnType<typeof readDataset> | null = readDataset(dir);
  const readDatasetMs = now() - t;
  log(`  readDataset: ${(readDatasetMs / 1000).toFixed(1)} s (parse and validate ${fmt(dataset.nodes.length + dataset.relationships.length)} rows)`);
  const rowsBeforeRelationships = dataset.sources.length + dataset.nodes.length;

  if (n <= SEED_MAX) {
    // As on a fresh server: the seed's queries are planned during this load, against an empty graph.
    await driver.executeQuery('CALL db.clearQueryCaches()', {}, { database: 'neo4j' });
    const ds = dataset;
    const run = await timedLoad('seed, one transaction', rowsBeforeRelationships, serverPid, (p) => repos.loader.seed(ds, p));
    loads.push(loadResult('seed-one-transaction', run, ds.nodes.length, ds.relationships.length));
    const counts = await countGraph(driver);
    if (counts.companies !== n || counts.stakes !== stats.stakes)
      throw new Error(`seed loaded ${JSON.stringify(counts)}, expected ${n} companies and ${stats.stakes} stakes`);
    log(`  seed (one transaction): ${(run.totalMs / 1000).toFixed(1)} s`);
    await emptyGraph(driver, 'neo4j');
  }

  {
    const ds = dataset;
    const run = await timedLoad('bulk', rowsBeforeRelationships, serverPid, (p) =>
      repos.loader.bulkLoadIntoEmptyGraph(ds, p, { rowsPerTransaction: ROWS_PER_TRANSACTION, batchSize: BATCH_SIZE }),
    );
    const result = loadResult('bulk', run, ds.nodes.length, ds.relationships.length);
    loads.push(result);
    const counts = await countGraph(driver);
    if (counts.companies !== n || counts.stakes !== stats.stakes)
      throw new Error(`bulk load gave ${JSON.stringify(counts)}, expected ${n} companies and ${stats.stakes} stakes`);
    log(
      `  bulk load: ${(run.totalMs / 1000).toFixed(1)} s; nodes ${fmt(result.nodesPerSec)}/s, relationships ${fmt(result.relationshipsPerSec)}/s, ` +
        `${fmt(result.rowsPerSec)} rows/s overall; CPU: loader ${(result.clientCpuMs / 1000).toFixed(1)} s, Neo4j ${result.serverCpuMs === null ? '?' : (result.serverCpuMs / 1000).toFixed(1)} s`,
    );
  }
  // Kept for the import, which comes after the measurements (they stay on the Cypher loader's graph).
  const forImport = IMPORT ? dataset : null;
  dataset = null;

  let measured: Pick<SizeResult, Endpoint | 'otherCoresWhileMeasuring'>;
  const app = await openApp(appConfig);
  try {
    const [measuredHolders, warmHolders] = [holders.slice(0, REQUESTS), holders.slice(REQUESTS)];
    const [measuredRoots, warmRoots] = [roots.slice(0, REQUESTS), roots.slice(REQUESTS)];
    log(`  warm-up: ${warmRoots.length + warmHolders.length} requests, and the ${tail.length} tail ids once`);
    for (const id of [...warmRoots, ...tail]) await requestGraph(app, id);
    for (const id of [...warmHolders, ...tail]) await requestLookThrough(app, id);
    const [measuredHeld, warmHeld] = [heldCompanies.slice(0, REQUESTS), heldCompanies.slice(REQUESTS)];
    for (const id of warmHeld) await requestUltimate(app, id);
    for (const id of warmHeld) await requestChanges(app, id);
    const otherCoresWhileMeasuring: SizeResult['otherCoresWhileMeasuring'] = {
      graph: null,
      lookThrough: null,
      ultimate: null,
      changes: null,
      changesMonth: null,
      attempts: { graph: 0, lookThrough: 0, ultimate: 0, changes: 0, changesMonth: 0 },
    };
    /** Runs a measurement; runs it again (up to 3 times in all) when other work took CPU meanwhile. */
    const measure = async <R>(name: Endpoint, ids: string[], request: (id: string) => Promise<R>): Promise<R[]> => {
      for (;;) {
        await quiet(serverPid);
        const window = openCpuWindow(serverPid);
        const out: R[] = [];
        for (const id of ids) out.push(await request(id));
        const other = window.otherCores();
        otherCoresWhileMeasuring[name] = other;
        otherCoresWhileMeasuring.attempts[name] += 1;
        if (QUIET_CORES <= 0 || other === null || other < QUIET_CORES || otherCoresWhileMeasuring.attempts[name] >= 3) return out;
        log(`    other work used ${other} cores while measuring ${name}: measuring again`);
      }
    };
    const graphAll = await measure('graph', [...measuredRoots, ...tail], (id) => requestGraph(app, id));
    const [graphs, graphTail] = [graphAll.slice(0, measuredRoots.length), graphAll.slice(measuredRoots.length)];
    const lookThroughAll = await measure('lookThrough', [...measuredHolders, ...tail], (id) => requestLookThrough(app, id));
    const [lookThroughs, lookThroughTail] = [lookThroughAll.slice(0, measuredHolders.length), lookThroughAll.slice(measuredHolders.length)];

    const graph = endpointResult('/v1/graph/ownership?root=…&depth=2&format=json', 'nodes + edges returned', graphs, graphTail, (r) => r.nodes + r.edges);
    const lookThrough = endpointResult('/v1/ownership/effective?holder=…', 'stake statements used', lookThroughs, lookThroughTail, (r) => r.stakes);
    // Held companies: in groups, under investors, some in mutual pairs (cycles).
    const ultimates = await measure('ultimate', measuredHeld, (id) => requestUltimate(app, id));
    const ultimate = endpointResult('/v1/ownership/ultimate?company=…', 'stake statements used', ultimates, [], (r) => r.stakes);
    const changeFeeds = await measure('changes', measuredHeld, (id) => requestChanges(app, id));
    const changes = endpointResult('/v1/changes?entity=…&from=1990-01-01&to=2026-12-31&limit=500', 'changes returned', changeFeeds, [], (r) => r.changes);
    // The whole network's changes, a month at a time (months drawn from the network's period, a few to warm up).
    for (const month of warmMonths) await requestChangesMonth(app, month);
    const monthFeeds = await measure('changesMonth', measuredMonths, (month) => requestChangesMonth(app, month));
    const changesMonth = endpointResult('/v1/changes?from=…-01&to=…-31&limit=50 (no entity)', 'changes in the month', monthFeeds, [], (r) => r.changes);
    log(
      `  graph depth 2: p50 ${graph.latencyMs.p50} ms, p95 ${graph.latencyMs.p95} ms, p99 ${graph.latencyMs.p99} ms; reach p50 ${graph.reach.p50}, p95 ${graph.reach.p95}, max ${graph.reach.max}`,
    );
    log(
      `  look-through: p50 ${lookThrough.latencyMs.p50} ms, p95 ${lookThrough.latencyMs.p95} ms, p99 ${lookThrough.latencyMs.p99} ms; stakes p50 ${lookThrough.reach.p50}, p95 ${lookThrough.reach.p95}, max ${lookThrough.reach.max}`,
    );
    log(
      `  tail (${tail.length} largest holders): graph ${graphTail.map((r) => `${Math.round(r.ms)} ms/${r.nodes + r.edges}`).join(', ')}; ` +
        `look-through ${lookThroughTail.map((r) => `${Math.round(r.ms)} ms/${r.stakes}`).join(', ')}`,
    );
    log(
      `  ultimate owners: p50 ${ultimate.latencyMs.p50} ms, p95 ${ultimate.latencyMs.p95} ms, p99 ${ultimate.latencyMs.p99} ms; stakes p50 ${ultimate.reach.p50}, p95 ${ultimate.reach.p95}, max ${ultimate.reach.max}`,
    );
    log(
      `  changes feed: p50 ${changes.latencyMs.p50} ms, p95 ${changes.latencyMs.p95} ms, p99 ${changes.latencyMs.p99} ms; changes p50 ${changes.reach.p50}, p95 ${changes.reach.p95}, max ${changes.reach.max}`,
    );
    log(
      `  changes of a month (whole network): p50 ${changesMonth.latencyMs.p50} ms, p95 ${changesMonth.latencyMs.p95} ms, p99 ${changesMonth.latencyMs.p99} ms; changes p50 ${changesMonth.reach.p50}, p95 ${changesMonth.reach.p95}, max ${changesMonth.reach.max}`,
    );
    measured = { graph, lookThrough, ultimate, changes, changesMonth, otherCoresWhileMeasuring };
  } finally {
    await app.close();
  }
  const adminImport = forImport ? await adminImportLoad(forImport, n, stats.stakes, server) : null;
  return {
    companies: n,
    network: stats,
    datasetBytes,
    generateMs: Math.round(generateMs),
    readDatasetMs: Math.round(readDatasetMs),
    loads,
    adminImport,
    ...measured,
  };
}

/**
 * Loads the dataset again through neo4j-admin database import, into the benchmark's Neo4j (stopped and
 * started again on the new store), and checks what it holds.
 */
async function adminImportLoad(
  dataset: ReturnType<typeof readDataset>,
  companies: number,
  stakes: number,
  server: { options: LocalNeo4jOptions; pid: number | null },
): Promise<ImportResult> {
  await quiet(server.pid);
  log('  neo4j-admin import: CSV files, stop, import, start, schema, completion');
  const timings = await importDataset(server.options, dataset, {
    workDir: join(DATASETS, 'import-csv'),
    maxOffHeapMemory: IMPORT_MEMORY,
    log: (line) => {
      if (!line.includes('[neo4j-admin]') || /IMPORT DONE|Imported:|Peak memory|Duration|\(\d\/\d\)/.test(line)) log(`    ${line}`);
    },
  });
  server.pid = (await status(server.options)).pid;
  const driver = benchDriver(server.options.user, server.options.password);
  try {
    const counts = await countGraph(driver);
    if (counts.companies !== companies || counts.stakes !== stakes)
      throw new Error(`the import gave ${JSON.stringify(counts)}, expected ${companies} companies and ${stakes} stakes`);
  } finally {
    await driver.close();
  }
  const { followUp, ...rest } = timings;
  const rows = timings.nodes + timings.relationships;
  const result: ImportResult = {
    ...(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k.endsWith('Ms') ? Math.round(v) : v])) as Omit<ImportTimings, 'followUp'>),
    emptyListsFilled: followUp.emptyLists,
    rowsCompleted: followUp.rows,
    relationshipsPerSec: Math.round(timings.relationships / ((timings.csvMs + timings.adminMs) / 1000)),
    rowsPerSec: Math.round(rows / ((timings.csvMs + timings.adminMs) / 1000)),
    relationshipsPerSecUntilReady: Math.round(timings.relationships / (timings.totalMs / 1000)),
  };
  log(
    `  neo4j-admin import: CSV ${(timings.csvMs / 1000).toFixed(1)} s + neo4j-admin ${(timings.adminMs / 1000).toFixed(1)} s → ${fmt(result.relationshipsPerSec)} relationships/s; ` +
      `then start ${(timings.startMs / 1000).toFixed(1)} s, schema ${(timings.schemaMs / 1000).toFixed(1)} s, completion ${(timings.completeMs / 1000).toFixed(1)} s ` +
      `(${fmt(followUp.emptyLists)} empty lists, ${followUp.rows} rows) → ${fmt(result.relationshipsPerSecUntilReady)} relationships/s until ready`,
  );
  return result;
}

/** A small, unreported load and a few requests, so the first measured size does not pay for a cold JVM. */
async function warmUpServer(driver: Driver, repos: ReturnType<typeof createDataTools>, appConfig: ReturnType<typeof benchAppConfig>): Promise<void> {
  const n = 5_000;
  log(`\n== server warm-up (${fmt(n)} companies, not reported)`);
  const network = generateNetwork({ companies: n, seed: SEED + 1 });
  const dir = join(DATASETS, 'warm-up');
  writeNetwork(network, dir);
  const ids = sample([...new Set(network.stakes.map((s) => s.from))], 30, mulberry32(SEED + 1));
  await emptyGraph(driver, 'neo4j');
  await repos.loader.bulkLoadIntoEmptyGraph(readDataset(dir), undefined, { rowsPerTransaction: ROWS_PER_TRANSACTION, batchSize: BATCH_SIZE });
  const app = await openApp(appConfig);
  try {
    for (const id of ids) {
      await requestGraph(app, id);
      await requestLookThrough(app, id);
    }
  } finally {
    await app.close();
  }
  await emptyGraph(driver, 'neo4j');
}

// ---------------------------------------------------------------------------------------------- report

function machine(facts: ServerFacts) {
  const nproc = (() => {
    try {
      return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
    } catch {
      return cpus().length;
    }
  })();
  return {
    nproc,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    neo4j: `${facts.version} ${facts.edition}`,
    // Paths relative to the project, so the committed results name no machine's folders.
    neo4jSettings: Object.fromEntries(Object.entries(facts.settings).map(([k, v]) => [k, v.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, v) : v])),
    date: new Date().toISOString(),
  };
}

function targets(rows: SizeResult[]) {
  const bulk = rows.map((r) => ({ companies: r.companies, rate: r.loads.find((l) => l.mode === 'bulk')!.relationshipsPerSec }));
  const imported = rows
    .filter((r) => r.adminImport)
    .map((r) => ({ companies: r.companies, rate: r.adminImport!.relationshipsPerSec, untilReady: r.adminImport!.relationshipsPerSecUntilReady }));
  const at100k = rows.find((r) => r.companies === 100_000);
  const slopes = rows
    .flatMap((r) => [r.graph.logLogSlope, r.lookThrough.logLogSlope, r.ultimate.logLogSlope, r.changes.logLogSlope, r.changesMonth.logLogSlope])
    .filter((s): s is number => s !== null);
  return {
    loadRelationshipsPerSec: {
      target: '>= 50,000 relationships/s loaded (bulk mode, relationship phase)',
      measured: bulk,
      met: bulk.every((b) => b.rate >= 50_000),
    },
    loadRelationshipsPerSecImport: {
      target: '>= 50,000 relationships/s loaded (neo4j-admin import: CSV writing and neo4j-admin)',
      measured: imported,
      met: imported.length > 0 ? imported.every((b) => b.rate >= 50_000) : null,
    },
    lookThroughP95At100k: {
      target: 'look-through p95 <= 50 ms at 100k companies',
      measuredMs: at100k ? at100k.lookThrough.latencyMs.p95 : null,
      met: at100k ? at100k.lookThrough.latencyMs.p95 <= 50 : null,
    },
    growthLinearInReach: {
      target: 'latency grows no worse than linearly in the reachable subgraph (log–log slope <= 1.1 at every size)',
      slopes: rows.map((r) => ({
        companies: r.companies,
        graph: r.graph.logLogSlope,
        lookThrough: r.lookThrough.logLogSlope,
        ultimate: r.ultimate.logLogSlope,
        changes: r.changes.logLogSlope,
        changesMonth: r.changesMonth.logLogSlope,
      })),
      met: slopes.length > 0 ? slopes.every((s) => s <= 1.1) : null,
    },
  };
}

function markdown(report: { machine: ReturnType<typeof machine>; rows: SizeResult[]; targets: ReturnType<typeof targets>; command: string }): string {
  const m = report.machine;
  const lines = [
    `# Scale benchmark (${SMOKE ? 'smoke run' : 'full run'})`,
    '',
    `\`${report.command}\` on ${m.nproc} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, Neo4j ${m.neo4j} ` +
      `(heap ${m.neo4jSettings['server.memory.heap.max_size']}, page cache ${m.neo4jSettings['server.memory.pagecache.size']}, ` +
      `transaction memory ${m.neo4jSettings['dbms.memory.transaction.total.max']}), ${m.date.slice(0, 10)}. ` +
      `Seed ${SEED}; ${REQUESTS} sampled requests per endpoint and size after ${WARMUP} warm-up requests; latency is in-process (app.inject).`,
    '',
    '## Load',
    '',
    '| companies | stakes | dataset | readDataset | mode | total | nodes/s | relationships/s | rows/s | CPU loader / Neo4j |',
    '|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of report.rows) {
    for (const l of r.loads) {
      lines.push(
        `| ${fmt(r.companies)} | ${fmt(r.network.stakes)} | ${(r.datasetBytes / 1e6).toFixed(0)} MB | ${(r.readDatasetMs / 1000).toFixed(1)} s | ` +
          `${l.mode === 'bulk' ? `bulk (${fmt(ROWS_PER_TRANSACTION)} rows/transaction)` : 'seed (one transaction)'} | ${(l.totalMs / 1000).toFixed(1)} s | ` +
          `${fmt(l.nodesPerSec)} | ${fmt(l.relationshipsPerSec)} | ${fmt(l.rowsPerSec)} | ` +
          `${(l.clientCpuMs / 1000).toFixed(1)} s / ${l.serverCpuMs === null ? '?' : `${(l.serverCpuMs / 1000).toFixed(1)} s`} |`,
      );
    }
    const i = r.adminImport;
    if (i) {
      lines.push(
        `| ${fmt(r.companies)} | ${fmt(r.network.stakes)} | ${(r.datasetBytes / 1e6).toFixed(0)} MB | ${(r.readDatasetMs / 1000).toFixed(1)} s | ` +
          `neo4j-admin import (CSV + neo4j-admin) | ${((i.csvMs + i.adminMs) / 1000).toFixed(1)} s | – | ${fmt(i.relationshipsPerSec)} | ${fmt(i.rowsPerSec)} | – |`,
      );
    }
  }
  if (report.rows.some((r) => r.adminImport)) {
    lines.push(
      '',
      '### neo4j-admin import, step by step',
      '',
      'The same dataset loaded again after the measurements, through `neo4j-admin database import full` into the stopped server (neo4j/import-dataset.ts). ' +
        'The rate above counts CSV writing and neo4j-admin (its JVM start included); "until ready" also counts stopping the server, starting it on the new store, ' +
        'applying the schema (the constraints and indexes are built over the imported data) and setting the values CSV cannot hold (empty lists), ' +
        "after which the graph equals the Cypher loader's (test/integration/admin-import.test.ts).",
      '',
      '| companies | relationships | CSV files | CSV writing | neo4j-admin | relationships/s | server start | schema | completion (empty lists) | until ready | relationships/s until ready |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    for (const r of report.rows) {
      const i = r.adminImport;
      if (!i) continue;
      lines.push(
        `| ${fmt(r.companies)} | ${fmt(i.relationships)} | ${i.csvFiles} (${(i.csvBytes / 1e6).toFixed(0)} MB) | ${sec(i.csvMs)} | ${sec(i.adminMs)} | ${fmt(i.relationshipsPerSec)} | ` +
          `${sec(i.startMs)} | ${sec(i.schemaMs)} | ${sec(i.completeMs)} (${fmt(i.emptyListsFilled)}) | ${sec(i.totalMs)} | ${fmt(i.relationshipsPerSecUntilReady)} |`,
      );
    }
  }
  lines.push(
    '',
    '## Latency against size',
    '',
    'Reach: what the answer covered, so cost can be compared with the reachable subgraph rather than the whole graph ' +
      '(graph: nodes + edges returned; look-through and ultimate owners: stake statements used; changes feed: changes returned). Slope: log–log slope of latency against reach ' +
      '(requests reaching at least 20 elements; 1 = linear). Per element: the least-squares cost of one more element reached.',
    '',
    '| companies | endpoint | p50 ms | p95 ms | p99 ms | reach p50 | reach p95 | reach max | fixed ms | µs per element | slope |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of report.rows) {
    for (const [name, e] of endpointsOf(r)) {
      lines.push(
        `| ${fmt(r.companies)} | ${name} | ${e.latencyMs.p50} | ${e.latencyMs.p95} | ${e.latencyMs.p99} | ${e.reach.p50} | ${e.reach.p95} | ${e.reach.max} | ` +
          `${e.fit?.fixedMs ?? '–'} | ${e.fit?.usPerElement ?? '–'} | ${e.logLogSlope ?? '–'} |`,
      );
    }
  }
  lines.push(
    '',
    '### Median latency by reach (sampled and tail requests)',
    '',
    '| companies | endpoint | reach | requests | p50 ms |',
    '|---:|---|---|---:|---:|',
  );
  for (const r of report.rows) {
    for (const [name, e] of endpointsOf(r)) {
      for (const b of e.byReach) lines.push(`| ${fmt(r.companies)} | ${name} | ${b.bucket} | ${b.requests} | ${b.p50Ms} |`);
    }
  }
  lines.push(
    '',
    '### Tail: the holders with the most stakes',
    '',
    '| companies | holder | graph ms | nodes + edges | look-through ms | stakes used |',
    '|---:|---|---:|---:|---:|---:|',
  );
  for (const r of report.rows) {
    r.graph.tail.forEach((g, i) => {
      const l = r.lookThrough.tail[i]!;
      lines.push(`| ${fmt(r.companies)} | ${g.root} | ${g.ms} | ${g.nodes + g.edges} | ${l.ms} | ${l.stakes} |`);
    });
  }
  const t = report.targets;
  const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? '**met**' : '**missed**');
  lines.push(
    '',
    '## Targets',
    '',
    `- ${t.loadRelationshipsPerSec.target}: ${verdict(t.loadRelationshipsPerSec.met)} (${t.loadRelationshipsPerSec.measured.map((b) => `${short(b.companies)}: ${fmt(b.rate)}/s`).join(', ')})`,
    ...(t.loadRelationshipsPerSecImport.measured.length > 0
      ? [
          `- ${t.loadRelationshipsPerSecImport.target}: ${verdict(t.loadRelationshipsPerSecImport.met)} (${t.loadRelationshipsPerSecImport.measured.map((b) => `${short(b.companies)}: ${fmt(b.rate)}/s, ${fmt(b.untilReady)}/s until ready`).join(', ')})`,
        ]
      : []),
    `- ${t.lookThroughP95At100k.target}: ${verdict(t.lookThroughP95At100k.met)}${t.lookThroughP95At100k.measuredMs !== null ? ` (${t.lookThroughP95At100k.measuredMs} ms)` : ''}`,
    `- ${t.growthLinearInReach.target}: ${verdict(t.growthLinearInReach.met)} (${t.growthLinearInReach.slopes.map((s) => `${short(s.companies)}: graph ${s.graph ?? '–'}, look-through ${s.lookThrough ?? '–'}, ultimate owners ${s.ultimate ?? '–'}, changes ${s.changes ?? '–'}, changes of a month ${s.changesMonth ?? '–'}`).join('; ')})`,
    '',
    'Other work on the machine (cores used on average, from /proc; the box is shared) during the bulk load, the graph, look-through, ultimate-owner, changes and changes-of-a-month measurements: ' +
      report.rows
        .map(
          (r) =>
            `${short(r.companies)}: ${r.loads.at(-1)!.otherCores ?? '?'} / ${(['graph', 'lookThrough', 'ultimate', 'changes', 'changesMonth'] as const).map((e) => r.otherCoresWhileMeasuring[e] ?? '?').join(' / ')}`,
        )
        .join('; ') +
      '.',
    '',
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------- main

/** A million companies need more than Node's default heap: run again with a larger one (signals passed on). */
async function rerunWithLargerHeap(): Promise<number | null> {
  const needed = Math.max(...SIZES) >= 300_000 ? 12_288 : 0;
  if (needed === 0 || process.env.BENCH_SCALE_CHILD === '1' || getHeapStatistics().heap_size_limit >= needed * 0.9 * 2 ** 20) return null;
  log(`(re-running with --max-old-space-size=${needed} for ${fmt(Math.max(...SIZES))} companies)`);
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${needed}`, process.argv[1]!, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_SCALE_CHILD: '1' },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  return code ?? (signal ? 130 : 1);
}

async function main(): Promise<number> {
  // Piped into `head` and the like, keep running (and clean up) when the reader goes away.
  process.stdout.on('error', () => {});
  const rerun = await rerunWithLargerHeap();
  if (rerun !== null) return rerun;

  const config = loadConfig();
  if (!config.neo4j.managedLocally) log(`(NEO4J_URI is ignored: the scale benchmark uses its own Neo4j on ${BENCH_URI})`);
  const { user, password } = config.neo4j;
  const neo4jOptions = benchOptions(user, password, (line) => log(`  [neo4j] ${line}`));
  const t0 = now();
  log(`bench:scale ${SMOKE ? '(smoke) ' : ''}sizes ${SIZES.map(short).join(', ')}, seed ${SEED}; Neo4j for benchmarks on ${BENCH_URI} (.neo4j-bench/)`);
  const started = await startBenchNeo4j(neo4jOptions, FRESH_STORE);
  log(
    started.started
      ? `  started the benchmark's Neo4j (pid ${started.pid})${started.freshStore ? ' on a fresh store' : ''}`
      : `  reusing the benchmark's Neo4j already running (pid ${started.pid ?? 'unknown'})`,
  );
  let stopped = false;
  const stopIfStarted = async () => {
    if (started.started && !KEEP_NEO4J && !stopped) {
      stopped = true;
      log('  stopping the benchmark Neo4j this run started');
      if (!(await stopBenchNeo4j(neo4jOptions, started.pid))) log(`  (pid ${started.pid} is no longer the benchmark's Neo4j: left alone)`);
    }
  };
  const onSignal = () => {
    void stopIfStarted().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let driver = benchDriver(user, password);
  try {
    const facts = await serverFacts(driver);
    assertBenchInstance(facts);
    let repos = createDataTools(new QueryRunner(driver, 'neo4j', 'bench:scale'));
    await repos.system.applySchema();
    const appConfig = benchAppConfig({ uri: BENCH_URI, user, password, database: 'neo4j' });
    if (SERVER_WARMUP) await warmUpServer(driver, repos, appConfig);
    const rows: SizeResult[] = [];
    const server = { options: neo4jOptions, pid: started.pid };
    const sizes = [...SIZES].sort((a, b) => a - b);
    for (const [i, n] of sizes.entries()) {
      rows.push(await runSize(n, driver, repos, appConfig, server));
      // The import restarted the server: the run stops the new process, and the next size gets a warm one again.
      started.pid = server.pid;
      if (IMPORT && i < sizes.length - 1) {
        // The import replaced the store: the driver's bookmarks name transactions of the old one, which the
        // new store never had (Neo4j refuses them: "not up to the requested version"). A new driver starts clean.
        await driver.close();
        driver = benchDriver(user, password);
        repos = createDataTools(new QueryRunner(driver, 'neo4j', 'bench:scale'));
        if (SERVER_WARMUP) await warmUpServer(driver, repos, appConfig);
      }
    }

    const command = `npm run bench:scale${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
    const report = {
      command,
      machine: machine(facts),
      freshStore: started.freshStore,
      options: {
        sizes: SIZES,
        seed: SEED,
        requests: REQUESTS,
        warmup: WARMUP,
        tail: TAIL,
        seedMax: SEED_MAX,
        rowsPerTransaction: ROWS_PER_TRANSACTION,
        batchSize: BATCH_SIZE,
        adminImport: IMPORT,
        importMemory: IMPORT_MEMORY,
        smoke: SMOKE,
      },
      targets: targets(rows),
      rows,
    };
    writeFileSync(`${OUTPUT}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${OUTPUT}.md`, markdown(report));
    log(`\nwrote ${relative(PROJECT_ROOT, OUTPUT)}.json and .md in ${((now() - t0) / 1000).toFixed(0)} s`);
    for (const [name, t] of Object.entries(report.targets)) log(`  ${name}: ${t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'}`);
    return 0;
  } finally {
    await driver.close();
    await stopIfStarted();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:scale failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
