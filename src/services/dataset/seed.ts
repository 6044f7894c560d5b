import type { Neo4jConfig } from '../../config.js';
import { createDriver } from '../../db/driver.js';
import { QueryRunner } from '../../db/runner.js';
import { APP_TAG, CYPHER_SCHEMA_DIR } from '../../project-files.js';
import { DatasetRepository, type BulkLoadOptions, type GraphContent, type ProgressListener } from '../../repositories/dataset-repository.js';
import { SystemRepository } from '../../repositories/system-repository.js';
import type { Dataset } from '../../schemas/dataset.js';
import { datasetRows } from './graph-rows.js';
import { planChanges, type ChangeCounts } from './plan-changes.js';
import { readDataset } from './read-dataset.js';

export interface SeedSummary {
  version: string;
  previousVersion: string | null;
  /** Per node label (Source included) and per relationship type. */
  nodes: Record<string, ChangeCounts>;
  relationships: Record<string, ChangeCounts>;
  changed: boolean;
}

const stampOf = (dataset: Dataset) => ({ version: dataset.version, files: dataset.files, reviewedOn: dataset.reviewedOn ?? null });

/** Plans a seed against what the graph holds: only what differs is written, so a second seed writes nothing. */
export function planSeed(dataset: Dataset, content: GraphContent) {
  const desired = datasetRows(dataset);
  const nodePlan = planChanges([...desired.sources, ...desired.nodes], content.nodes, (n) => n.label, (a, b) => a.label === b.label);
  const removedNodeIds = new Set(nodePlan.removals.map((n) => n.id));
  const relationshipPlan = planChanges(
    desired.relationships,
    content.relationships,
    (r) => r.type,
    // A relationship whose endpoint is recreated goes with it, so it must be recreated too.
    (a, b) => a.type === b.type && a.from === b.from && a.to === b.to && !removedNodeIds.has(a.from) && !removedNodeIds.has(a.to),
  );
  const writes = {
    relationshipRemovals: relationshipPlan.removals.map((r) => r.id),
    nodeRemovals: nodePlan.removals,
    nodeWrites: nodePlan.writes,
    relationshipWrites: relationshipPlan.writes,
  };
  const changed = Object.values(writes).some((w) => w.length > 0) || content.version !== dataset.version;
  const summary: SeedSummary = {
    version: dataset.version,
    previousVersion: content.version,
    nodes: nodePlan.counts,
    relationships: relationshipPlan.counts,
    changed,
  };
  return { writes: { ...writes, stamp: changed ? stampOf(dataset) : null }, result: summary };
}

/** Loads datasets into the graph: a seed (one transaction, a diff) or a bulk load into an empty graph. */
export class DatasetService {
  constructor(readonly repository: DatasetRepository) {}

  seed(dataset: Dataset, onProgress?: ProgressListener): Promise<SeedSummary> {
    return this.repository.applyPlanned((content) => planSeed(dataset, content), onProgress);
  }

  async bulkLoadIntoEmptyGraph(dataset: Dataset, onProgress?: ProgressListener, options: BulkLoadOptions = {}): Promise<SeedSummary> {
    const rows = datasetRows(dataset);
    await this.repository.bulkLoadIntoEmptyGraph(rows, stampOf(dataset), onProgress, options);
    const created = (kinds: string[]) => {
      const counts: Record<string, ChangeCounts> = {};
      for (const kind of kinds) {
        counts[kind] ??= { created: 0, updated: 0, removed: 0, unchanged: 0 };
        counts[kind].created += 1;
      }
      return counts;
    };
    return {
      version: dataset.version,
      previousVersion: null,
      nodes: created([...rows.sources, ...rows.nodes].map((n) => n.label)),
      relationships: created(rows.relationships.map((r) => r.type)),
      changed: true,
    };
  }
}

/** What the command-line tools and tests need to load data, built over the same runner as the app's. */
export function createDataTools(db: QueryRunner, schemaDir: string = CYPHER_SCHEMA_DIR) {
  const dataset = new DatasetRepository(db);
  return { system: new SystemRepository(db, schemaDir), dataset, loader: new DatasetService(dataset) };
}

export type DataTools = ReturnType<typeof createDataTools>;

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
export async function seedFromFolder(tools: Pick<DataTools, 'loader'>, dir: string, log: (line: string) => void = () => {}): Promise<SeedSummary> {
  const dataset = readDataset(dir);
  let lastPercent = -1;
  const startedAt = Date.now();
  return tools.loader.seed(dataset, (done, total) => {
    if (total < 5_000) return;
    const percent = Math.floor((done / total) * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    const rate = done / Math.max((Date.now() - startedAt) / 1000, 0.001);
    const eta = (total - done) / Math.max(rate, 1);
    log(`  ${percent}% (${done}/${total}, ${Math.round(rate)} rows/s, ETA ${eta.toFixed(0)} s)`);
  });
}

/**
 * Opens Neo4j the way the app does (same driver settings, a small pool), hands the data tools to `work`
 * and closes the driver whatever happens: what the command-line tools run in.
 */
export async function withDataTools<T>(config: Neo4jConfig, work: (tools: DataTools) => Promise<T>): Promise<T> {
  const driver = createDriver(config, { poolSize: 4, acquisitionTimeoutMs: 60_000 });
  try {
    return await work(createDataTools(new QueryRunner(driver, config.database, APP_TAG)));
  } finally {
    await driver.close();
  }
}
