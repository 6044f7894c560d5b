/** `npm run db:migrate`: apply cypher/schema (idempotent). */
import neo4j from 'neo4j-driver';
import { ConfigError, loadConfig } from '../src/config.js';
import { buildRepositories } from '../src/dataset/seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.user, config.neo4j.password));
  try {
    const result = await buildRepositories(driver, config.neo4j.database).system.applySchema();
    console.log(`schema applied: ${result.statements} statements from ${result.files} files (all IF NOT EXISTS)`);
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
