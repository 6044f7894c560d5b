import type { Neo4jConfig } from '../../config.js';
import { createDriver } from '../../db/driver.js';
import { QueryRunner } from '../../db/runner.js';
import { APP_TAG, CYPHER_SCHEMA_DIR } from '../../project-files.js';
import {
  DatasetRepository,
  type BulkLoadOptions,
  type GraphContent,
  type NodeRow,
  type ProgressListener,
  type RelationshipRow,
  type RetractionRow,
} from '../../repositories/dataset-repository.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { SystemRepository } from '../../repositories/system-repository.js';
import type { Dataset } from '../../schemas/dataset.js';
import { writeImportFiles, type ImportFiles } from './admin-import.js';
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
  /** The dataset version this load recorded (null: nothing changed, nothing recorded). */
  versionNumber: number | null;
}

export interface SeedOptions {
  /** What the load is for, kept with the version (e.g. "Correct Renault's stake in Nissan"). */
  message?: string | null;
  /** The load time (default: now). */
  now?: Date;
}

const retractedNode = (n: NodeRow): RetractionRow => ({ statementId: n.id, kind: 'node', type: n.label, from: null, to: null, props: canonicalJson(n.props) });
const retractedRelationship = (r: RelationshipRow): RetractionRow => ({
  statementId: r.id,
  kind: 'relationship',
  type: r.type,
  from: r.from,
  to: r.to,
  props: canonicalJson(r.props),
});

const stampOf = (dataset: Dataset) => ({ version: dataset.version, files: dataset.files, reviewedOn: dataset.reviewedOn ?? null });

/** Plans a seed against what the graph holds: only what differs is written, so a second seed writes nothing. */
export function planSeed(dataset: Dataset, content: GraphContent, options: SeedOptions = {}) {
  const desired = datasetRows(dataset);
  const nodePlan = planChanges(
    [...desired.sources, ...desired.nodes],
    content.nodes,
    (n) => n.label,
    (a, b) => a.label === b.label,
  );
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
  // Each load that changes the graph is a version; a graph loaded before versions were recorded gets its first one once.
  const record = changed || content.latestVersionNumber === null;
  const number = (content.latestVersionNumber ?? 0) + 1;
  const updatedNodes = nodePlan.writes.filter((n) => content.nodes.has(n.id) && !nodePlan.removals.some((r) => r.id === n.id));
  const updatedRelationships = relationshipPlan.writes.filter((r) => content.relationships.has(r.id) && !relationshipPlan.removals.some((x) => x.id === r.id));
  // Into an empty graph everything is created: the lists stay empty (a statement in no list stood from the
  // first version on), so a large first load does not store its every id again.
  const empty = content.nodes.size === 0 && content.relationships.size === 0;
  const ids = <T extends { id: string }>(rows: T[]) => (empty ? [] : rows.map((r) => r.id).sort());
  const version = record
    ? {
        number,
        hash: dataset.version,
        loadedAt: (options.now ?? new Date()).toISOString(),
        message: options.message ?? null,
        files: dataset.files,
        nodeCount: desired.sources.length + desired.nodes.length,
        relationshipCount: desired.relationships.length,
        nodeChanges: [nodePlan.writes.length - updatedNodes.length, updatedNodes.length, nodePlan.removals.length],
        relationshipChanges: [relationshipPlan.writes.length - updatedRelationships.length, updatedRelationships.length, relationshipPlan.removals.length],
        nodesCreated: ids(nodePlan.writes.filter((n) => !updatedNodes.includes(n))),
        nodesUpdated: ids(updatedNodes),
        nodesRemoved: ids(nodePlan.removals),
        relationshipsCreated: ids(relationshipPlan.writes.filter((r) => !updatedRelationships.includes(r))),
        relationshipsUpdated: ids(updatedRelationships),
        relationshipsRemoved: ids(relationshipPlan.removals),
      }
    : null;
  // A correction keeps the statement it replaces, and a removal the statement it removes.
  const retractions = record
    ? [
        ...updatedNodes.map((n) => retractedNode(content.nodes.get(n.id)!)),
        ...nodePlan.removals.map(retractedNode),
        ...updatedRelationships.map((r) => retractedRelationship(content.relationships.get(r.id)!)),
        ...relationshipPlan.removals.map(retractedRelationship),
      ]
    : [];
  const summary: SeedSummary = {
    version: dataset.version,
    previousVersion: content.version,
    nodes: nodePlan.counts,
    relationships: relationshipPlan.counts,
    changed,
    versionNumber: version?.number ?? null,
  };
  return { writes: { ...writes, stamp: changed ? stampOf(dataset) : null, version, retractions }, result: summary };
}

/** Loads datasets into the graph: a seed (one transaction, a diff) or a bulk load into an empty graph. */
export class DatasetService {
  constructor(readonly repository: DatasetRepository) {}

  seed(dataset: Dataset, onProgress?: ProgressListener, options: SeedOptions = {}): Promise<SeedSummary> {
    return this.repository.applyPlanned((content) => planSeed(dataset, content, options), onProgress);
  }

  /**
   * The dataset as CSV files for `neo4j-admin database import full` (into `dir`): the rows and stamp a bulk
   * load writes. After the import: start the server, fillImportedEmptyLists, apply the schema, then
   * completeImportedRows.
   */
  writeImportFiles(dataset: Dataset, dir: string): ImportFiles {
    return writeImportFiles(dir, datasetRows(dataset), stampOf(dataset));
  }

  /** The empty lists CSV cannot hold, filled in by label and type; before the schema, so indexes are built once. */
  fillImportedEmptyLists(files: Pick<ImportFiles, 'followUp'>): Promise<void> {
    return this.repository.fillImportedEmptyLists(files.followUp);
  }

  /** The other values CSV cannot hold, row by row; after the schema (rows are found by id). */
  completeImportedRows(files: Pick<ImportFiles, 'followUp'>): Promise<void> {
    return this.repository.completeImportedRows(files.followUp);
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
      versionNumber: null,
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
  const recorded = summary.versionNumber === null ? '' : `, recorded as version ${summary.versionNumber}`;
  const lines = [`dataset ${summary.version.slice(0, 12)}${summary.changed ? '' : ' (no change)'}${recorded}`];
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
  tools: Pick<DataTools, 'loader'>,
  dir: string,
  log: (line: string) => void = () => {},
  options: SeedOptions = {},
): Promise<SeedSummary> {
  const dataset = readDataset(dir);
  let lastPercent = -1;
  const startedAt = Date.now();
  return tools.loader.seed(
    dataset,
    (done, total) => {
      if (total < 5_000) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      const rate = done / Math.max((Date.now() - startedAt) / 1000, 0.001);
      const eta = (total - done) / Math.max(rate, 1);
      log(`  ${percent}% (${done}/${total}, ${Math.round(rate)} rows/s, ETA ${eta.toFixed(0)} s)`);
    },
    options,
  );
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
