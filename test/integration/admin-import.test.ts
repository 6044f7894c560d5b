import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateNetwork, writeNetwork } from '../../bench/scale/synthetic-network.js';
import { importDataset, type ImportTimings } from '../../neo4j/import-dataset.js';
import { boltUri, stop, type LocalNeo4jOptions } from '../../neo4j/local-server.js';
import { buildApp } from '../../src/app.js';
import { QueryRunner } from '../../src/db/runner.js';
import { toPlain } from '../../src/db/values.js';
import { canonicalJson } from '../../src/lib/canonical-json.js';
import { DATA_DIR, PROJECT_ROOT } from '../../src/project-files.js';
import type { Dataset } from '../../src/schemas/dataset.js';
import { readDataset } from '../../src/services/dataset/read-dataset.js';
import { createDataTools } from '../../src/services/dataset/seed.js';
import { testConfig } from '../support/app.js';

/**
 * neo4j-admin import gives the graph the Cypher bulk loader gives. Runs its own Neo4j (under
 * .neo4j-import-test/, bolt 7717 / http 7517 unless ADMIN_IMPORT_TEST_BOLT_PORT / _HTTP_PORT say otherwise),
 * since an import replaces the whole store of a stopped server. For each dataset: import it, dump the graph,
 * empty it, load the same dataset with DatasetService.bulkLoadIntoEmptyGraph, dump again, compare.
 */
const db = inject('neo4j');
const server: LocalNeo4jOptions = {
  user: db.user,
  password: db.password,
  root: join(PROJECT_ROOT, '.neo4j-import-test'),
  boltPort: Number(process.env.ADMIN_IMPORT_TEST_BOLT_PORT ?? 7717),
  httpPort: Number(process.env.ADMIN_IMPORT_TEST_HTTP_PORT ?? 7517),
  supervise: false,
};

/**
 * Every node (labels, properties and each property's Cypher type) and relationship (type, endpoints' ids or
 * labels, properties and types), one canonical line each, sorted.
 */
async function dumpGraph(driver: Driver): Promise<string[]> {
  const nodes = await driver.executeQuery('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props, [k IN keys(n) | [k, valueType(n[k])]] AS types');
  const relationships = await driver.executeQuery(
    `MATCH (a)-[r]->(b)
     RETURN type(r) AS type, coalesce(a.id, labels(a)[0]) AS from, coalesce(b.id, labels(b)[0]) AS to,
            properties(r) AS props, [k IN keys(r) | [k, valueType(r[k])]] AS types`,
  );
  const line = (row: Record<string, unknown>) => {
    const plain = toPlain(row) as Record<string, unknown>;
    if (Array.isArray(plain.labels)) plain.labels = [...(plain.labels as string[])].sort();
    plain.types = [...(plain.types as [string, string][])].sort(([a], [b]) => (a < b ? -1 : 1));
    return canonicalJson(plain as never);
  };
  return [...nodes.records.map((r) => line(r.toObject())), ...relationships.records.map((r) => line(r.toObject()))].sort();
}

/** What one side has and the other lacks, a few lines of each, for a readable failure. */
function difference(a: string[], b: string[]) {
  const [inA, inB] = [new Set(a), new Set(b)];
  return { onlyImported: a.filter((l) => !inB.has(l)).slice(0, 5), onlyCypher: b.filter((l) => !inA.has(l)).slice(0, 5) };
}

