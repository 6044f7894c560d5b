/**
 * `npm start`: the whole stack on one command. With no NEO4J_URI it starts (or reuses) the project's
 * local Neo4j; it applies the schema, loads data/ when the graph holds no dataset, then serves. Researchers'
 * queries get a second local Neo4j of their own (scripts/research-neo4j.ts), started behind the API and
 * kept at the same dataset version, unless RESEARCH_NEO4J_URI names one or RESEARCH_ISOLATION=shared.
 * Ctrl-C stops the API, and stops each Neo4j too only if this process started it.
 */
import { ConfigError, loadConfig, type AppConfig } from '../src/config.js';
import { DatasetError } from '../src/services/dataset/read-dataset.js';
import { formatSummary, seedFromFolder, withDataTools } from '../src/services/dataset/seed.js';
import { DATA_DIR } from '../src/project-files.js';
import { startServer } from '../src/server.js';
import { start as startNeo4j, stop as stopNeo4j } from '../neo4j/local-server.js';
import { followMainVersion, researchNeo4jOptions, startLocalResearchNeo4j, type LocalResearchStart, type ResearchFollower } from './research-neo4j.js';

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

/** Whether this start runs researchers' own local Neo4j, and says where researchers' queries go otherwise. */
function wantsLocalResearch(config: AppConfig): boolean {
  if (config.neo4j.researchUri !== undefined) {
    console.log(
      config.neo4j.researchUri === config.neo4j.uri
        ? 'Researchers’ queries share the main Neo4j (RESEARCH_NEO4J_URI is NEO4J_URI)'
        : `Researchers’ queries run on ${config.neo4j.researchUri} (RESEARCH_NEO4J_URI)`,
    );
    return false;
  }
  if (config.research?.isolation === 'shared') {
    console.log('Researchers’ queries share the main Neo4j (RESEARCH_ISOLATION=shared)');
    return false;
  }
  if (!config.neo4j.managedLocally) {
    console.log('Researchers’ queries share the Neo4j at NEO4J_URI: set RESEARCH_NEO4J_URI to a read replica to keep their queries off it');
    return false;
  }
  return true;
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

  const researchOptions = wantsLocalResearch(config) ? researchNeo4jOptions(config, (l) => console.log(`[research neo4j] ${l}`)) : null;
  let research: LocalResearchStart | null = null;
  let follower: ResearchFollower | null = null;
  const serving: AppConfig = researchOptions ? { ...config, neo4j: { ...config.neo4j, researchUri: `bolt://127.0.0.1:${researchOptions.boltPort}` } } : config;
  const stopStartedNeo4j = async () => {
    console.log('Stopping the local Neo4j this process started…');
    await stopNeo4j(local);
  };
  let closing = false;
  const { app, url } = await startServer(serving, async () => {
    closing = true;
    await follower?.stop();
    // Both at once: close-with-grace gives the whole shutdown 10 s.
    await Promise.all([research?.stopIfOurs().then(() => undefined), startedNeo4j ? stopStartedNeo4j() : undefined]);
  });
  console.log(`API on ${url} (docs at ${url}/docs)`);

  // Behind the API, which serves at once: the research door answers 503 until this instance holds the same dataset.
  if (researchOptions) {
    const dataDir = config.dataDir ?? DATA_DIR;
    const starting = startLocalResearchNeo4j(researchOptions);
    research = starting;
    console.log(`Researchers’ queries run on a second local Neo4j at ${starting.uri} (.neo4j-research/); starting it in the background`);
    starting.done.then(
      (result) => {
        if (closing) return;
        console.log(result.started ? `Started the research Neo4j at ${result.uri}` : `Reusing the research Neo4j running at ${result.uri}`);
        follower = followMainVersion({
          research: { ...config.neo4j, uri: starting.uri },
          mainVersion: () => app.datasetVersion.current(),
          dataDir,
          log: (l) => console.log(`[research neo4j] ${l}`),
        });
      },
      (error: unknown) => {
        if (closing) return;
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
        console.error(`The research Neo4j could not be started: ${reason}`);
        app.research.readiness?.reportFailure(reason.slice(0, 300));
      },
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DatasetError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
