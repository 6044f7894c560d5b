/**
 * Loads a dataset into a local Neo4j (one this project runs, see local-server.ts) through
 * `neo4j-admin database import full`: the fastest way into an empty database. The steps:
 *   1. CSV files of the bulk load's rows (DatasetService.writeImportFiles);
 *   2. the server stopped, neo4j-admin writes a new store for the database (replacing what it held);
 *   3. the server started on it, the empty lists CSV cannot hold filled in, the schema applied (constraints
 *      and indexes are built over the finished data), and any other value CSV cannot hold set row by row.
 * The result is the graph DatasetRepository.bulkLoadIntoEmptyGraph gives (test/integration/admin-import.test.ts).
 */
import { rmSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { QueryRunner } from '../src/db/runner.js';
import type { Dataset } from '../src/schemas/dataset.js';
import { createDataTools } from '../src/services/dataset/seed.js';
import { boltUri, importDatabase, start, stop, type LocalNeo4jOptions } from './local-server.js';

export interface ImportTimings {
  /** Writing the CSV files. */
  csvMs: number;
  /** neo4j-admin database import full, JVM start included. */
  adminMs: number;
  /** Starting the server on the new store until Bolt answers. */
  startMs: number;
  /** Applying cypher/schema (constraints and indexes built over the imported data) and waiting for it. */
  schemaMs: number;
  /** Setting the values CSV cannot hold: the empty lists (before the schema) and single rows (after it). */
  completeMs: number;
  totalMs: number;
  nodes: number;
  relationships: number;
  csvBytes: number;
  csvFiles: number;
  /** Empty lists filled in afterwards, and rows completed one by one. */
  followUp: { emptyLists: number; rows: number };
}

export interface ImportDatasetOptions {
  /** Where the CSV files go (emptied first, removed at the end unless keepFiles). */
  workDir: string;
  keepFiles?: boolean;
  database?: string;
  /** Memory for the importer's caches (default: neo4j-admin's, 90% of the machine's). */
  maxOffHeapMemory?: string;
  log?: (line: string) => void;
  /** Called with the timings of the CSV and neo4j-admin steps once the store is written. */
  onImported?: (timings: Pick<ImportTimings, 'csvMs' | 'adminMs'>) => void;
}

/** Replaces the instance's database with the dataset; the instance is stopped first and runs afterwards. */
export async function importDataset(server: LocalNeo4jOptions, dataset: Dataset, options: ImportDatasetOptions): Promise<ImportTimings> {
  const log = options.log ?? (() => {});
  const database = options.database ?? 'neo4j';
  const t0 = performance.now();
  // Only the service's CSV side is used before the server runs; the driver connects after the import.
  const driver = neo4j.driver(boltUri(server.boltPort), neo4j.auth.basic(server.user, server.password), {
    logging: { level: 'error', logger: () => {} },
  });
  try {
    const tools = createDataTools(new QueryRunner(driver, database, 'admin-import'));
    const files = tools.loader.writeImportFiles(dataset, options.workDir);
    const t1 = performance.now();
    log(`wrote ${files.files} CSV files (${(files.bytes / 1e6).toFixed(1)} MB) in ${((t1 - t0) / 1000).toFixed(1)} s`);
    await stop(server);
    const t2 = performance.now();
    await importDatabase(server, {
      args: files.args,
      database,
      ...(options.maxOffHeapMemory ? { maxOffHeapMemory: options.maxOffHeapMemory } : {}),
      onOutput: (line) => log(`  [neo4j-admin] ${line}`),
    });
    const t3 = performance.now();
    log(`neo4j-admin import: ${((t3 - t2) / 1000).toFixed(1)} s`);
    options.onImported?.({ csvMs: t1 - t0, adminMs: t3 - t2 });
    await start(server);
    const t4 = performance.now();
    await tools.loader.fillImportedEmptyLists(files);
    const t5 = performance.now();
    await tools.system.applySchema();
    const t6 = performance.now();
    await tools.loader.completeImportedRows(files);
    const t7 = performance.now();
    const emptyLists =
      files.followUp.emptyNodeLists.reduce((n, e) => n + e.nodes, 0) + files.followUp.emptyRelationshipLists.reduce((n, e) => n + e.relationships, 0);
    return {
      csvMs: t1 - t0,
      adminMs: t3 - t2,
      startMs: t4 - t3,
      completeMs: t5 - t4 + (t7 - t6),
      schemaMs: t6 - t5,
      totalMs: t7 - t0,
      nodes: files.nodes,
      relationships: files.relationships,
      csvBytes: files.bytes,
      csvFiles: files.files,
      followUp: { emptyLists, rows: files.followUp.nodes.length + files.followUp.relationships.length },
    };
  } finally {
    await driver.close();
    if (!options.keepFiles) rmSync(options.workDir, { recursive: true, force: true });
  }
}
