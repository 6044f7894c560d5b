import type { Driver } from 'neo4j-driver';
import { CypherCatalogue, declaredSchemaNames } from '../lib/cypher-catalogue.js';
import { CYPHER_QUERIES_DIR, CYPHER_SCHEMA_DIR } from '../paths.js';
import { DatasetRepository, type SeedSummary } from '../repositories/dataset-repository.js';
import { SystemRepository } from '../repositories/system-repository.js';
import { readDataset } from './read-dataset.js';

/** The repositories the command-line tools need, built the same way the app builds them. */
export function buildRepositories(driver: Driver, database: string) {
  const cypher = new CypherCatalogue(CYPHER_QUERIES_DIR);
  return {
    system: new SystemRepository(driver, database, cypher, CYPHER_SCHEMA_DIR, declaredSchemaNames(CYPHER_SCHEMA_DIR)),
    dataset: new DatasetRepository(driver, database, cypher),
  };
}

export function formatSummary(summary: SeedSummary): string {
  const lines = [`dataset ${summary.version.slice(0, 12)}${summary.changed ? '' : ' (no change)'}`];
  const table = (title: string, counts: SeedSummary['nodes']) => {
    for (const [key, c] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  ${title} ${key.padEnd(16)} created ${c.created}, updated ${c.updated}, removed ${c.removed}, unchanged ${c.unchanged}`);
    }
  };
  table('node', summary.nodes);
  table('rel ', summary.relationships);
  return lines.join('\n');
}

/** Validates the folder first (nothing is written if it is invalid), then loads it in one transaction. */
export async function seedFromFolder(
  repositories: ReturnType<typeof buildRepositories>,
  dir: string,
  log: (line: string) => void = () => {},
): Promise<SeedSummary> {
  const dataset = readDataset(dir);
  let lastPercent = -1;
  const startedAt = Date.now();
  const summary = await repositories.dataset.seed(dataset, (done, total) => {
    if (total < 5_000) return;
    const percent = Math.floor((done / total) * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    const rate = done / Math.max((Date.now() - startedAt) / 1000, 0.001);
    const eta = (total - done) / Math.max(rate, 1);
    log(`  ${percent}% (${done}/${total}, ${Math.round(rate)} rows/s, ETA ${eta.toFixed(0)} s)`);
  });
  return summary;
}
