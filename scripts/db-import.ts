/**
 * `npm run db:import -- <folder> [--overwrite] [--bolt-port=7687 --http-port=7474] [--memory=2g]`: loads a
 * dataset folder into the project's local Neo4j through `neo4j-admin database import full`, the fastest way
 * to load a large dataset into an empty database (see neo4j/import-dataset.ts). The folder is validated first;
 * the server is stopped for the import and started again on the new store, with the schema applied. The
 * database must be empty (no dataset, no entities) unless --overwrite: the import replaces it all. Like a bulk
 * load, it records no dataset version; `npm run seed` keeps loading changes afterwards.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { DatasetError, readDataset } from '../src/services/dataset/read-dataset.js';
import { withDataTools } from '../src/services/dataset/seed.js';
import { importDataset } from '../neo4j/import-dataset.js';
import { DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, boltUri, start } from '../neo4j/local-server.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const { values, positionals } = parseArgs({
    options: { overwrite: { type: 'boolean' }, 'bolt-port': { type: 'string' }, 'http-port': { type: 'string' }, memory: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    console.error('usage: npm run db:import -- <dataset folder> [--overwrite] [--bolt-port=7687 --http-port=7474] [--memory=2g]');
    return 2;
  }
  if (!config.neo4j.managedLocally) {
    console.error("db:import loads the project's local Neo4j (it stops and starts it); NEO4J_URI names another server");
    return 2;
  }
  const port = (raw: string | undefined, fallback: number) => (raw === undefined ? fallback : Number(raw));
  const server = {
    user: config.neo4j.user,
    password: config.neo4j.password,
    boltPort: port(values['bolt-port'], DEFAULT_BOLT_PORT),
    httpPort: port(values['http-port'], DEFAULT_HTTP_PORT),
    log: (line: string) => console.log(line),
  };
  const t0 = Date.now();
  const dataset = readDataset(resolve(positionals[0]!));
  console.log(
    `read and validated ${dataset.nodes.length + dataset.sources.length} nodes, ${dataset.relationships.length} relationships in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  if (!values.overwrite) {
    // A stopped server is started to look: its store may hold data too.
    await start(server);
    const holds = await withDataTools({ ...config.neo4j, uri: boltUri(server.boltPort) }, (tools) => tools.dataset.holdsAnyData());
    if (holds) {
      console.error('The database holds data; the import would replace all of it. Run again with --overwrite to do so, or use npm run seed.');
      return 1;
    }
  }
  const timings = await importDataset(server, dataset, {
    workDir: join(tmpdir(), `alliance-import-${process.pid}`),
    ...(values.memory ? { maxOffHeapMemory: values.memory } : {}),
    log: (line) => {
      if (!line.includes('[neo4j-admin]') || /IMPORT DONE|Imported:|nodes$|relationships$|properties$/.test(line)) console.log(line);
    },
  });
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `imported ${timings.nodes} nodes and ${timings.relationships} relationships: CSV ${s(timings.csvMs)}, neo4j-admin ${s(timings.adminMs)}, ` +
      `start ${s(timings.startMs)}, schema ${s(timings.schemaMs)}, completion ${s(timings.completeMs)}; ${s(timings.totalMs)} in all`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DatasetError || error instanceof ConfigError) console.error(error.message);
    else console.error(`db:import failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
