/**
 * The benchmark's own Neo4j: a second local instance under .neo4j-bench/ on Bolt 7688 / HTTP 7475, never
 * the developer's (bolt 7687, which holds the real dataset and serves the tests). Before anything is
 * deleted, the server on that port must prove it is this instance (its data directory).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { boltUri, start, status, stop, type LocalNeo4jOptions, type StartResult } from '../../neo4j/local-server.js';
import { PROJECT_ROOT } from '../../src/project-files.js';

export const BENCH_ROOT = join(PROJECT_ROOT, '.neo4j-bench');
// BENCH_SCALE_BOLT_PORT / BENCH_SCALE_HTTP_PORT move it, for a box where someone else's instance holds these.
export const BENCH_BOLT_PORT = Number(process.env.BENCH_SCALE_BOLT_PORT ?? 7688);
export const BENCH_HTTP_PORT = Number(process.env.BENCH_SCALE_HTTP_PORT ?? 7475);
export const BENCH_URI = boltUri(BENCH_BOLT_PORT);

/**
 * Memory for loading a million companies: the default instance's 1 GB heap and 512 MB transaction cap
 * (neo4j/neo4j.conf) stay as they are; only this instance gets more. The per-transaction cap (64 MB there,
 * for researchers' queries) would stop the bulk loader's 20,000-row transactions.
 */
export const BENCH_TUNING = { heap: '4g', pageCache: '2g', transactionMemoryMax: '3g', oneTransactionMemoryMax: '3g', transactionTimeout: '30m' } as const;

export function benchOptions(user: string, password: string, log: (line: string) => void): LocalNeo4jOptions {
  return { user, password, root: BENCH_ROOT, boltPort: BENCH_BOLT_PORT, httpPort: BENCH_HTTP_PORT, tuning: { ...BENCH_TUNING }, log };
}

/**
 * Starts the benchmark's Neo4j, or reuses it when it is running. With `fresh`, when it has to be started,
 * its store is deleted first (.neo4j-bench/data only), so the run begins with a new, empty store: a store
 * that once held a million relationships keeps their record range, which whole-store scans still walk.
 */
export async function startBenchNeo4j(options: LocalNeo4jOptions, fresh: boolean): Promise<StartResult & { freshStore: boolean }> {
  if (options.boltPort === 7687 || options.root !== BENCH_ROOT) throw new Error('refusing to run the scale benchmark on the default Neo4j');
  const before = await status(options);
  const freshStore = fresh && !before.running && !before.boltAnswers;
  if (freshStore) rmSync(join(BENCH_ROOT, 'data'), { recursive: true, force: true });
  return { ...(await start(options)), freshStore };
}

/**
 * Stops the benchmark's Neo4j, but only the process this run started: the pid file is shared, and another
 * run may have started a newer instance since (stopping by pid file alone would stop that one).
 */
export async function stopBenchNeo4j(options: LocalNeo4jOptions, startedPid: number | null): Promise<boolean> {
  const current = await status(options);
  if (startedPid === null || current.pid !== startedPid) return false;
  await stop(options);
  return true;
}

export interface ServerFacts {
  version: string;
  edition: string;
  settings: Record<string, string>;
}

const REPORTED_SETTINGS = [
  'server.directories.data',
  'server.bolt.listen_address',
  'server.memory.heap.max_size',
  'server.memory.pagecache.size',
  'dbms.memory.transaction.total.max',
  'db.transaction.timeout',
];

/** Version, edition and the settings that matter here, read from the server itself. */
export async function serverFacts(driver: Driver): Promise<ServerFacts> {
  const components = await driver.executeQuery('CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition');
  const settings = await driver.executeQuery('SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value', { names: REPORTED_SETTINGS });
  return {
    version: components.records[0]!.get('version') as string,
    edition: components.records[0]!.get('edition') as string,
    settings: Object.fromEntries(settings.records.map((r) => [r.get('name') as string, r.get('value') as string])),
  };
}

/** Throws unless the server answering on the bench port keeps its data under .neo4j-bench/. */
export function assertBenchInstance(facts: ServerFacts): void {
  const data = facts.settings['server.directories.data'];
  if (!data || resolve(data) !== resolve(BENCH_ROOT, 'data')) {
    throw new Error(
      `The Neo4j on ${BENCH_URI} keeps its data in ${data ?? '(unknown)'}, not ${join(BENCH_ROOT, 'data')}: not the benchmark's instance, refusing to touch it`,
    );
  }
}

/** Deletes every node and relationship, in batches (a million nodes do not fit one transaction). */
export async function emptyGraph(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

export function benchDriver(user: string, password: string): Driver {
  return neo4j.driver(BENCH_URI, neo4j.auth.basic(user, password), { logging: { level: 'error', logger: () => {} } });
}
