/** `npm run db:migrate`: apply cypher/schema (idempotent). */
import { ConfigError, loadConfig } from '../src/config.js';
import { withDataTools } from '../src/services/dataset/seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const result = await withDataTools(config.neo4j, (tools) => tools.system.applySchema());
  console.log(`schema applied: ${result.statements} statements from ${result.files} files (all IF NOT EXISTS)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
