/**
 * `npm start`: the whole stack on one command. With no NEO4J_URI it starts (or reuses) the project's
 * local Neo4j; the app applies the schema; then it serves. Ctrl-C stops the API, and stops Neo4j too
 * only if this process started it.
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { start as startNeo4j, stop as stopNeo4j } from '../neo4j/local-server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  let startedNeo4j = false;
  const local = { user: config.neo4j.user, password: config.neo4j.password, log: (l: string) => console.log(l) };
  if (config.neo4j.managedLocally) {
    const result = await startNeo4j(local);
    startedNeo4j = result.started;
    console.log(result.started ? `Started local Neo4j at ${result.uri}` : `Reusing the Neo4j running at ${result.uri}`);
  }
  const { url } = await startServer(config, async () => {
    if (startedNeo4j) {
      console.log('Stopping the local Neo4j this process started…');
      await stopNeo4j(local);
    }
  });
  console.log(`API on ${url} (docs at ${url}/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
