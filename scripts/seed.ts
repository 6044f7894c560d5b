/**
 * `npm run seed [-- <folder>] [--message <text>]`: validate a dataset folder (default data/) and load it into
 * Neo4j. A load that changes the graph is recorded as a dataset version, with the message if given.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { DatasetError } from '../src/services/dataset/read-dataset.js';
import { formatSummary, seedFromFolder, withDataTools } from '../src/services/dataset/seed.js';
import { DATA_DIR } from '../src/project-files.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const { values, positionals } = parseArgs({ options: { message: { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0] ? resolve(positionals[0]) : DATA_DIR;
  return withDataTools(config.neo4j, async (repositories) => {
    await repositories.system.applySchema();
    const t0 = Date.now();
    const summary = await seedFromFolder(repositories, dir, (line) => console.log(line), { message: values.message ?? null });
    console.log(formatSummary(summary));
    const integrity = await repositories.dataset.checkIntegrity();
    console.log(
      `integrity: ${integrity.unsourcedNodes} unsourced nodes, ${integrity.unsourcedRelationships} unsourced relationships, ` +
        `${integrity.unknownSources.length} unknown source ids; ${((Date.now() - t0) / 1000).toFixed(2)} s`,
    );
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DatasetError || error instanceof ConfigError) console.error(error.message);
    else console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
