/**
 * `npm start`: the whole stack on one command. With no NEO4J_URI it starts (or reuses) the project's
 * local Neo4j; it applies the schema, loads data/ when the graph holds no dataset, then serves. Ctrl-C stops the API, and stops Neo4j too
 * only if this process started it.
 */
import { ConfigError, loadConfig, type AppConfig } from '../src/config.js';
import { DatasetError } from '../src/services/dataset/read-dataset.js';
import { formatSummary, seedFromFolder, withDataTools } from '../src/services/dataset/seed.js';
import { DATA_DIR } from '../src/project-files.js';
import { startServer } from '../src/server.js';
import { start as startNeo4j, stop as stopNeo4j } from '../neo4j/local-server.js';

/** Applies the schema and, when the graph holds no dataset yet, loads data/ (or DATASET_DIR). */
async function prepareGraph(config: AppConfig): Promise<void> {
  await withDataTools(config.neo4j, async (repositories) => {
    await repositories.system.applySchema();
    if ((await repositories.dataset.getVersion()) === null) {
      const dataDir = config.dataDir ?? DATA_DIR;
      console.log(`The graph holds no dataset yet: loading ${dataDir}`);
      console.log(formatSummary(await seedFromFolder(repositories, dataDir, (line) => console.log(line))));
    }
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  let startedNeo4j = false;
  const local = { user: config.neo4j.user, password: config.neo4j.password, log: (l: string) => console.log(l) };
  if (config.neo4j.managedLocally) {
    const result = await startNeo4j(local);
    startedNeo4j = result.started;
    console.log(result.started ? `Started local Neo4j at ${result.uri}` : `Reusing the Neo4j running at ${result.uri}`);
  }
  await prepareGraph(config);
  const { url } = await startServer(config, async () => {
    if (startedNeo4j) {
      console.log('Stopping the local Neo4j this process started…');
      await stopNeo4j(local);
    }
  });
  console.log(`API on ${url} (docs at ${url}/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DatasetError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
