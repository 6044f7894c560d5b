import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { start, stop } from '../../neo4j/local-server.js';
import { chooseNeo4j } from './neo4j-choice.js';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string;
  choice: string;
  /**
   * Whether the suite's Neo4j is this checkout's own local server (its pid file names the process), which
   * tests may stop and start; a Neo4j of another checkout answering on the port is not.
   */
  ownLocalServer: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

async function dockerEngineAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the real Neo4j the suite runs against: NEO4J_URI if set; else a Neo4j testcontainer when a
 * Docker engine answers; else the project's local Neo4j, started by the same script as `npm run db:start`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  const choice = chooseNeo4j({
    uriFromEnvironment: !config.neo4j.managedLocally,
    dockerEngineAnswers: config.neo4j.managedLocally && (await dockerEngineAnswers()),
  });
  let teardown = async (): Promise<void> => {};
  let uri = config.neo4j.uri;
  let ownLocalServer = false;
  const { user, password, database } = config.neo4j;

  if (choice === 'testcontainer') {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    // The same per-transaction memory limit as neo4j/neo4j.conf: without it the API keeps researchers' Cypher off.
    const container = await new Neo4jContainer('neo4j:5.26-community')
      .withPassword(password)
      .withEnvironment({ NEO4J_db_memory_transaction_max: '64m' })
      .start();
    uri = container.getBoltUri();
    teardown = async () => {
      await container.stop();
    };
  } else if (choice === 'local') {
    const result = await start({ user, password, log: (line) => console.log(`[neo4j] ${line}`) });
    uri = result.uri;
    ownLocalServer = result.pid !== null;
    // Leave a Neo4j that was already running alone; stop only what the suite started.
    if (result.started) teardown = async () => void (await stop({ user, password }));
  }
  console.log(`[neo4j] tests run against ${uri} (${choice})`);
  project.provide('neo4j', { uri, user, password, database, choice, ownLocalServer });
  return teardown;
}