describe('loading through neo4j-admin database import', () => {
  let driver: Driver;
  let workDir: string;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'admin-import-'));
    driver = neo4j.driver(boltUri(server.boltPort), neo4j.auth.basic(server.user, server.password), { logging: { level: 'error', logger: () => {} } });
  });
  afterAll(async () => {
    await driver.close();
    await stop(server);
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Imports the dataset, then loads it with the Cypher bulk loader into the same (emptied) database. */
  async function importThenLoad(dataset: Dataset): Promise<{ imported: string[]; loaded: string[]; timings: ImportTimings }> {
    const timings = await importDataset(server, dataset, { workDir: join(workDir, 'csv'), maxOffHeapMemory: '512m' });
    const imported = await dumpGraph(driver);
    await driver.executeQuery('MATCH (n) DETACH DELETE n');
    const tools = createDataTools(new QueryRunner(driver, 'neo4j', 'admin-import-test'));
    await tools.loader.bulkLoadIntoEmptyGraph(dataset);
    const loaded = await dumpGraph(driver);
    return { imported, loaded, timings };
  }

  it('gives the real dataset the same graph as the Cypher loader, and the API answers from it', { timeout: 120_000 }, async () => {
    const dataset = readDataset(DATA_DIR);
    const timings = await importDataset(server, dataset, { workDir: join(workDir, 'csv'), maxOffHeapMemory: '512m' });
    // The real data has empty lists (aliases, an event's changes), which no CSV cell can hold: they are
    // filled in with Cypher after the import.
    expect(timings.followUp.emptyLists).toBeGreaterThan(0);
    expect(timings.relationships).toBe(dataset.relationships.length);

    const app = await buildApp(testConfig({ uri: boltUri(server.boltPort) }), { applySchemaOnStart: false });
    try {
      const res = await app.inject('/v1/companies/nissan?asOf=2016-10-21');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      // Holders of Nissan that day, by holder id: Daimler's 3.1% (mercedes-stake-nissan-2010) and Renault's 43.4%.
      expect(body.stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
        ['mercedes-benz-group', 3.1],
        ['renault', 43.4],
      ]);
    } finally {
      await app.close();
    }
    const schema = await driver.executeQuery("SHOW CONSTRAINTS YIELD name WHERE name IN ['entity_id', 'source_id', 'dataset_id'] RETURN count(*) AS n");
    expect(Number(schema.records[0]!.get('n'))).toBe(3);

    const imported = await dumpGraph(driver);
    await driver.executeQuery('MATCH (n) DETACH DELETE n');
    await createDataTools(new QueryRunner(driver, 'neo4j', 'admin-import-test')).loader.bulkLoadIntoEmptyGraph(dataset);
    const loaded = await dumpGraph(driver);
    expect(imported.length).toBe(dataset.sources.length + dataset.nodes.length + 1 + dataset.relationships.length);
    expect(difference(imported, loaded)).toEqual({ onlyImported: [], onlyCypher: [] });
    expect(imported).toEqual(loaded);
  });

  it('gives a 2,000-company synthetic network the same graph as the Cypher loader', { timeout: 120_000 }, async () => {
    const dir = join(workDir, 'network');
    const network = generateNetwork({ companies: 2_000, seed: 11 });
    writeNetwork(network, dir, 500);
    const dataset = readDataset(dir);
    // Values a CSV cell cannot hold, set row by row with Cypher after the import: a one-element list of ""
    // (an identifier without exchange) and line breaks. A list element with ";" (the importer's default
    // array delimiter) goes through the CSV as it is.
    const source = dataset.sources[0]!.id;
    (dataset.identifiers ??= []).push({ entity: 'c-1', scheme: 'wikidata', value: 'Q6686', sources: [source] });
    Object.assign(dataset.nodes.find((n) => n.id === 'c-2')!, { description: 'first line\nsecond line', aliases: ['A; B', 'C'] });
    Object.assign(dataset.relationships[0]!, { note: 'first line\r\nsecond line' });
    const { imported, loaded, timings } = await importThenLoad(dataset);
    expect(timings.followUp.rows).toBe(3);
    expect(timings.nodes).toBe(2_000 + dataset.sources.length + 1);
    expect(timings.relationships).toBe(network.stakes.length);
    expect(imported.some((l) => l.includes('"identifierExchanges":[""]'))).toBe(true);
    expect(imported.filter((l) => l.includes('"HOLDS_STAKE"')).length).toBe(network.stakes.length);
    expect(difference(imported, loaded)).toEqual({ onlyImported: [], onlyCypher: [] });
    expect(imported).toEqual(loaded);
  });
});
